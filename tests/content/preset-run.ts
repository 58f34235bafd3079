/**
 * Runs a widget preset the way the widget does: the params as the strings <Widget> passes, parsed
 * with the widget's schema, the same sample interval, and the run taken to the preset's step (an
 * event count). Three kinds of widget:
 * - WidgetShell widgets (src/widgets/shell/WidgetShell.svelte): the scenario's own schema;
 * - leak labs (src/widgets/<id>/lab.ts, src/widgets/leak-lab/): the lab's schema, and the step is
 *   the buggy run's (src/widgets/leak-lab/dual-controller.ts);
 * - observability: the scenario's schema plus the alert rule's knobs, which never change the run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { alertParams } from '../../src/scenarios/alert-params';
import { getScenario } from '../../src/scenarios/index';
import { parseParams } from '../../src/scenarios/params';
import type { ParamError, ParamSchema, Scenario, Simulation } from '../../src/scenarios/types';
import { getWidget } from '../../src/widgets/registry';

export interface Preset {
  readonly widget: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
}

export interface PreparedPreset {
  readonly errors: readonly ParamError[];
  /** Param names the widget does not have (a typo the widget would silently ignore). */
  readonly unknown: readonly string[];
  /** A fresh simulation of the preset at event 0 (the buggy run of a leak lab). */
  readonly create: () => Simulation;
}

type Values = Readonly<Record<string, number | string | boolean>>;

/** The part of a leak lab (src/widgets/leak-lab/lab.ts) a preset needs. */
interface LabLike {
  readonly schema: ParamSchema;
  buggy(values: Values): Values;
  sampleNs(values: Values): number;
}

function isLab(value: unknown): value is LabLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['schema'] === 'object' && typeof v['buggy'] === 'function';
}

async function labOf(widgetId: string): Promise<LabLike | null> {
  const path = join(import.meta.dirname, '..', '..', 'src', 'widgets', widgetId, 'lab.ts');
  if (!existsSync(path)) return null;
  const module = (await import(path)) as Record<string, unknown>;
  return Object.values(module).find(isLab) ?? null;
}

/** Knobs a widget adds to its scenario's schema without changing the run. */
const viewOnlyParams: Readonly<Record<string, ParamSchema>> = { observability: alertParams };

function shellSampleNs(scenario: Scenario, values: Values): number {
  const horizonNs = Math.max(1, scenario.horizonNs(values));
  return scenario.defaultSampleNs?.(values) ?? Math.max(1_000, Math.round(horizonNs / 200));
}

export async function preparePreset(preset: Preset): Promise<PreparedPreset> {
  const scenarioId = getWidget(preset.widget).scenario;
  const scenario = getScenario(scenarioId);
  if (scenario === undefined) throw new Error(`widget ${preset.widget}: no scenario ${scenarioId}`);
  const lab = await labOf(preset.widget);
  const schema: ParamSchema = lab?.schema ?? {
    ...scenario.params,
    ...viewOnlyParams[preset.widget],
  };
  const raw = Object.fromEntries(
    Object.entries(preset.params).map(([key, value]) => [key, String(value)]),
  );
  const unknown = Object.keys(raw).filter((key) => !Object.hasOwn(schema, key));
  const parsed = parseParams(schema, raw);
  const values = parsed.values as Values;
  const runValues = lab === null ? values : lab.buggy(values);
  const sampleNs = lab === null ? shellSampleNs(scenario, values) : lab.sampleNs(values);
  return {
    errors: parsed.errors,
    unknown,
    create: () => scenario.create(runValues, { seed: preset.seed, sampleNs }),
  };
}

/** The preset's simulation standing at event `step`. */
export function runToStep(create: () => Simulation, step: number): Simulation {
  const sim = create();
  sim.runToEvent(step);
  return sim;
}
