/**
 * Real goroutine dumps in tests/fixtures, one per Go release the model follows, and the rule the
 * model's dumps are held to against them: frame for frame the same stack, the standard library's
 * frames at the same file and line, the program's by function (its files sit elsewhere), and
 * `created by` at the same site.
 */
import { readFileSync } from 'node:fs';
import type { GoroutineFrame, GoroutineRecord } from '../../src/model/traceback.ts';
import { parseDump } from '../../src/model/traceback-parse.ts';

/** The Go versions the scenarios offer that have a real dump, and the release that made it. */
export const RELEASES = [
  ['1.19', 'go1.19.8'],
  ['1.21', 'go1.21.13'],
  ['1.22', 'go1.22.12'],
  ['1.23', 'go1.23.5'],
  ['1.24', 'go1.24.4'],
  ['1.25', 'go1.25.12'],
  ['1.26', 'go1.26.10'],
  ['1.27', 'go1.27.3'],
] as const;

/** The goroutines of tests/fixtures/`file` (several dumps in one file are split by `=====` lines). */
export function realDump(file: string): GoroutineRecord[] {
  const text = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
  return text.split(/\n===== .*\n/).flatMap(parseDump);
}

/** Where a frame sits: its path below the Go tree's `src/`, or '' for the program's own file. */
const place = (f: GoroutineFrame): string => {
  const i = f.file.indexOf('/src/');
  return i < 0 ? '' : `${f.file.slice(i + 5)}:${f.line}`;
};

/** Frame by frame the same stack: functions, the standard library's files and lines, creator. */
export function sameStack(model: GoroutineRecord, seen: GoroutineRecord): boolean {
  const same = (a: GoroutineFrame, b: GoroutineFrame) => a.func === b.func && place(a) === place(b);
  if (model.frames.length !== seen.frames.length) return false;
  if (!model.frames.every((f, i) => same(f, seen.frames[i]!))) return false;
  const a = model.createdBy;
  const b = seen.createdBy;
  if (a === undefined || b === undefined) return a === b;
  return same({ ...a, args: '' }, { ...b, args: '' });
}

/** A real goroutine in the same state with the same stack, if there is one. */
export function realMatch(
  model: GoroutineRecord,
  real: readonly GoroutineRecord[],
): GoroutineRecord | undefined {
  return real.find((r) => r.state === model.state && sameStack(model, r));
}
