import type { View } from '../../scenarios/types';

/** Goroutines standing on each source line of `view`, indexed by line number. */
export function lineCounts(view: View): number[] {
  const counts: number[] = [];
  for (const g of view.gs) {
    if (g.line > 0 && g.status !== '_Gdead') counts[g.line] = (counts[g.line] ?? 0) + 1;
  }
  return counts;
}
