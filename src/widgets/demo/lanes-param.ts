/** The demo widget's single parameter: how many P lanes to draw. */
export const LANES = { name: 'lanes', min: 1, max: 8, default: 4 } as const;

export interface ParsedLanes {
  readonly value: number;
  /** Set when the raw value was refused and the default used instead; one line for the reader. */
  readonly notice?: string;
}

/**
 * Parses a raw `lanes` value from the URL or from MDX props. Anything that is not a whole number in
 * range falls back to the default with a notice: a hand-edited link must never break the page.
 */
export function parseLanes(raw: string | null | undefined): ParsedLanes {
  if (raw === null || raw === undefined || raw === '') return { value: LANES.default };
  const range = `${LANES.min}..${LANES.max}`;
  if (!/^\d+$/.test(raw.trim())) {
    return {
      value: LANES.default,
      notice: `lanes: "${raw}" is not a whole number (${range}); showing ${LANES.default}.`,
    };
  }
  const value = Number(raw.trim());
  if (value < LANES.min || value > LANES.max) {
    return {
      value: LANES.default,
      notice: `lanes: ${value} is out of range (${range}); showing ${LANES.default}.`,
    };
  }
  return { value };
}

/** The query string with `lanes` set, keeping every other parameter as it was. */
export function withLanes(search: string, lanes: number): string {
  const query = new URLSearchParams(search);
  query.set(LANES.name, String(lanes));
  return `?${query.toString()}`;
}
