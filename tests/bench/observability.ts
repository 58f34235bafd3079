/**
 * The observability scenario's speed: virtual hours of each incident per wall-clock second, at
 * the widget's default traffic (20 qps) and at production traffic (1,000 qps). The 1,000 qps
 * hour is projected from its first minutes, timed minute by minute so a cost that grows with the
 * leak shows (the projection uses the last minute timed); the line says so. Printed, never
 * asserted. BENCH_OBS_MINUTES (default 2) sets how many minutes of 1,000 qps are timed.
 *
 * Run alone: `npx tsx tests/bench/observability.ts`.
 */
import { performance } from 'node:perf_hooks';
import { HOUR, MINUTE } from '../../src/scenarios/duration';
import {
  INCIDENTS,
  observability,
  observabilitySampleNs,
  type ObservabilityValues,
} from '../../src/scenarios/observability';
import { defaultValues } from '../../src/scenarios/params';

const PRODUCTION_MINUTES = Math.max(1, Number(process.env['BENCH_OBS_MINUTES'] ?? 2) || 2);
const CASES = [
  { qps: 20, minutes: 10 },
  { qps: 1000, minutes: PRODUCTION_MINUTES },
] as const;

export function runObservabilityBench(log: (line: string) => void): void {
  for (const { qps, minutes } of CASES) {
    for (const incident of INCIDENTS) {
      const v: ObservabilityValues = {
        ...defaultValues(observability.params),
        incident,
        qps,
        duration: HOUR,
      };
      const sim = observability.create(v, {
        seed: 1,
        sampleNs: observabilitySampleNs(v),
        traceCapacity: 0,
      });
      const perMinuteS: number[] = [];
      for (let m = 1; m <= minutes; m++) {
        const started = performance.now();
        sim.runUntil(m * MINUTE);
        perMinuteS.push((performance.now() - started) / 1000);
      }
      const wallS = perMinuteS.reduce((a, b) => a + b, 0);
      const lastS = perMinuteS.at(-1) ?? wallS;
      log(
        `observability ${incident} at ${qps} qps: ${minutes} min in ${wallS.toFixed(2)} s ` +
          `(${sim.events} events; per minute ${perMinuteS.map((s) => s.toFixed(2)).join(', ')} s); ` +
          `one hour ≈ ${((lastS * HOUR) / MINUTE).toFixed(0)} s at the last minute's pace` +
          (minutes * MINUTE < HOUR ? ' (projected, not run)' : ''),
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) runObservabilityBench(console.log);
