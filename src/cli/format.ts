/**
 * Text output of the CLI: the readable run table, `--list` and `--help`.
 */
import { describeAllowed, defaultValue, formatValue } from '../scenarios/params.ts';
import type { RunResult, Scenario } from '../scenarios/types.ts';

/** Long runs print at most this many series rows (evenly spaced, always the last one). */
export const MAX_TABLE_ROWS = 40;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padStart(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Integers as they are; fractions (t_ms of µs-long runs, wallMs) to 6 significant digits. */
function number(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

function pickRows(count: number): number[] {
  if (count <= MAX_TABLE_ROWS) return Array.from({ length: count }, (_, i) => i);
  const every = Math.ceil(count / MAX_TABLE_ROWS);
  const picked = [];
  for (let i = every - 1; i < count; i += every) picked.push(i);
  if (picked[picked.length - 1] !== count - 1) picked.push(count - 1);
  return picked;
}

/** The scenario's step table, when the run has one. */
function historyLines(result: RunResult): string[] {
  const rows = result.history ?? [];
  const first = rows[0];
  if (first === undefined) return [];
  const header = Object.keys(first);
  return [
    '',
    'history:',
    ...table(
      header,
      rows.map((r) => header.map((h) => String(r[h]))),
    ),
  ];
}

/** The readable form of a run: params, counters, the sampled series, any history. */
export function formatRun(result: RunResult): string {
  const params = Object.entries(result.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  const lines = [
    `${result.scenario}  ${params}  seed=${result.seed}  sample=${number(result.sampleMs)}ms`,
  ];
  if (result.fatal !== undefined) lines.push('', ...result.fatal.split('\n'));
  lines.push('', 'counters:');
  lines.push(
    ...table(
      ['name', 'value'],
      Object.entries(result.counters).map(([k, v]) => [k, number(v)]),
    ),
  );
  const names = Object.keys(result.series).filter((k) => k !== 't_ms');
  const t = result.series.t_ms;
  if (t.length > 0) {
    const picked = pickRows(t.length);
    const note = picked.length < t.length ? ` (${picked.length} of ${t.length} samples)` : '';
    lines.push('', `series${note}:`);
    const rows = picked.map((i) => [
      number(t[i] ?? 0),
      ...names.map((n) => number(result.series[n]?.[i] ?? 0)),
    ]);
    lines.push(...table(['t_ms', ...names], rows));
  }
  lines.push(...historyLines(result));
  return lines.join('\n');
}

/** `--list`: every scenario with its params, ranges and defaults. */
export function formatList(scenarios: readonly Scenario[]): string {
  const blocks = scenarios.map((s) => {
    const rows = Object.entries(s.params).map(([name, spec]) => [
      `--${name}`,
      spec.kind,
      describeAllowed(spec),
      formatValue(spec, defaultValue(spec)),
      spec.label,
    ]);
    return [
      `${s.id} — ${s.title}`,
      ...table(['flag', 'kind', 'allowed', 'default', 'what'], rows).map((l) => `  ${l}`),
      `  series: ${s.seriesNames.join(', ')}`,
      `  counters: ${s.counterNames.join(', ')}`,
    ].join('\n');
  });
  return blocks.join('\n\n');
}

export const HELP = `usage: npm run sim -- <scenario> [--<param> <value> ...] [--seed N] [--sample 500ms] [--json]
       npm run sim -- --list

Runs a scenario of the Go scheduler model to its horizon. Booleans are true/false, durations
Go-style (700ms, 4s), counts plain integers: the same spellings as the site's URLs.
  --seed N        PRNG seed (default 1); the same seed gives the same run
  --sample D      sample interval of the series (default 500ms, or the scenario's own)
  --json          print one JSON object { scenario, params, seed, sampleMs, series, counters }
  --list          list scenarios with their params, ranges and defaults
Exit status 2 on an unknown scenario, flag or bad value.`;
