/**
 * Goroutine dumps in the runtime's own text (go-facts.md fact 25), the way `debug=2`, a crash or
 * SIGQUIT prints them:
 *
 * ```text
 * goroutine 18 [chan receive, 2 minutes]:
 * main.worker(...)
 * 	/srv/app/main.go:28
 * main.main.func1()
 * 	/srv/app/main.go:32 +0x32
 * created by main.main in goroutine 1
 * 	/srv/app/main.go:30 +0x59
 * ```
 *
 * The reverse, reading a pasted dump back and folding its stacks, is ./traceback-parse.ts: only
 * the dump reader and the observability verdict (loaded when the alert first fires) need it.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/traceback.go (goroutineheader, printcreatedby1)
 */
import type { GoroutineProfile } from '../scenarios/types.ts';
import { tabAligned } from './tabwriter.ts';

export interface GoroutineFrame {
  /** As the runtime prints it: `main.GetConfig`, `sync.(*Once).doSlow`. */
  func: string;
  /** The argument words as printed (`0x0?, 0x0?`), `...` for an inlined frame, or empty. */
  args: string;
  file: string;
  line: number;
  /** PC offset into the function (`+0x53`); absent for inlined frames, which have no PC. */
  offset?: number;
}

export interface GoroutineRecord {
  id: number;
  /** The wait reason (`chan receive`, `sync.Mutex.Lock`) or a status (`running`, `runnable`). */
  state: string;
  /** Whole minutes since `g.waitsince`; printed only when ≥ 1. */
  waitMinutes?: number;
  lockedToThread?: boolean;
  /** Innermost first. */
  frames: GoroutineFrame[];
  /**
   * Only for records read from a dump that left frames out: how many (`...N frames elided...`,
   * Go 1.21+, between the 50 innermost and 50 outermost) or 'unknown' (`...additional frames
   * elided...` after the first 100, before 1.21). Records built by the model leave it unset and
   * carry every frame; the formatter elides them the way the dump's Go version does.
   */
  elidedFrames?: number | 'unknown';
  createdBy?: {
    func: string;
    file: string;
    line: number;
    offset?: number;
    /** The goroutine that ran the `go` statement; 0 when unknown (dumps before Go 1.21). */
    parentId: number;
  };
}

export interface DumpOptions {
  /** `go1.25`, `1.19`, ...: decides `in goroutine N` (1.21+). */
  readonly goVersion: string;
}

/** The minor number of a Go version string: `go1.25.3` → 25, `1.19` → 19. */
export function goMinor(goVersion: string): number {
  const match = /^(?:go)?1\.(\d+)/.exec(goVersion.trim());
  if (match === null) throw new RangeError(`not a Go 1.x version: ${JSON.stringify(goVersion)}`);
  return Number(match[1]);
}

/** The header line, e.g. `goroutine 18 [chan receive, 2 minutes]:`. */
export function formatHeader(rec: GoroutineRecord): string {
  let status = rec.state;
  // goroutineheader: `if gp.waitsince != 0 { waitfor := (nanotime() - gp.waitsince) / 60e9;
  // if waitfor >= 1 { print(", ", waitfor, " minutes") } }` — always "minutes", even for 1.
  if (rec.waitMinutes !== undefined && rec.waitMinutes >= 1) {
    status += `, ${Math.floor(rec.waitMinutes)} minutes`;
  }
  if (rec.lockedToThread === true) status += ', locked to thread';
  return `goroutine ${rec.id} [${status}]:`;
}

function formatPlace(file: string, line: number, offset: number | undefined): string {
  return `\t${file}:${line}${offset === undefined ? '' : ` +0x${offset.toString(16)}`}`;
}

/** Before Go 1.21 a traceback stops at `_TracebackMaxFrames` = 100 frames. */
export const TRACEBACK_MAX_FRAMES = 100;
/** Go 1.21+ prints the 50 innermost and 50 outermost frames and counts the rest. */
export const TRACEBACK_INNER_FRAMES = 50;
export const TRACEBACK_OUTER_FRAMES = 50;
export const ADDITIONAL_ELIDED = '...additional frames elided...';

/**
 * The frame lines as the runtime prints them, with its elision of deep stacks (a recursion
 * 20,000 frames deep prints 100 of them).
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/traceback.go (traceback1)
 */
function frameLines(rec: GoroutineRecord, minor: number): string[] {
  const lines = (frames: readonly GoroutineFrame[]) =>
    frames.flatMap((f) => [`${f.func}(${f.args})`, formatPlace(f.file, f.line, f.offset)]);
  const { frames, elidedFrames } = rec;
  if (elidedFrames === 'unknown') return [...lines(frames), ADDITIONAL_ELIDED];
  if (elidedFrames !== undefined) {
    return [
      ...lines(frames.slice(0, TRACEBACK_INNER_FRAMES)),
      `...${elidedFrames} frames elided...`,
      ...lines(frames.slice(TRACEBACK_INNER_FRAMES)),
    ];
  }
  if (minor < 21) {
    // gentraceback stops at 100 frames and `n == _TracebackMaxFrames` prints the marker, so a
    // stack of exactly 100 frames gets it too.
    if (frames.length < TRACEBACK_MAX_FRAMES) return lines(frames);
    return [...lines(frames.slice(0, TRACEBACK_MAX_FRAMES)), ADDITIONAL_ELIDED];
  }
  const elide = frames.length - TRACEBACK_INNER_FRAMES - TRACEBACK_OUTER_FRAMES;
  if (elide <= 0) return lines(frames);
  return [
    ...lines(frames.slice(0, TRACEBACK_INNER_FRAMES)),
    `...${elide} frames elided...`,
    ...lines(frames.slice(frames.length - TRACEBACK_OUTER_FRAMES)),
  ];
}

