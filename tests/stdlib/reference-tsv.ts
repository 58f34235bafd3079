/**
 * Reads the reference runs copied into tests/fixtures (real Go 1.19.8 measurements, see each file's
 * header) and compares a model series with them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Series } from '../../src/scenarios/types.ts';

export interface ReferenceRun {
  /** Column name → values, one per sample row; `t_ms` included. */
  readonly columns: Readonly<Record<string, readonly number[]>>;
  readonly rows: number;
}

export function readReference(name: string): ReferenceRun {
  const path = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const [header, ...data] = lines;
  if (header === undefined) throw new Error(`${name}: no header`);
  const names = header.split('\t');
  const columns: Record<string, number[]> = {};
  for (const n of names) columns[n] = [];
  for (const line of data) {
    line.split('\t').forEach((v, i) => columns[names[i] ?? '']?.push(Number(v)));
  }
  return { columns, rows: data.length };
}

export function column(run: ReferenceRun, name: string): readonly number[] {
  const c = run.columns[name];
  if (c === undefined) throw new Error(`no column ${name}`);
  return c;
}

/** The model's value of `name` at its sample nearest to `tMs` (the grid is `sampleMs` wide). */
export function modelAt(series: Series, name: string, tMs: number): number {
  const values = series[name];
  if (values === undefined) throw new Error(`model has no series ${name}`);
  let best = 0;
  for (let i = 0; i < series.t_ms.length; i++) {
    if (Math.abs((series.t_ms[i] ?? 0) - tMs) < Math.abs((series.t_ms[best] ?? 0) - tMs)) best = i;
  }
  return values[best] ?? NaN;
}

/**
 * Each reference sample must be matched by the model up to a time shift of one sample interval:
 * its value lies within the range the model covers from one interval before to one after (give or
 * take `relative` of it, or `absolute` for small counts). The reference's own sample times drift
 * (its sampler sleeps, then does work), so they rarely sit on the model's grid. Returns the rows
 * that do not match.
 */
export function mismatches(
  ref: ReferenceRun,
  refColumn: string,
  series: Series,
  name: string,
  sampleMs: number,
  tolerance: { relative: number; absolute: number },
): string[] {
  const t = column(ref, 't_ms');
  const v = column(ref, refColumn);
  const bad: string[] = [];
  v.forEach((want, i) => {
    const at = t[i] ?? 0;
    const allowed = Math.max(tolerance.absolute, Math.abs(want) * tolerance.relative);
    const candidates = [at - sampleMs, at, at + sampleMs].map((x) => modelAt(series, name, x));
    const low = Math.min(...candidates) - allowed;
    const high = Math.max(...candidates) + allowed;
    if (want < low || want > high) {
      bad.push(`t=${at}ms ${refColumn}: reference ${want}, model ${candidates.join('/')}`);
    }
  });
  return bad;
}

/** The first time a column reaches `level` (≥ when rising, ≤ when falling) after `fromMs`. */
export function firstTimeAt(
  t: readonly number[],
  values: readonly number[],
  level: number,
  direction: 'rising' | 'falling',
  fromMs = 0,
): number {
  for (let i = 0; i < values.length; i++) {
    const at = t[i] ?? 0;
    const v = values[i] ?? NaN;
    if (at < fromMs) continue;
    if (direction === 'rising' ? v >= level : v <= level) return at;
  }
  return Infinity;
}
