import type { HoldingRow } from '../../render/leak-rows';
import type { ParamSchema, Scenario, View } from '../../scenarios/types';

/** Parameter values as the widget holds them (the parsed form of its schema). */
export type LabValues = Readonly<Record<string, number | string | boolean>>;

/**
 * One leak lab: a scenario shown twice, buggy beside fixed. The widget's own schema is the
 * scenario's without the switch that picks the fix (both sides are always shown), so every slider
 * moves both runs alike.
 */
export interface LeakLab {
  readonly id: string;
  readonly scenario: Scenario;
  readonly schema: ParamSchema;
  /** The scenario's values for the buggy and the fixed run of the widget's `values`. */
  buggy(values: LabValues): LabValues;
  fixed(values: LabValues): LabValues;
  /** Series each side plots (names as the scenario reports them). */
  readonly chartNames: readonly string[];
  /** Sample interval of both runs (and of the CLI run the tests compare with), ns. */
  sampleNs(values: LabValues): number;
  /** What the runtime holds at this instant, as rows of the stage, for one side. */
  holdings(view: View, counters: Readonly<Record<string, number>>, values: LabValues): HoldingRow[];
  /** Said next to the charts: which metric misleads and why (empty when none does). */
  readonly chartNote: string;
}

/** `schema` with parameter `name` left out. */
export function withoutParam(schema: ParamSchema, name: string): ParamSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== name));
}

/** `schema` with enum parameter `name` restricted to `options` (in the scenario's order). */
export function restrictEnum(
  schema: ParamSchema,
  name: string,
  options: readonly string[],
): ParamSchema {
  const spec = schema[name];
  if (spec?.kind !== 'enum') throw new Error(`${name} is not an enum parameter`);
  const kept = spec.options.flatMap((option, i) =>
    options.includes(option) ? [[option, spec.optionLabels?.[i] ?? option] as const] : [],
  );
  const first = kept[0];
  if (first === undefined) throw new Error(`no option of ${name} kept`);
  const fallback = options.includes(spec.default) ? spec.default : first[0];
  return {
    ...schema,
    [name]: {
      ...spec,
      options: kept.map(([option]) => option),
      optionLabels: kept.map(([, label]) => label),
      default: fallback,
    },
  };
}
