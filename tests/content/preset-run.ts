/**
 * Runs a widget preset the way the widget shell does (src/widgets/shell/WidgetShell.svelte): the
 * params as the strings <Widget> passes, parsed with the scenario's schema, the same sample
 * interval, and the run taken to the preset's step (an event count).
 */
import { getScenario } from '../../src/scenarios/index';
import { parseParams } from '../../src/scenarios/params';
import type { ParamError, Simulation } from '../../src/scenarios/types';
import { getWidget } from '../../src/widgets/registry';

export interface Preset {
  readonly widget: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
}

export interface PreparedPreset {
  readonly errors: readonly ParamError[];
  /** Param names the scenario does not have (a typo the widget would silently ignore). */
  readonly unknown: readonly string[];
  /** A fresh simulation of the preset at event 0; null for a widget without a scenario. */
  readonly create: (() => Simulation) | null;
}

export function preparePreset(preset: Preset): PreparedPreset {
  const scenarioId = getWidget(preset.widget).scenario;
  if (scenarioId === null) return { errors: [], unknown: [], create: null };
  const scenario = getScenario(scenarioId);
  if (scenario === undefined) throw new Error(`widget ${preset.widget}: no scenario ${scenarioId}`);
  const raw = Object.fromEntries(
    Object.entries(preset.params).map(([key, value]) => [key, String(value)]),
  );
  const unknown = Object.keys(raw).filter((key) => !Object.hasOwn(scenario.params, key));
  const parsed = parseParams(scenario.params, raw);
  const values = parsed.values;
  const horizonNs = Math.max(1, scenario.horizonNs(values));
  const sampleNs =
    scenario.defaultSampleNs?.(values) ?? Math.max(1_000, Math.round(horizonNs / 200));
  return {
    errors: parsed.errors,
    unknown,
    create: () => scenario.create(values, { seed: preset.seed, sampleNs }),
  };
}

/** The preset's simulation standing at event `step`. */
export function runToStep(create: () => Simulation, step: number): Simulation {
  const sim = create();
  sim.runToEvent(step);
  return sim;
}
