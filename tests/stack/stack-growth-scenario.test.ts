import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { newStack, popFrame, pushFrame, shrinkStack } from '../../src/model/stack.ts';
import { defaultValues } from '../../src/scenarios/params.ts';
import {
  ENTRY_FRAME_BYTES,
  stackGrowth,
  type StackGrowthValues,
  type StackStep,
} from '../../src/scenarios/stack-growth.ts';

function run(values: StackGrowthValues, sampleNs = 1_000) {
  const sim = stackGrowth.create(values, { seed: 7, sampleNs });
  sim.runUntil(stackGrowth.horizonNs(values));
  return sim;
}

/** The depth → size table straight from stack.ts, with no scheduler around it. */
function replay(values: StackGrowthValues): StackStep[] {
  const st = newStack(Number(values.start));
  pushFrame(st, ENTRY_FRAME_BYTES);
  const steps: StackStep[] = [
    { kind: 'start', depth: -1, bytes: st.size, copies: 0, copiedBytes: 0 },
  ];
  const snap = (kind: StackStep['kind'], depth: number) =>
    steps.push({ kind, depth, bytes: st.size, copies: st.copies, copiedBytes: st.copiedBytes });
  for (let d = 0; d <= values.depth; d++)
    if (pushFrame(st, values.frameBytes) !== null) snap('grow', d);
  for (let d = 0; d <= values.depth; d++) popFrame(st);
  for (let i = 0; i < values.gcs; i++) if (shrinkStack(st) !== null) snap('shrink', -1);
  return steps;
}

const base = defaultValues(stackGrowth.params);

describe('stack-growth scenario', () => {
  test('default run: 300 frames of 104 bytes take the stack from 2 KiB to 32 KiB in 4 copies', () => {
    const sim = run(base);
    expect(sim.done).toBe(true);
    expect(sim.fatal).toBeNull();
    const history = sim.view().extra['history'] as StackStep[];
    expect(history.map((h) => [h.depth, h.bytes])).toEqual([
      [-1, 2048],
      [10, 4096],
      [30, 8192],
      [69, 16384],
      [148, 32768],
    ]);
    expect(sim.counters()).toMatchObject({ stackBytes: 32768, copies: 4, growths: 4, shrinks: 0 });
  });

  test('the run’s history is exactly what stack.ts gives on its own, for any params', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 2, max: 2000 }).map((n) => n * 8),
        fc.constantFrom('2048', '4096', '8192', '16384'),
        fc.integer({ min: 0, max: 6 }),
        (depth, frameBytes, start, gcs) => {
          const values = { depth, frameBytes, start, gcs };
          const sim = run(values, stackGrowth.horizonNs(values));
          expect(sim.view().extra['history']).toEqual(replay(values));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('GC cycles after the recursion halve the stack one step each, down to 2 KiB', () => {
    const sim = run({ ...base, gcs: 6 });
    const shrinks = (sim.view().extra['history'] as StackStep[]).filter((h) => h.kind === 'shrink');
    expect(shrinks.map((h) => h.bytes)).toEqual([16384, 8192, 4096, 2048]);
    expect(sim.counters()).toMatchObject({ stackBytes: 2048, peakStackBytes: 32768, copies: 8 });
    expect(sim.trace().some((e) => e.kind === 'stack-shrink')).toBe(true);
  });

  test('series follow the stack as it grows and unwinds', () => {
    const values = { ...base, depth: 2000 };
    const sim = run(values, 1_000);
    const series = sim.series();
    const bytes = series['stackBytes'] ?? [];
    expect(bytes.length).toBe(series.t_ms.length);
    expect(Math.max(...bytes)).toBe(262144);
    for (let i = 1; i < bytes.length; i++)
      expect(bytes[i]).toBeGreaterThanOrEqual(bytes[i - 1] ?? 0);
    expect(Math.max(...(series['depth'] ?? []))).toBeGreaterThan(1000);
  });

  test('a stack past maxstacksize ends the run with the runtime’s fatal error', () => {
    const sim = run({ ...base, depth: 20_000, frameBytes: 65_536 });
    expect(sim.done).toBe(true);
    expect(sim.fatal).toContain('runtime: goroutine stack exceeds 1000000000-byte limit');
    expect(sim.fatal).toContain('fatal error: stack overflow');
    expect(sim.counters()['peakStackBytes']).toBe(512 * 1024 * 1024);
  });

  test('the dump shows the recursion in the runtime’s format', () => {
    const sim = stackGrowth.create({ ...base, depth: 20 }, { seed: 1, sampleNs: 1_000 });
    sim.runToEvent(20);
    const dump = sim.dump();
    expect(dump).toMatch(/^goroutine \d+ \[running\]:\nmain\.recurse\(\)\n\t\/app\/main\.go:\d+/m);
    expect(dump).toMatch(/created by main\.main in goroutine 1\n/);
  });

  test('a deep recursion’s dump prints 100 frames and counts the rest, as Go 1.21+ does', () => {
    const sim = stackGrowth.create({ ...base, depth: 3000 }, { seed: 1, sampleNs: 1_000 });
    sim.runToEvent(2500);
    const lines = sim.dump().split('\n');
    const worker = lines.slice(lines.findIndex((l) => l.includes('[running]')));
    const frames = worker.filter((l) => /^main\.(recurse|main\.func1)\(/.test(l)).length;
    expect(frames).toBe(100);
    const elided = worker.find((l) => l.endsWith('frames elided...'));
    expect(elided).toMatch(/^\.\.\.\d+ frames elided\.\.\.$/);
  });

  test('same seed, same run; restoring a checkpoint and running on gives the straight run', () => {
    const a = run(base);
    const b = stackGrowth.create(base, { seed: 7, sampleNs: 1_000 });
    b.runToEvent(100);
    const c = b.checkpoint();
    b.runUntil(stackGrowth.horizonNs(base));
    b.restore(c);
    b.runUntil(stackGrowth.horizonNs(base));
    expect(b.counters()).toEqual(a.counters());
    expect(b.series()).toEqual(a.series());
  });
});
