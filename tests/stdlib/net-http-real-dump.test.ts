/**
 * The model's dump of the timeout-handler server against a real one: tests/fixtures/net-http-dump
 * run on go1.19.8 (the reference runs' release), dumped before and after its 503s. Every stack the
 * model prints must be in the real dump, in the same wait state, frame for frame: the standard
 * library's at the same file and line, the program's by function, `created by` at the same site.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { groupByStack, parseDump } from '../../src/model/traceback-parse.ts';
import type { GoroutineFrame, GoroutineRecord } from '../../src/model/traceback.ts';
import { leakingServer } from './leaking-server.ts';

const realText = readFileSync(
  new URL('../fixtures/net-http-go1.19.8.dump.txt', import.meta.url),
  'utf8',
);
const real: GoroutineRecord[] = realText.split('\n===== after 503\n').flatMap(parseDump);

/** Where a frame sits: its path below the Go tree's `src/`, or the program's own file. */
const place = (f: GoroutineFrame): string => {
  const i = f.file.indexOf('/src/');
  return i < 0 ? '' : `${f.file.slice(i + 5)}:${f.line}`;
};

/** Frame by frame the same stack: functions, the standard library's files and lines, creator. */
function sameStack(model: GoroutineRecord, seen: GoroutineRecord): boolean {
  const same = (a: GoroutineFrame, b: GoroutineFrame) => a.func === b.func && place(a) === place(b);
  if (model.frames.length !== seen.frames.length) return false;
  if (!model.frames.every((f, i) => same(f, seen.frames[i]!))) return false;
  const a = model.createdBy;
  const b = seen.createdBy;
  if (a === undefined || b === undefined) return a === b;
  return same({ ...a, args: '' }, { ...b, args: '' });
}

describe('timeout-handler dump against a real go1.19.8 dump of the same server', () => {
  const groups = groupByStack(parseDump(leakingServer('1.19').dump()));

  test('the run holds the four kinds of goroutine the real server has', () => {
    const states = groups.map((g) => `${g.state} ${g.sample.frames.at(-1)?.func ?? ''}`);
    expect(states).toEqual(
      expect.arrayContaining([
        'IO wait main.main',
        'IO wait net/http.(*conn).serve',
        'select net/http.(*conn).serve',
        'sleep net/http.(*timeoutHandler).ServeHTTP.func1',
      ]),
    );
  });

  test.each(
    groups.map((g) => [`${g.state}: ${g.sample.frames.map((f) => f.func).join(' <- ')}`, g]),
  )('%s', (_name, group) => {
    const match = real.find((r) => r.state === group.state && sameStack(group.sample, r));
    expect(match, 'no real goroutine with these frames in this state').toBeDefined();
  });
});
