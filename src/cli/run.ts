/**
 * Runs a scenario headless to its horizon and returns what `npm run sim -- --json` prints.
 * Importable, so tests (and other engineers' fidelity tests) call it without a process.
 */
import { formatDuration, parseDurationResult } from '../scenarios/duration.ts';
import { getScenario, scenarioIds } from '../scenarios/index.ts';
import { paramsForJson, parseParams, showRaw } from '../scenarios/params.ts';
import type { RunResult, Scenario, View } from '../scenarios/types.ts';
import { UsageError } from './args.ts';

/** The sample interval when neither --sample nor the scenario chooses one (design.md: 500ms). */
export const DEFAULT_SAMPLE_NS = 500_000_000;
export const DEFAULT_SEED = 1;
/** The PRNG takes a 32-bit seed. */
const MAX_SEED = 2 ** 32 - 1;
/** More samples than this is a typo (`--sample 1ns` over minutes), not a wish: refuse it. */
export const MAX_SAMPLES = 1_000_000;

export interface RunOptions {
  /** `--seed`: a number, or its text as typed. */
  readonly seed?: number | string | undefined;
  /** `--sample`: a Go duration such as `500ms`, or ns. */
  readonly sample?: string | number | undefined;
}

/** The counters every run reports (design.md), zero when the scenario has none. */
const SCHEDULER_COUNTERS = ['schedules', 'steals', 'handoffs', 'preemptions'] as const;

export function findScenario(id: string): Scenario {
  const scenario = getScenario(id);
  if (scenario === undefined) {
    throw new UsageError(`unknown scenario ${showRaw(id)} (known: ${scenarioIds.join(', ')})`);
  }
  return scenario;
}

function parseSeed(seed: number | string | undefined): number {
  if (seed === undefined) return DEFAULT_SEED;
  const text = String(seed).trim();
  const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_SEED) {
    throw new UsageError(`--seed: ${showRaw(text)} is not an integer (0..${MAX_SEED})`);
  }
  return n;
}

function parseSample(sample: string | number | undefined, fallback: number): number {
  if (sample === undefined) return fallback;
  if (typeof sample === 'number') {
    if (Number.isSafeInteger(sample) && sample > 0) return sample;
    throw new UsageError(`--sample: ${sample} is not a positive whole number of ns`);
  }
  const parsed = parseDurationResult(sample.trim());
  if (!parsed.ok)
    throw new UsageError(
      `--sample: ${showRaw(sample)} is not a Go duration like 500ms (${parsed.error})`,
    );
  if (parsed.ns <= 0) throw new UsageError(`--sample: ${showRaw(sample)} must be longer than 0s`);
  return parsed.ns;
}

/** `view.extra.history`, when the scenario keeps a step table of plain rows. */
function historyOf(view: View): { history?: Readonly<Record<string, string | number>>[] } {
  const rows: unknown = view.extra['history'];
  if (!Array.isArray(rows)) return {};
  const plain = (rows as unknown[]).filter(
    (r): r is Record<string, string | number> =>
      typeof r === 'object' &&
      r !== null &&
      Object.values(r).every((v) => typeof v === 'string' || typeof v === 'number'),
  );
  return { history: plain };
}

/** Every bad param as one line each; unknown names are reported as the flags they came from. */
function paramProblems(
  scenario: Scenario,
  raw: Readonly<Record<string, string | undefined>>,
): string[] {
  const known = Object.keys(scenario.params);
  const { errors } = parseParams(scenario.params, raw);
  return errors.map((e) =>
    Object.hasOwn(scenario.params, e.param)
      ? `--${e.message}`
      : `unknown flag --${showRaw(e.param).slice(1, -1)} (${scenario.id} takes ${known.map((k) => `--${k}`).join(', ') || 'no params'}; and --seed, --sample, --json)`,
  );
}

/**
 * Runs `id` with raw params (CLI/URL spellings) to its horizon and returns the RunResult that
 * `--json` prints. Throws UsageError (the CLI's exit 2) for an unknown scenario, unknown or bad
 * params, a bad seed or sample.
 */
export function runScenario(
  id: string,
  raw: Readonly<Record<string, string | undefined>> = {},
  options: RunOptions = {},
): RunResult {
  const scenario = findScenario(id);
  const problems = paramProblems(scenario, raw);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const { values } = parseParams(scenario.params, raw);
  const seed = parseSeed(options.seed);
  const sampleNs = parseSample(
    options.sample,
    scenario.defaultSampleNs?.(values) ?? DEFAULT_SAMPLE_NS,
  );
  const horizon = scenario.horizonNs(values);
  if (horizon / sampleNs > MAX_SAMPLES) {
    throw new UsageError(
      `--sample: ${formatDuration(sampleNs)} would take ${Math.floor(horizon / sampleNs)} samples over ${formatDuration(Math.round(horizon))} (at most ${MAX_SAMPLES})`,
    );
  }
  // Wall-clock time of the simulation itself is a figure the CLI reports (design.md), measured
  // here and never inside the model.
  const started = performance.now();
  // The result carries no trace: recording one would only slow the run (design.md budgets).
  const sim = scenario.create(values, { seed, sampleNs, traceCapacity: 0 });
  sim.runUntil(horizon);
  const wallMs = performance.now() - started;
  const counters: Record<string, number> = {};
  for (const name of SCHEDULER_COUNTERS) counters[name] = 0;
  Object.assign(counters, sim.counters());
  counters['wallMs'] = Math.round(wallMs * 1000) / 1000;
  return {
    scenario: scenario.id,
    params: paramsForJson(scenario.params, values),
    seed,
    sampleMs: sampleNs / 1_000_000,
    series: sim.series(),
    counters,
    ...(sim.fatal === null ? {} : { fatal: sim.fatal }),
    ...historyOf(sim.view(0)),
  };
}
