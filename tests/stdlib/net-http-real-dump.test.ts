/**
 * The model's dump of the timeout-handler server against a real one: tests/fixtures/net-http-dump
 * run on go1.19.8 (the reference runs' release), dumped before and after its 503s. Every stack the
 * model prints must be found in the real dump, in the same wait state, its frames in the same
 * order (the model folds some frames away, so in order but not necessarily adjacent): net/http's
 * at the same server.go lines, the program's by function, and `created by` at the same site.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  groupByStack,
  parseDump,
  type GoroutineFrame,
  type GoroutineRecord,
} from '../../src/model/traceback.ts';
import { leakingServer } from './leaking-server.ts';

const realText = readFileSync(
  new URL('../fixtures/net-http-go1.19.8.dump.txt', import.meta.url),
  'utf8',
);
const real: GoroutineRecord[] = realText.split('\n===== after 503\n').flatMap(parseDump);

/** The same frame: net/http's at the same server.go line, any other by its function. */
function sameFrame(model: GoroutineFrame, seen: GoroutineFrame): boolean {
  if (model.func !== seen.func) return false;
  return !model.file.endsWith('/net/http/server.go') || model.line === seen.line;
}

/** `model`'s frames appear in `seen`'s, in order (innermost first). */
function foldedInto(model: GoroutineRecord, seen: GoroutineRecord): boolean {
  let k = 0;
  for (const frame of seen.frames)
    if (k < model.frames.length && sameFrame(model.frames[k]!, frame)) k++;
  if (k < model.frames.length) return false;
  const a = model.createdBy;
  const b = seen.createdBy;
  if (a === undefined || b === undefined) return a === b;
  return a.func === b.func && (!a.file.endsWith('/net/http/server.go') || a.line === b.line);
}

describe('timeout-handler dump against a real go1.19.8 dump of the same server', () => {
  const groups = groupByStack(parseDump(leakingServer('1.19').dump()));

  test('the run holds the four kinds of goroutine the real server has', () => {
    const states = groups.map((g) => `${g.state} ${g.sample.frames[0]?.func ?? ''}`);
    expect(states).toEqual(
      expect.arrayContaining([
        'IO wait main.main',
        'IO wait net/http.(*conn).serve',
        'select net/http.(*conn).serve',
        'sleep main.main.func1',
      ]),
    );
  });

  test.each(
    groups.map((g) => [`${g.state}: ${g.sample.frames.map((f) => f.func).join(' <- ')}`, g]),
  )('%s', (_name, group) => {
    const match = real.find((r) => r.state === group.state && foldedInto(group.sample, r));
    expect(match, 'no real goroutine with these frames in this state').toBeDefined();
  });
});
