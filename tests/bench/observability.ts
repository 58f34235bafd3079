/**
 * The observability scenario's speed: virtual hours of each incident per wall-clock second, at
 * the widget's default traffic (20 qps) and at production traffic (1,000 qps, projected from a
 * slice so the bench stays short on a shared machine; the line says so). Printed, never asserted.
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

const CASES = [
  { qps: 20, runNs: 10 * MINUTE },
  { qps: 1000, runNs: MINUTE },
] as const;

export function runObservabilityBench(log: (line: string) => void): void {
  for (const { qps, runNs } of CASES) {
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
      const started = performance.now();
      sim.runUntil(runNs);
      const wallS = (performance.now() - started) / 1000;
      const hoursPerS = runNs / HOUR / wallS;
      log(
        `observability ${incident} at ${qps} qps: ${hoursPerS.toFixed(3)} virtual h per wall s ` +
          `(${(runNs / MINUTE).toFixed(0)} min in ${wallS.toFixed(2)} s, ${sim.events} events; ` +
          `one hour ≈ ${(1 / hoursPerS).toFixed(0)} s)`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) runObservabilityBench(console.log);
