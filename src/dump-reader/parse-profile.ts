/**
 * Reads a goroutine profile printed at `debug=1` (`/debug/pprof/goroutine?debug=1`), the form in
 * which the runtime has already folded identical stacks:
 *
 * ```text
 * goroutine profile: total 26
 * 6 @ 0x43adf6 0x464a95 0x666fb6 0x467c21
 * #	0x464a94	time.Sleep+0x134		/usr/lib/go-1.19/src/runtime/time.go:195
 * #	0x666fb5	main.slowReport+0x35	/srv/app/main.go:36
 * ```
 *
 * It prints no goroutine ids, no states and no `created by` line; `# labels:` lines carry pprof
 * labels.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/pprof/pprof.go (printCountProfile, printStackRecord)
 */

export interface ProfileFrame {
  readonly func: string;
  readonly file: string;
  readonly line: number;
}

export interface ProfileRecord {
  readonly count: number;
  /** Innermost first. */
  readonly frames: readonly ProfileFrame[];
  /** The `# labels: {...}` text, when pprof labels were set. */
  readonly labels?: string;
}

export interface GoroutineProfile {
  /** The `total` the header states. */
  readonly total: number;
  readonly records: readonly ProfileRecord[];
}

const HEADER = /^goroutine profile: total (\d+)\s*$/m;
const COUNT = /^(\d+) @(?: 0x[0-9a-f]+)*\s*$/;
const FRAME = /^#\s+0x[0-9a-f]+\s+(\S+?)\+0x[0-9a-f]+\s+(\S.*):(\d+)\s*$/;
const LABELS = /^# labels: (.*)$/;

/** True when `text` holds a `debug=1` goroutine profile. */
export function isGoroutineProfile(text: string): boolean {
  return HEADER.test(text);
}

/** The profile in `text`; lines it does not recognise are skipped, so a pasted log works. */
export function parseGoroutineProfile(text: string): GoroutineProfile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const records: { count: number; frames: ProfileFrame[]; labels?: string }[] = [];
  let current: (typeof records)[number] | null = null;
  for (const line of lines) {
    const count = COUNT.exec(line);
    if (count !== null) {
      current = { count: Number(count[1]), frames: [] };
      records.push(current);
      continue;
    }
    if (current === null) continue;
    const labels = LABELS.exec(line);
    if (labels !== null) {
      current.labels = labels[1] ?? '';
      continue;
    }
    const frame = FRAME.exec(line);
    if (frame !== null) {
      current.frames.push({ func: frame[1] ?? '', file: frame[2] ?? '', line: Number(frame[3]) });
    }
  }
  return { total: Number(HEADER.exec(text)?.[1] ?? 0), records };
}
