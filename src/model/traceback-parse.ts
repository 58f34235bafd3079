/**
 * Goroutine dumps read back (`parseDump`, so a reader can paste a real dump) and `groupByStack`,
 * which folds identical stacks the way `debug=1` and panicparse do. Apart from ./traceback.ts,
 * which prints dumps, because only the dump reader and the observability verdict read them: a
 * widget gets this with its verdict, when the alert first fires, not with the model.
 */
import { ADDITIONAL_ELIDED, type GoroutineRecord } from './traceback.ts';

/**
 * `goroutine N [state, extras]:`. Go 1.27 prints a goroutine's profiler labels after the brackets,
 * `goroutine 7 [sync.Mutex.Lock] {handler: quote}:` (GODEBUG tracebacklabels, on by default with
 * `go 1.27` in go.mod); Go 1.26 could print them inside, last, as `labels:{"handler": "quote"}`.
 * Labels differ from request to request, so they are read past and not kept.
 */
const HEADER = /^goroutine (\d+)(?: gp=\S+ m=\S+(?: mp=\S+)?)? \[(.*)\](?: \{.*\})?:$/;
const LABELS_INSIDE = / labels:\{.*\}$/;
const CALL = /^(.*)\(([^()]*)\)$/;
// A tab, or the spaces a dump pasted from a web page or an editor often carries instead.
const PLACE = /^(?:\t|[ ]{2,})(\S.*):(\d+)(?: \+0x([0-9a-f]+))?(?: .*)?$/;
const CREATED_BY = /^created by (\S+)(?: in goroutine (\d+))?$/;
const ELIDED = /^\.\.\.(\d+) frames elided\.\.\.$/;

function parseHeader(id: string, bracket: string): GoroutineRecord {
  const parts = bracket.replace(LABELS_INSIDE, '').split(', ');
  const rec: GoroutineRecord = { id: Number(id), state: parts[0] ?? '', frames: [] };
  for (const part of parts.slice(1)) {
    const minutes = /^(\d+) minutes$/.exec(part);
    if (minutes !== null) rec.waitMinutes = Number(minutes[1]);
    else if (part === 'locked to thread') rec.lockedToThread = true;
    else rec.state += `, ${part}`;
  }
  return rec;
}

function parsePlace(
  line: string | undefined,
): { file: string; line: number; offset?: number } | null {
  const m = line === undefined ? null : PLACE.exec(line);
  if (m === null) return null;
  const place: { file: string; line: number; offset?: number } = {
    file: m[1] ?? '',
    line: Number(m[2]),
  };
  if (m[3] !== undefined) place.offset = parseInt(m[3], 16);
  return place;
}

/**
 * Reads a goroutine dump (`debug=2`, a crash, SIGQUIT) back into records. Text before the first
 * `goroutine N [...]:` line and lines it does not recognise (register dumps, `exit status 2`)
 * are skipped, and file lines may be indented with spaces, so a pasted log works.
 */
export function parseDump(text: string): GoroutineRecord[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: GoroutineRecord[] = [];
  let current: GoroutineRecord | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const header = HEADER.exec(line);
    if (header !== null) {
      current = parseHeader(header[1] ?? '0', header[2] ?? '');
      out.push(current);
      continue;
    }
    if (current === null || line.trim() === '' || /^\s/.test(line)) continue;
    if (line === ADDITIONAL_ELIDED) {
      current.elidedFrames = 'unknown';
      continue;
    }
    const elided = ELIDED.exec(line);
    if (elided !== null) {
      current.elidedFrames = Number(elided[1]);
      continue;
    }
    const created = CREATED_BY.exec(line);
    const place = parsePlace(lines[i + 1]);
    if (created !== null && place !== null) {
      current.createdBy = {
        func: created[1] ?? '',
        ...place,
        parentId: created[2] === undefined ? 0 : Number(created[2]),
      };
      i++;
      continue;
    }
    const call = CALL.exec(line);
    if (call !== null && place !== null) {
      current.frames.push({ func: call[1] ?? '', args: call[2] ?? '', ...place });
      i++;
    }
  }
  return out;
}

/** Goroutines with the same state and the same stack, the unit a leak hunt reads. */
export interface StackGroup {
  readonly count: number;
  /** Goroutine ids in the group, ascending. */
  readonly ids: readonly number[];
  readonly state: string;
  /** Shortest and longest wait among the group, when the dump printed minutes. */
  readonly minMinutes: number | null;
  readonly maxMinutes: number | null;
  /** One member, standing for the group (frames and created-by are identical). */
  readonly sample: GoroutineRecord;
}

function stackKey(rec: GoroutineRecord): string {
  const frames = rec.frames.map((f) => `${f.func} ${f.file}:${f.line}`);
  const c = rec.createdBy;
  return [rec.state, ...frames, c === undefined ? '' : `${c.func} ${c.file}:${c.line}`].join('\n');
}

/**
 * Folds goroutines with identical stacks (function, file and line of every frame and of the
 * `go` statement) and state, largest group first, like `debug=1` or panicparse. Argument words
 * and offsets are ignored: they differ between goroutines of the same leak.
 */
export function groupByStack(recs: readonly GoroutineRecord[]): StackGroup[] {
  const groups = new Map<string, GoroutineRecord[]>();
  for (const rec of recs) {
    const key = stackKey(rec);
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [rec]);
    else members.push(rec);
  }
  const out: StackGroup[] = [];
  for (const members of groups.values()) {
    const ids = members.map((m) => m.id).sort((a, b) => a - b);
    const minutes = members.flatMap((m) => (m.waitMinutes === undefined ? [] : [m.waitMinutes]));
    const sample = members.find((m) => m.id === ids[0]) ?? members[0];
    if (sample === undefined) continue;
    out.push({
      count: members.length,
      ids,
      state: sample.state,
      minMinutes: minutes.length > 0 ? Math.min(...minutes) : null,
      maxMinutes: minutes.length > 0 ? Math.max(...minutes) : null,
      sample,
    });
  }
  return out.sort((a, b) => b.count - a.count || (a.ids[0] ?? 0) - (b.ids[0] ?? 0));
}
