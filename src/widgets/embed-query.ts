/**
 * On /embed/<id>/ the page's query string is the widget's state: `?seed=7&step=40&lanes=3`.
 * `seed` and `step` are read here; every other key is passed to the widget as a raw param, which the
 * widget validates with its own schema.
 */

export interface EmbedState {
  readonly params: Record<string, string>;
  readonly seed: number;
  readonly step: number;
}

const RESERVED = new Set(['seed', 'step']);

function nonNegativeInteger(raw: string | null, fallback: number): number {
  if (raw === null || !/^\d{1,9}$/.test(raw)) return fallback;
  return Number(raw);
}

/** Merges the query over the author's defaults; malformed seed/step keep the defaults. */
export function readEmbedQuery(search: string, defaults: EmbedState): EmbedState {
  const query = new URLSearchParams(search);
  const params = { ...defaults.params };
  for (const [key, value] of query) {
    if (!RESERVED.has(key)) params[key] = value;
  }
  return {
    params,
    seed: nonNegativeInteger(query.get('seed'), defaults.seed),
    step: nonNegativeInteger(query.get('step'), defaults.step),
  };
}
