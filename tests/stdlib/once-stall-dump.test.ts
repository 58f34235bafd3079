/**
 * A goroutine dump of the once-stall scenario parses like the real one
 * (reference/results/once-block.dump.txt, Go 1.19, copied to tests/fixtures): the same header
 * shapes, the same stacks through `sync.(*Once).doSlow`, the same `created by` lines, and the
 * Go 1.21+ forms when the version says so.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseDump } from '../../src/model/traceback-parse.ts';
import type { GoroutineRecord } from '../../src/model/traceback.ts';
import { SECOND } from '../../src/scenarios/duration.ts';
import { onceStall } from '../../src/scenarios/once-stall.ts';

const realDump = readFileSync(
  fileURLToPath(new URL('../fixtures/once-block.dump.txt', import.meta.url)),
  'utf8',
);

function modelDump(go: string, atNs: number): GoroutineRecord[] {
  const sim = onceStall.create(
    { mode: 'block', qps: 100, load: 3 * SECOND, go },
    { seed: 1, sampleNs: SECOND / 2 },
  );
  sim.runUntil(atNs);
  return parseDump(sim.dump());
}

/** Goroutines grouped by state and stack (function names), with their counts. */
function shape(records: readonly GoroutineRecord[]): Map<string, number> {
  const groups = new Map<string, number>();
  for (const r of records) {
    const key = `[${r.state}] ${r.frames.map((f) => f.func).join(' < ')} | created by ${r.createdBy?.func ?? '-'}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return groups;
}

describe('once-stall goroutine dump', () => {
  const real = parseDump(realDump);
  // After the load: every caller has arrived; the reference dumped at 4s.
  const model = modelDump('1.19', 3.5 * SECOND);

  test('the callers’ groups match the real dump: one in f, the rest in doSlow on the mutex', () => {
    const callers = (recs: readonly GoroutineRecord[]) =>
      new Map([...shape(recs)].filter(([key]) => key.includes('main.main.func1.1')));
    expect(callers(model)).toEqual(callers(real));
    expect([...callers(real).values()].sort((a, b) => a - b)).toEqual([1, 299]);
  });

  test('header shapes and frame places are the runtime’s', () => {
    const waiting = model.find((r) => r.state === 'semacquire');
    expect(waiting).toBeDefined();
    const realWaiting = real.find((r) => r.state === 'semacquire');
    // Argument words are addresses and differ run to run; inlined frames print `...` in both.
    const place = (f: GoroutineRecord['frames'][number]) =>
      `${f.func}(${f.args === '...' ? '...' : 'args'}) ${f.file.split('/').at(-1) ?? ''}`;
    expect(waiting?.frames.map(place)).toEqual(realWaiting?.frames.map(place));
    const doSlow = waiting?.frames.find((f) => f.func === 'sync.(*Once).doSlow');
    expect(doSlow).toMatchObject({ file: '/usr/local/go/src/sync/once.go', line: 70 });
    // Go 1.19 prints no parent goroutine id.
    expect(waiting?.createdBy?.parentId).toBe(0);
  });

  test('with Go 1.21: sync.Mutex.Lock waits and `created by ... in goroutine N` of the ticker goroutine', () => {
    const recs = modelDump('1.21', 3.5 * SECOND);
    const waiting = recs.filter((r) => r.state === 'sync.Mutex.Lock');
    expect(waiting).toHaveLength(299);
    const ticker = recs.find((r) => r.frames[0]?.func === 'main.main.func1');
    const parents = new Set(waiting.map((r) => r.createdBy?.parentId));
    // The ticker goroutine has exited by now; its id is still the one printed.
    expect(parents.size).toBe(1);
    expect([...parents][0]).toBeGreaterThan(1);
    expect(ticker).toBeUndefined();
  });
});

/**
 * Every release the model follows, against a real dump of the reference's oncestall program on
 * it (tests/fixtures/once-block*.dump.txt): the caller parked on the Once and the caller running
 * f, frame for frame, the standard library's at the same file and line. From Go 1.24 the wait
 * goes through internal/sync's Mutex.
 */
describe.each([
  ['1.19', 'once-block.dump.txt'],
  ['1.21', 'once-block-go1.21.13.dump.txt'],
  ['1.22', 'once-block-go1.22.12.dump.txt'],
  ['1.23', 'once-block-go1.23.5.dump.txt'],
  ['1.24', 'once-block-go1.24.4.dump.txt'],
  ['1.25', 'once-block-go1.25.12.dump.txt'],
  ['1.26', 'once-block-go1.26.10.dump.txt'],
  ['1.27', 'once-block-go1.27.3.dump.txt'],
])('Go %s: the Once callers as in %s', (go, fixture) => {
  const real = parseDump(
    readFileSync(fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url)), 'utf8'),
  );
  const model = modelDump(go, 3.5 * SECOND);
  /** A frame as a dump prints it: the standard library's with its place, the program's by name. */
  const frame = (f: GoroutineRecord['frames'][number]) => {
    const i = f.file.indexOf('/src/');
    return i < 0 ? f.func : `${f.func} ${f.file.slice(i + 5)}:${f.line}`;
  };
  const stack = (r: GoroutineRecord) => `[${r.state}] ${r.frames.map(frame).join(' < ')}`;
  const realStacks = new Set(real.map(stack));

  test.each([
    ['parked on the mutex', false, true],
    ['running f', true, false],
  ])('the caller %s', (_name, runsF, many) => {
    const callers = model.filter(
      (r) =>
        r.frames.at(-1)?.func === 'main.main.func1.1' &&
        r.frames.some((f) => f.func === 'main.loadFromRemote') === runsF,
    );
    const stacks = new Set(callers.map(stack));
    expect(callers.length > 1).toBe(many);
    for (const s of stacks) expect(realStacks, s).toContain(s);
  });
});
