/**
 * Fidelity: the timeout-handler scenario, run through the CLI's API with the reference program's
 * flags, against reference/results/timeouthandler-{noctx,ctx}.tsv (copied to tests/fixtures).
 */
import { describe, expect, test } from 'vitest';
import { runScenario } from '../../src/cli/run.ts';
import type { RunResult } from '../../src/scenarios/types.ts';
import {
  column,
  firstTimeAt,
  mismatches,
  modelAt,
  readReference,
} from '../stdlib/reference-tsv.ts';

const SAMPLE_MS = 500;
const flags = { qps: '50', work: '4s', timeout: '1s', load: '6s', total: '12s', go: '1.19' };

function run(ctx: boolean): RunResult {
  return runScenario('timeout-handler', { ...flags, ctx: String(ctx) }, { sample: '500ms' });
}

describe.each([
  { ctx: false, file: 'timeouthandler-noctx.tsv', plateau: 200 },
  { ctx: true, file: 'timeouthandler-ctx.tsv', plateau: 50 },
])('timeout-handler ctx=$ctx vs $file', ({ ctx, file, plateau }) => {
  const ref = readReference(file);
  const result = run(ctx);
  const series = result.series;

  test('runs to its horizon without a fatal error', () => {
    expect(result).not.toHaveProperty('fatal');
    expect(series.t_ms.at(-1)).toBe(12_000);
  });

  test(`inner handlers plateau at ${plateau} (within 5%)`, () => {
    const level = (t: number) => modelAt(series, 'innerHandlers', t);
    for (const t of [4_500, 5_000, 5_500, 6_000]) {
      expect(Math.abs(level(t) - plateau)).toBeLessThanOrEqual(plateau * 0.05);
    }
  });

  test('every sample of inner handlers, sent and 503s matches within one sample interval', () => {
    const tolerance = { relative: 0.05, absolute: 2 };
    expect(
      mismatches(ref, 'inner_handlers_running', series, 'innerHandlers', SAMPLE_MS, tolerance),
    ).toEqual([]);
    expect(mismatches(ref, 'sent', series, 'sent', SAMPLE_MS, tolerance)).toEqual([]);
    expect(mismatches(ref, '503', series, 'status503', SAMPLE_MS, tolerance)).toEqual([]);
    expect(mismatches(ref, '200', series, 'status200', SAMPLE_MS, tolerance)).toEqual([]);
  });

  test('the plateau is reached, and the drain after the load ends, at the reference times (± one sample)', () => {
    const refT = column(ref, 't_ms');
    const refInner = column(ref, 'inner_handlers_running');
    const reached = (t: readonly number[], v: readonly number[]) =>
      firstTimeAt(t, v, plateau * 0.95, 'rising');
    const drained = (t: readonly number[], v: readonly number[]) =>
      firstTimeAt(t, v, 0, 'falling', 6_000);
    const modelInner = series['innerHandlers'] ?? [];
    expect(
      Math.abs(reached(series.t_ms, modelInner) - reached(refT, refInner)),
    ).toBeLessThanOrEqual(SAMPLE_MS);
    expect(
      Math.abs(drained(series.t_ms, modelInner) - drained(refT, refInner)),
    ).toBeLessThanOrEqual(SAMPLE_MS);
  });

  test('every request gets its 503; the handler’s late writes fail only when it ignores ctx', () => {
    expect(result.counters['sent']).toBe(300);
    expect(result.counters['status503']).toBe(300);
    expect(result.counters['status200']).toBe(0);
    expect(result.counters['errHandlerTimeout']).toBe(ctx ? 0 : 300);
  });
});
