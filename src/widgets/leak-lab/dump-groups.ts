import { groupByStack, parseDump, type StackGroup } from '../../model/traceback';

/** One group of a dump as the panel lists it: how many, in which state, on which stack. */
export interface DumpGroupLine {
  readonly count: number;
  readonly state: string;
  /** Innermost first: `func` then `file:line`. */
  readonly frames: readonly string[];
  /** `created by …` and its place, when the dump printed it. */
  readonly createdBy: string | null;
  readonly ids: readonly number[];
}

function describe(group: StackGroup): DumpGroupLine {
  const { sample } = group;
  const c = sample.createdBy;
  return {
    count: group.count,
    state: group.state,
    frames: sample.frames.map((f) => `${f.func}  ${f.file}:${f.line}`),
    createdBy: c === undefined ? null : `${c.func}  ${c.file}:${c.line}`,
    ids: group.ids,
  };
}

/**
 * A runtime-format goroutine dump folded by stack, largest group first (what `debug=1` and
 * panicparse show): the form in which a leak stands out, thousands of goroutines on one stack.
 */
export function dumpGroups(dump: string): DumpGroupLine[] {
  return groupByStack(parseDump(dump)).map(describe);
}
