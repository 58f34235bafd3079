import { goMinorOf, goVersionParam } from '../../scenarios/go/go-version';
import { stdLinesNote } from '../../scenarios/go/std-release';
import type { ParamSchema } from '../../scenarios/types';

/**
 * The line above a widget's dump: which Go release's line numbers it prints, for a widget whose
 * schema has the Go version switch (the stdlib scenarios; gmp's own switch picks preemption
 * rules, and its dumps hold no standard-library frames).
 */
export function dumpNoteOf(
  schema: ParamSchema,
  values: Readonly<Record<string, unknown>>,
): string | undefined {
  const go = values['go'];
  return schema['go'] === goVersionParam && typeof go === 'string'
    ? stdLinesNote(goMinorOf(go))
    : undefined;
}