/** One goroutine's block of lines, without the blank line that separates blocks. */
export function formatGoroutine(rec: GoroutineRecord, opts: DumpOptions): string {
  const minor = goMinor(opts.goVersion);
  const lines = [formatHeader(rec), ...frameLines(rec, minor)];
  if (rec.createdBy !== undefined) {
    const c = rec.createdBy;
    // printcreatedby1 prints `in goroutine N` since Go 1.21, and only for a known parent.
    const parent = minor >= 21 && c.parentId !== 0 ? ` in goroutine ${c.parentId}` : '';
    lines.push(`created by ${c.func}${parent}`, formatPlace(c.file, c.line, c.offset));
  }
  return lines.join('\n');
}

/** A whole dump: goroutine blocks separated by one blank line, as `debug=2` writes them. */
export function formatDump(recs: readonly GoroutineRecord[], opts: DumpOptions): string {
  return recs.map((r) => formatGoroutine(r, opts)).join('\n\n') + (recs.length > 0 ? '\n' : '');
}

/** Blocking operations whose wait reason was renamed between releases. */
export type VersionedWait = 'mutex' | 'rwmutex-rlock' | 'rwmutex-lock' | 'waitgroup';

/**
 * The wait reason a goroutine blocked in `kind` shows in a dump of `goVersion`. Before the
 * dedicated reasons existed, sync primitives parked through `semacquire`; Go 1.20 added
 * `sync.Mutex.Lock`, `sync.RWMutex.RLock` and `sync.RWMutex.Lock`; `sync.WaitGroup.Wait` is in
 * the 1.25 `waitReasonStrings` (go-facts.md fact 24; the 1.19 reference dump shows `semacquire`).
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/runtime2.go (waitReasonStrings)
 */
export function waitReasonFor(kind: VersionedWait, goVersion: string): string {
  const minor = goMinor(goVersion);
  switch (kind) {
    case 'mutex':
      return minor >= 20 ? 'sync.Mutex.Lock' : 'semacquire';
    case 'rwmutex-rlock':
      return minor >= 20 ? 'sync.RWMutex.RLock' : 'semacquire';
    case 'rwmutex-lock':
      return minor >= 20 ? 'sync.RWMutex.Lock' : 'semacquire';
    case 'waitgroup':
      return minor >= 25 ? 'sync.WaitGroup.Wait' : 'semacquire';
  }
}

/** Folds records one at a time; only the first of each stack is kept. */
export function goroutineProfile(): {
  add(rec: GoroutineRecord): void;
  done(): GoroutineProfile;
} {
  type Group = GoroutineProfile['groups'][number];
  const groups = new Map<
    string,
    { count: number; frames: Group['frames']; first: Group['first'] }
  >();
  let total = 0;
  return {
    add(rec) {
      total += 1;
      // pprof keys a stack by its PCs: function and line of every frame.
      const key = rec.frames.map((f) => `${f.func} ${f.file}:${f.line}`).join('\n');
      const group = groups.get(key);
      if (group === undefined) {
        const c = rec.createdBy;
        const first =
          c === undefined
            ? { id: rec.id }
            : { id: rec.id, createdBy: { func: c.func, file: c.file, line: c.line } };
        groups.set(key, { count: 1, frames: rec.frames, first });
      } else group.count += 1;
    },
    done: () => ({ total, groups: [...groups.values()].sort((a, b) => b.count - a.count) }),
  };
}

/** A made-up but stable code address for a frame: the model has no binary to take one from. */
function framePc(frame: { func: string; line: number }): { pc: number; offset: number } {
  let hash = 0x811c9dc5;
  for (let i = 0; i < frame.func.length; i++) {
    hash = Math.imul(hash ^ frame.func.charCodeAt(i), 0x01000193) >>> 0;
  }
  // In the range a small Go binary's text takes (it starts at 0x401000 on linux/amd64).
  const entry = 0x401000 + (hash % 0x10000) * 0x10;
  const offset = 0x10 + ((frame.line * 7) % 0x200);
  return { pc: entry + offset, offset };
}

const hex = (n: number) => `0x${n.toString(16)}`;

/**
 * The text of `profile` in pprof's legacy `debug=1` form (runtime/pprof printCountProfile and
 * printStackRecord, https://github.com/golang/go/blob/go1.19.8/src/runtime/pprof/pprof.go):
 * `goroutine profile: total N`, then per stack `COUNT @ PC...` and one `#` line a frame, through
 * the same tabwriter, so each stack's columns line up as they do in a real profile. `top` limits
 * the stacks printed.
 */
export function formatGoroutineProfile(profile: GoroutineProfile, top = Infinity): string {
  const out = [`goroutine profile: total ${profile.total}`];
  for (const group of profile.groups.slice(0, top)) {
    const pcs = group.frames.map(framePc);
    out.push(`${group.count} @ ${pcs.map((p) => hex(p.pc)).join(' ')}`);
    group.frames.forEach((frame, i) => {
      const { pc, offset } = pcs[i] ?? framePc(frame);
      out.push(`#\t${hex(pc)}\t${frame.func}+${hex(offset)}\t${frame.file}:${frame.line}`);
    });
    out.push('');
  }
  return tabAligned(out).join('\n') + '\n';
}
