import type { Series, TraceEvent } from '../../scenarios/types';
import { transcriptLine, type TranscriptLine } from '../shell/transcript';

/**
 * The buggy and fixed lines' colours: the stage's `waiting` orange for the run that leaks (its
 * stuck rows are drawn in it) and its blue for the fixed one, so a colour means one thing in the
 * stage and the charts beside it (src/render/palette.ts).
 */
export const PAIR_COLORS: readonly [string, string] = ['#b35900', '#0b6bcb'];

/** The words of the two lines in a paired chart's legend; its caption names the series. */
export const PAIR_LABELS: readonly [string, string] = ['buggy', 'fixed'];

/** The keys a paired chart gives the two lines of series `name` (on their `data-series`). */
export function pairedNames(name: string): readonly [string, string] {
  return [`${name} (buggy)`, `${name} (fixed)`];
}

/**
 * One chart's data: series `name` of the buggy and of the fixed run on their shared sample grid
 * (both runs sample on the same grid and stand at the same instant; a run that has taken one
 * sample more waits for the other).
 */
export function pairSeries(buggy: Series, fixed: Series, name: string): Series {
  const length = Math.min(buggy.t_ms.length, fixed.t_ms.length);
  const [b, f] = pairedNames(name);
  return {
    t_ms: buggy.t_ms.slice(0, length),
    [b]: (buggy[name] ?? []).slice(0, length),
    [f]: (fixed[name] ?? []).slice(0, length),
  };
}

/**
 * The newest `limit` transcript lines of both runs, in virtual-time order, each marked with its
 * run. Keys stay unique: buggy lines get even, fixed lines odd keys.
 */
export function mergedLines(
  buggy: readonly TraceEvent[],
  fixed: readonly TraceEvent[],
  limit: number,
): TranscriptLine[] {
  const mark = (events: readonly TraceEvent[], side: 0 | 1) =>
    events.slice(Math.max(0, events.length - limit)).map((event) => {
      const line = transcriptLine(event);
      return {
        tNs: event.tNs,
        line: {
          seq: event.seq * 2 + side,
          text: `${side === 0 ? 'buggy' : 'fixed'} · ${line.text}`,
        },
      };
    });
  return [...mark(buggy, 0), ...mark(fixed, 1)]
    .sort((a, b) => a.tNs - b.tNs || a.line.seq - b.line.seq)
    .slice(-limit)
    .map((entry) => entry.line);
}
