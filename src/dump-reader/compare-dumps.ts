import type { DumpReading, ReaderGroup } from './read-dump';

/** One stack in two dumps: how many goroutines stood on it then and now. */
export interface GroupChange {
  /** The group as the later dump shows it (the earlier one's, for a stack that is gone). */
  readonly group: ReaderGroup;
  readonly before: number;
  readonly after: number;
}

/** Goroutines per stack, states merged: the same leak shows several states as it ages. */
function countsByStack(reading: DumpReading): Map<string, { group: ReaderGroup; count: number }> {
  const out = new Map<string, { group: ReaderGroup; count: number }>();
  for (const group of reading.groups) {
    const seen = out.get(group.key);
    out.set(group.key, { group: seen?.group ?? group, count: (seen?.count ?? 0) + group.count });
  }
  return out;
}

/**
 * What grew between two dumps of one process, most growth first: a leak is the stack whose count
 * keeps climbing, which a single dump cannot show. Stacks are matched by function and line.
 */
export function compareDumps(earlier: DumpReading, later: DumpReading): GroupChange[] {
  const before = countsByStack(earlier);
  const after = countsByStack(later);
  const changes: GroupChange[] = [];
  for (const [key, { group, count }] of after) {
    changes.push({ group, before: before.get(key)?.count ?? 0, after: count });
  }
  for (const [key, { group, count }] of before) {
    if (!after.has(key)) changes.push({ group, before: count, after: 0 });
  }
  return changes.sort((a, b) => b.after - b.before - (a.after - a.before) || b.after - a.after);
}
