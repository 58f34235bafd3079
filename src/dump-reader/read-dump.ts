import { groupByStack, parseDump, type StackGroup } from '../model/traceback-parse';
import { incidentOfStack } from '../scenarios/incident-signature';
import type { Incident } from '../scenarios/observability';
import { isGoroutineProfile, parseGoroutineProfile, type ProfileRecord } from './parse-profile';

/**
 * A pasted goroutine dump, folded by stack the way an on-call engineer reads it: the largest
 * groups first, each tagged with the incident its stack points to. Runs in the reader's browser;
 * nothing is sent anywhere.
 */

/** `debug=2` (and crash or SIGQUIT output): one block per goroutine. `debug=1`: already folded. */
export type DumpFormat = 'debug=2' | 'debug=1';

export interface ReaderFrame {
  readonly func: string;
  /** `file:line`. */
  readonly place: string;
}

export interface ReaderGroup {
  /** Identity across dumps: the functions and lines of the stack (states and ids differ). */
  readonly key: string;
  readonly count: number;
  /** The wait reason or status; null at `debug=1`, which prints none. */
  readonly state: string | null;
  readonly minMinutes: number | null;
  readonly maxMinutes: number | null;
  /** Innermost first. */
  readonly frames: readonly ReaderFrame[];
  readonly createdBy: ReaderFrame | null;
  /** Goroutine ids, ascending (none at `debug=1`). */
  readonly ids: readonly number[];
  readonly incident: Incident | null;
  /** Why the stack points to the incident. */
  readonly because: string | null;
}

export interface IncidentFinding {
  readonly incident: Incident;
  readonly goroutines: number;
  readonly groups: number;
}

export interface DumpReading {
  readonly format: DumpFormat;
  readonly goroutines: number;
  readonly groups: readonly ReaderGroup[];
  /** Incidents with at least one group, most goroutines first. */
  readonly incidents: readonly IncidentFinding[];
  /** What the reader should know about this dump (a total that does not add up, a blind spot). */
  readonly notes: readonly string[];
}

export type ReadResult =
  | { readonly ok: true; readonly reading: DumpReading }
  | { readonly ok: false; readonly message: string };

/** Pasting more than this is refused with a message rather than freezing the tab. */
export const MAX_DUMP_CHARS = 32 * 1024 * 1024;

const NOT_A_DUMP =
  'No goroutines found. Paste the text of /debug/pprof/goroutine?debug=2 (blocks that start ' +
  '"goroutine 18 [chan receive]:"), of ?debug=1 ("goroutine profile: total 26"), or the ' +
  'goroutines a crash or SIGQUIT printed.';

function keyOf(frames: readonly ReaderFrame[]): string {
  return frames.map((f) => `${f.func} ${f.place}`).join('\n');
}

function fromStackGroup(group: StackGroup): ReaderGroup {
  const { sample } = group;
  const frames = sample.frames.map((f) => ({ func: f.func, place: `${f.file}:${f.line}` }));
  const c = sample.createdBy;
  const createdBy = c === undefined ? null : { func: c.func, place: `${c.file}:${c.line}` };
  const signature = incidentOfStack(group);
  return {
    key: keyOf(frames),
    count: group.count,
    state: group.state,
    minMinutes: group.minMinutes,
    maxMinutes: group.maxMinutes,
    frames,
    createdBy,
    ids: group.ids,
    incident: signature?.incident ?? null,
    because: signature?.because ?? null,
  };
}

/** `incidentOfStack` reads frames and the creator; a profile record has frames only. */
function fromProfileRecord(record: ProfileRecord): ReaderGroup {
  const frames = record.frames.map((f) => ({ func: f.func, place: `${f.file}:${f.line}` }));
  const signature = incidentOfStack({
    count: record.count,
    ids: [],
    state: 'state not printed at debug=1',
    minMinutes: null,
    maxMinutes: null,
    sample: {
      id: 0,
      state: '',
      frames: record.frames.map((f) => ({ ...f, args: '' })),
    },
  });
  return {
    key: keyOf(frames),
    count: record.count,
    state: null,
    minMinutes: null,
    maxMinutes: null,
    frames,
    createdBy: null,
    ids: [],
    incident: signature?.incident ?? null,
    because: signature?.because ?? null,
  };
}

function findings(groups: readonly ReaderGroup[]): IncidentFinding[] {
  const byIncident = new Map<Incident, { goroutines: number; groups: number }>();
  for (const g of groups) {
    if (g.incident === null) continue;
    const seen = byIncident.get(g.incident) ?? { goroutines: 0, groups: 0 };
    byIncident.set(g.incident, { goroutines: seen.goroutines + g.count, groups: seen.groups + 1 });
  }
  return [...byIncident]
    .map(([incident, found]) => ({ incident, ...found }))
    .sort((a, b) => b.goroutines - a.goroutines);
}

function readProfile(text: string): ReadResult {
  const profile = parseGoroutineProfile(text);
  const groups = profile.records
    .filter((record) => record.count > 0)
    .map(fromProfileRecord)
    .sort((a, b) => b.count - a.count);
  const goroutines = groups.reduce((sum, g) => sum + g.count, 0);
  if (groups.length === 0) return { ok: false, message: NOT_A_DUMP };
  const notes = [
    'debug=1 prints no "created by" line, so a stuck time.AfterFunc callback looks like any ' +
      'other goroutine here: take a debug=2 dump to see "created by time.goFunc".',
  ];
  if (profile.total !== goroutines) {
    notes.push(
      `The header says ${profile.total} goroutines but the stacks add up to ${goroutines}: ` +
        'the paste may be cut short.',
    );
  }
  return {
    ok: true,
    reading: { format: 'debug=1', goroutines, groups, incidents: findings(groups), notes },
  };
}

function readTraceback(text: string): ReadResult {
  const records = parseDump(text);
  if (records.length === 0) return { ok: false, message: NOT_A_DUMP };
  const groups = groupByStack(records).map(fromStackGroup);
  const notes: string[] = [];
  const ids = new Set(records.map((r) => r.id));
  if (ids.size !== records.length) {
    notes.push(
      `${records.length - ids.size} goroutine ids appear twice: two dumps may be pasted together ` +
        '(use "Compare with an earlier dump" for that).',
    );
  }
  return {
    ok: true,
    reading: {
      format: 'debug=2',
      goroutines: records.length,
      groups,
      incidents: findings(groups),
      notes,
    },
  };
}

/** Reads `text`, or says in one message why it cannot. Never throws. */
export function readDump(text: string, maxChars = MAX_DUMP_CHARS): ReadResult {
  if (text.length > maxChars) {
    const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      message:
        `This paste is ${mib(text.length)} MiB; the reader takes up to ${mib(maxChars)} MiB. ` +
        'A debug=1 profile of the same process is much smaller: the runtime folds it already.',
    };
  }
  if (text.trim() === '') return { ok: false, message: 'Paste a goroutine dump first.' };
  return isGoroutineProfile(text) ? readProfile(text) : readTraceback(text);
}
