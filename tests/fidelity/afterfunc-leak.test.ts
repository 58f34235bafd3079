/**
 * Fidelity: the afterfunc-leak scenario, run through the CLI's API with the reference program's
 * flags (`-rate 1000 -delay 2s -load 2s -payload 4096`), against
 * reference/results/afterfunc-{nostop,stop,blockingf}.tsv (copied to tests/fixtures).
 */
import { describe, expect, test } from 'vitest';
import { runScenario } from '../../src/cli/run.ts';
import type { Series } from '../../src/scenarios/types.ts';
import { column, mismatches, modelAt, readReference } from '../stdlib/reference-tsv.ts';

const SAMPLE_MS = 250;
const flags = { rate: '1000', delay: '2s', load: '2s', payload: '4096', go: '1.19' };
const tolerance = { relative: 0.05, absolute: 2 };

function run(mode: string): Series {
  return runScenario('afterfunc-leak', { ...flags, mode }, { sample: '250ms' }).series;
}

/** The model's heapBytes in KiB, as the reference prints HeapAlloc/1024. */
function withHeapKb(series: Series): Series {
  return { ...series, heapKb: (series['heapBytes'] ?? []).map((b) => Math.floor(b / 1024)) };
}

describe.each(['nostop', 'stop', 'blockingf'])('afterfunc-leak mode=%s', (mode) => {
  const ref = readReference(`afterfunc-${mode}.tsv`);
  const series = withHeapKb(run(mode));

  test('goroutines and fired match every reference sample within one sample interval', () => {
    expect(mismatches(ref, 'goroutines', series, 'goroutines', SAMPLE_MS, tolerance)).toEqual([]);
    expect(mismatches(ref, 'fired', series, 'fired', SAMPLE_MS, tolerance)).toEqual([]);
  });

  test('heap (HeapAlloc) matches within 5% (or 32 KiB) within one sample interval', () => {
    const heapTolerance = { relative: 0.05, absolute: 32 };
    expect(mismatches(ref, 'heap_alloc_kb', series, 'heapKb', SAMPLE_MS, heapTolerance)).toEqual(
      [],
    );
  });
});

describe('what each mode shows', () => {
  test('nostop: pending timers peak at about rate × delay, holding about payload each; no goroutines', () => {
    const s = run('nostop');
    const peak = Math.max(...(s['pendingTimers'] ?? []));
    // rate × min(load, delay) = 2000 started; the reference's 1 ms ticker drops ~9% of ticks
    // (epoll's millisecond waits), as the model does: 1,828 fired there.
    expect(peak).toBeGreaterThan(2000 * 0.9);
    expect(peak).toBeLessThanOrEqual(2000);
    const heapAtPeak = modelAt(s, 'heapBytes', 2_000) - modelAt(s, 'heapBytes', 5_000);
    expect(heapAtPeak / peak).toBeGreaterThan(4096);
    expect(heapAtPeak / peak).toBeLessThan(4096 * 1.1);
    expect(Math.max(...(s['goroutines'] ?? []))).toBe(2);
  });

  test('stop: nothing pending, nothing fired, heap flat', () => {
    const s = run('stop');
    expect(Math.max(...(s['pendingTimers'] ?? []))).toBe(0);
    expect(Math.max(...(s['fired'] ?? []))).toBe(0);
  });

  test('blockingf: goroutines appear only after delay, then stay', () => {
    const s = run('blockingf');
    const g = (t: number) => modelAt(s, 'goroutines', t);
    expect(g(1_750)).toBe(2);
    expect(g(2_250)).toBeGreaterThan(2);
    expect(g(5_000)).toBe(modelAt(s, 'fired', 5_000) + 1);
    expect(g(5_000)).toBe(g(4_500));
    expect(column(readReference('afterfunc-blockingf.tsv'), 'goroutines').at(-1)).toBe(1835);
  });
});
