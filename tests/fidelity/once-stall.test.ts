/**
 * Fidelity: the once-stall scenario, run through the CLI's API with the reference program's flags
 * (`-qps 100 -load 3s`), against reference/results/once-{block,panic}.tsv (copied to tests/fixtures).
 */
import { describe, expect, test } from 'vitest';
import { runScenario } from '../../src/cli/run.ts';
import { column, mismatches, modelAt, readReference } from '../stdlib/reference-tsv.ts';

const SAMPLE_MS = 500;
const flags = { qps: '100', load: '3s', go: '1.19' };
const tolerance = { relative: 0.05, absolute: 2 };

describe('once-stall mode=block vs once-block.tsv', () => {
  const ref = readReference('once-block.tsv');
  const result = runScenario('once-stall', { ...flags, mode: 'block' }, { sample: '500ms' });
  const { series } = result;

  test('every sample of goroutines and calls matches within one sample interval', () => {
    expect(mismatches(ref, 'goroutines', series, 'goroutines', SAMPLE_MS, tolerance)).toEqual([]);
    expect(mismatches(ref, 'calls', series, 'calls', SAMPLE_MS, tolerance)).toEqual([]);
    expect(
      mismatches(ref, 'nil_config_returns', series, 'nilConfig', SAMPLE_MS, tolerance),
    ).toEqual([]);
  });

  test('after the load, goroutines = calls + 1 (main) and never drain', () => {
    for (const t of [3_500, 4_000]) {
      expect(modelAt(series, 'goroutines', t)).toBe(modelAt(series, 'calls', t) + 1);
    }
    expect(result.counters['calls']).toBe(300);
    expect(result.counters['nilConfig']).toBe(0);
    expect(column(ref, 'goroutines').at(-1)).toBe(301);
  });
});

describe('once-stall mode=panic vs once-panic.tsv', () => {
  const ref = readReference('once-panic.tsv');
  const result = runScenario('once-stall', { ...flags, mode: 'panic' }, { sample: '500ms' });
  const { series } = result;

  test('every sample matches within one sample interval', () => {
    expect(mismatches(ref, 'goroutines', series, 'goroutines', SAMPLE_MS, tolerance)).toEqual([]);
    expect(mismatches(ref, 'calls', series, 'calls', SAMPLE_MS, tolerance)).toEqual([]);
    expect(
      mismatches(ref, 'nil_config_returns', series, 'nilConfig', SAMPLE_MS, tolerance),
    ).toEqual([]);
  });

  test('goroutines stay flat and every call but the first returns nil', () => {
    expect(Math.max(...(series['goroutines'] ?? []))).toBeLessThanOrEqual(3);
    expect(result.counters['nilConfig']).toBe((result.counters['calls'] ?? 0) - 1);
  });
});

describe('once-stall mode=fixed (no reference run: the fix)', () => {
  const result = runScenario('once-stall', { ...flags, mode: 'fixed' }, { sample: '500ms' });

  test('callers give up after 50ms: goroutines stay near qps × 50ms and drain with the load', () => {
    const g = result.series['goroutines'] ?? [];
    // main + loader + ticker + about 100/s × 50ms callers in flight.
    expect(Math.max(...g)).toBeLessThanOrEqual(3 + 5 + 2);
    expect(g.at(-1)).toBe(2);
    expect(result.counters['nilConfig']).toBe(result.counters['calls']);
  });
});
