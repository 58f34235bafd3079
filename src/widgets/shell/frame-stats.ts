/**
 * Per-widget frame cost (simulation advance + drawing + render, ms), kept in a small ring on
 * `window` so `npm run bench` can read the median from headless Chromium. Costs nothing to readers.
 */
const KEEP = 600;

type Stats = Record<string, number[]>;

export function recordFrameCost(widgetId: string, ms: number): void {
  const w = window as Window & { __ghostFrameCosts?: Stats };
  const stats = (w.__ghostFrameCosts ??= {});
  const ring = (stats[widgetId] ??= []);
  ring.push(ms);
  if (ring.length > KEEP) ring.splice(0, ring.length - KEEP);
}
