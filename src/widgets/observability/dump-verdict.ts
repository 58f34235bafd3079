import { formatGoroutineProfile } from '../../model/traceback';
import { groupByStack, parseDump, type StackGroup } from '../../model/traceback-parse';
import type { GoroutineProfile } from '../../scenarios/types';
import { incidentOfDump, incidentOfStack } from '../../scenarios/incident-signature';
import type { IncidentSignature } from '../../scenarios/incident-signature';

export interface VerdictGroup {
  readonly count: number;
  /** The wait state; '' when read from a profile, which prints none. */
  readonly state: string;
  /** Innermost frame first, function names only. */
  readonly frames: readonly string[];
  readonly createdBy: string | null;
  readonly points: IncidentSignature | null;
}

export interface DumpVerdict {
  readonly nowNs: number;
  readonly total: number;
  /**
   * What the verdict was read from: the full dump (`debug=2`, every goroutine) or, with many
   * goroutines, the profile that folds them by stack (`debug=1`), as a team would fetch it.
   */
  readonly form: 'debug=2' | 'debug=1';
  /** Distinct stacks. */
  readonly stacks: number;
  readonly groups: readonly VerdictGroup[];
  readonly verdict: IncidentSignature | null;
  /** The profile's text for the groups shown (debug=1 only). */
  readonly text: string | null;
}

function verdictOf(
  groups: readonly StackGroup[],
  nowNs: number,
  top: number,
): Omit<DumpVerdict, 'form' | 'text'> {
  return {
    nowNs,
    total: groups.reduce((sum, g) => sum + g.count, 0),
    stacks: groups.length,
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

/** The largest groups of identical stacks in `dump`, each with the incident it points to. */
export function dumpVerdict(dump: string, nowNs: number, top: number): DumpVerdict {
  return { ...verdictOf(groupByStack(parseDump(dump)), nowNs, top), form: 'debug=2', text: null };
}

/**
 * The same from a `debug=1` profile: only frames and counts, so a signature that needs the wait
 * state is not seen; the creator (an AfterFunc's `created by time.goFunc`) comes from one
 * goroutine of each group, as a team would look one up in the full dump.
 */
export function profileVerdict(profile: GoroutineProfile, nowNs: number, top: number): DumpVerdict {
  const groups: StackGroup[] = profile.groups.map((g) => ({
    count: g.count,
    ids: [],
    state: '',
    minMinutes: null,
    maxMinutes: null,
    sample: {
      id: g.first.id,
      state: '',
      frames: g.frames.map((f) => ({ ...f, args: '' })),
      // The creator from the group's first goroutine's own record (see GoroutineProfile).
      ...(g.first.createdBy === undefined
        ? {}
        : { createdBy: { ...g.first.createdBy, parentId: 0 } }),
    },
  }));
  return {
    ...verdictOf(groups, nowNs, top),
    total: profile.total,
    form: 'debug=1',
    text: formatGoroutineProfile(profile, top),
  };
}
