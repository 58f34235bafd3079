/**
 * `npm run bench`: prints the budgets of design.md as medians and ratios. Benchmarks report; they
 * never fail on time (the machine is shared and its speed varies).
 */
import { runScenario } from '../../src/cli/run.ts';
import { scenarios } from '../../src/scenarios/index.ts';
import { hourLoadNs, runIncidentBench } from './incidents.ts';
import { runModelBench } from './model.ts';
import { runObservabilityBench } from './observability.ts';
import { runRenderBench } from './render.ts';

const RUNS = 5;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** Wall time of each scenario's default run through the CLI path, median of RUNS after a warm-up. */
function benchScenarioDefaults(log: (line: string) => void): void {
  for (const scenario of scenarios) {
    const wall = () => runScenario(scenario.id).counters['wallMs'] ?? NaN;
    wall();
    const ms = median(Array.from({ length: RUNS }, wall));
    log(`scenario ${scenario.id}: default run ${ms.toFixed(2)} ms wall (median of ${RUNS})`);
  }
}

const log = (line: string) => console.log(line);
runModelBench(log);
benchScenarioDefaults(log);
// design.md: the 12 s TimeoutHandler reference run < 20 ms; one real hour at 1000 qps < 5 s.
runIncidentBench(log, hourLoadNs());
runObservabilityBench(log);
// Rendering needs a built site (`npm run build`) and Chromium; it says so when either is missing.
await runRenderBench(log);
