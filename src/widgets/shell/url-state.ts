import { formatDuration, parseDuration } from '../../scenarios/duration';
import { formatParams, parseParams } from '../../scenarios/params';
import type { ParamSchema, ParamValues } from '../../scenarios/types';
import type { Clip } from './clip';

/** Seeds are 32-bit so they survive a round trip through any URL or CLI flag. */
export const SEED_RANGE = { min: 0, max: 2 ** 31 - 1, default: 1 } as const;
/** The event a link restores. Past the run's end the widget stops at the end. */
export const STEP_RANGE = { min: 0, max: 10_000_000, default: 0 } as const;
/** Playback speed multipliers offered by the speed control; 1 is the scenario's natural pace. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

/** Names the shell itself keeps in the query; a scenario param must not reuse them. */
export const SHELL_KEYS = ['seed', 'step', 't', 'speed', 'from', 'to', 'loop'] as const;

export interface WidgetState<S extends ParamSchema> {
  readonly values: ParamValues<S>;
  readonly seed: number;
  readonly step: number;
  /**
   * The instant the reader scrubbed to, in virtual ns, when it lies between events: `step` alone
   * would reopen the link at the last event before it. Null when the run stands on an event.
   */
  readonly atNs: number | null;
  readonly speed: number;
  /** The stretch Play keeps to (./clip.ts), or null: the whole run. */
  readonly clip: Clip | null;
}

export interface ParsedState<S extends ParamSchema> extends WidgetState<S> {
  /** One sentence per refused value; shown to the reader, who then sees the defaults. */
  readonly notices: readonly string[];
}

function parseWhole(
  name: string,
  raw: string | null | undefined,
  range: { min: number; max: number; default: number },
  notices: string[],
): number {
  if (raw === null || raw === undefined || raw === '') return range.default;
  const text = raw.trim();
  const value = /^\d{1,12}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    notices.push(
      `${name}: ${JSON.stringify(shorten(raw))} is not a whole number in ${range.min}..${range.max}; ` +
        `using ${range.default}.`,
    );
    return range.default;
  }
  return value;
}

/** `t` is a Go duration (`1.5s`); anything else is refused with a notice. */
function parseInstant(raw: string | null, notices: string[]): number | null {
  if (raw === null || raw === '') return null;
  try {
    const ns = parseDuration(raw.trim());
    if (ns >= 0) return ns;
  } catch {
    // Falls through to the notice.
  }
  notices.push(`t: ${JSON.stringify(shorten(raw))} is not a duration such as 1.5s; ignoring it.`);
  return null;
}

function parseSpeed(raw: string | null | undefined, notices: string[]): number {
  if (raw === null || raw === undefined || raw === '') return 1;
  const value = Number(raw.trim());
  if ((SPEEDS as readonly number[]).includes(value)) return value;
  notices.push(
    `speed: ${JSON.stringify(shorten(raw))} is not one of ${SPEEDS.join(', ')}; using 1.`,
  );
  return 1;
}

/** Hostile links can carry megabytes; a notice quotes only the start. */
function shorten(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** `from` or `to`: a Go duration, null when absent, NaN (with a notice) when refused. */
function clipBound(key: 'from' | 'to', raw: string | null, notices: string[]): number | null {
  if (raw === null || raw === '') return null;
  const ns = parseInstant(raw, []);
  if (ns !== null) return ns;
  notices.push(`${key}: ${JSON.stringify(shorten(raw))} is not a duration such as 1.5s; no clip.`);
  return Number.NaN;
}

/** The clip a link asks for (./clip.ts), or null; a refused value gives a notice and no clip. */
function readClip(query: URLSearchParams, notices: string[]): Clip | null {
  const from = clipBound('from', query.get('from'), notices);
  const to = clipBound('to', query.get('to'), notices);
  const rawLoop = query.get('loop') ?? '';
  const loop = rawLoop === '1' || rawLoop === 'true';
  if (!loop && !['', '0', 'false'].includes(rawLoop)) {
    notices.push(`loop: ${JSON.stringify(shorten(rawLoop))} is not 1 or 0; playing once.`);
  }
  if (Number.isNaN(from) || Number.isNaN(to) || (from === null && to === null)) return null;
  const fromNs = from ?? 0;
  if (to !== null && to <= fromNs) {
    notices.push(
      `to: ${formatDuration(to)} does not come after from (${formatDuration(fromNs)}); no clip.`,
    );
    return null;
  }
  return { fromNs, toNs: to, loop };
}

function writeClip(query: URLSearchParams, clip: Clip | null): void {
  for (const key of ['from', 'to', 'loop']) query.delete(key);
  if (clip === null) return;
  query.set('from', formatDuration(clip.fromNs));
  if (clip.toNs !== null) query.set('to', formatDuration(clip.toNs));
  if (clip.loop) query.set('loop', '1');
}

/**
 * Reads the widget's state from a query string. The URL wins over the author's props so a copied
 * link reopens the same picture; every refused value gives a notice and falls back to its default.
 */
export function readState<S extends ParamSchema>(
  schema: S,
  search: string,
  fallback: {
    params: Readonly<Record<string, string>>;
    seed: number;
    step: number;
  },
): ParsedState<S> {
  const query = new URLSearchParams(search);
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema)) {
    const value = query.get(name) ?? fallback.params[name];
    if (value !== undefined) raw[name] = value;
  }
  const parsed = parseParams(schema, raw);
  const notices: string[] = parsed.errors.map((e) => e.message);
  const seed = parseWhole('seed', query.get('seed') ?? String(fallback.seed), SEED_RANGE, notices);
  const step = parseWhole('step', query.get('step') ?? String(fallback.step), STEP_RANGE, notices);
  const atNs = parseInstant(query.get('t'), notices);
  const speed = parseSpeed(query.get('speed'), notices);
  const clip = readClip(query, notices);
  return { values: parsed.values, seed, step, atNs, speed, clip, notices };
}

/**
 * The query string for `state`, keeping any parameter the widget does not own (a host page's own
 * query on an embed, for instance).
 */
export function writeState<S extends ParamSchema>(
  schema: S,
  search: string,
  state: WidgetState<S>,
): string {
  const query = new URLSearchParams(search);
  const formatted = formatParams(schema, state.values);
  for (const [name, value] of Object.entries(formatted)) query.set(name, value);
  query.set('seed', String(state.seed));
  query.set('step', String(state.step));
  if (state.atNs === null) query.delete('t');
  else query.set('t', formatDuration(state.atNs));
  if (state.speed === 1) query.delete('speed');
  else query.set('speed', String(state.speed));
  writeClip(query, state.clip);
  return `?${query.toString()}`;
}
