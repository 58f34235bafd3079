import { groupByStack, parseDump } from '../../model/traceback';
import { incidentOfDump, incidentOfStack } from '../../scenarios/incident-signature';
import type { IncidentSignature } from '../../scenarios/incident-signature';

export interface VerdictGroup {
  readonly count: number;
  readonly state: string;
  /** Innermost frame first, function names only. */
  readonly frames: readonly string[];
  readonly createdBy: string | null;
  readonly points: IncidentSignature | null;
}

export interface DumpVerdict {
  readonly nowNs: number;
  readonly total: number;
  readonly groups: readonly VerdictGroup[];
  readonly verdict: IncidentSignature | null;
}

/** The largest groups of identical stacks in `dump`, each with the incident it points to. */
export function dumpVerdict(dump: string, nowNs: number, top: number): DumpVerdict {
  const groups = groupByStack(parseDump(dump));
  return {
    nowNs,
    total: groups.reduce((sum, g) => sum + g.count, 0),
    groups: groups.slice(0, top).map((g) => ({
      count: g.count,
      state: g.state,
      frames: g.sample.frames.map((f) => f.func),
      createdBy: g.sample.createdBy?.func ?? null,
      points: incidentOfStack(g),
    })),
    verdict: incidentOfDump(groups),
  };
}
