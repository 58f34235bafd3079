import { formatDuration, MINUTE } from '../../scenarios/duration';
import type { TraceEvent } from '../../scenarios/types';

/** A line of the transcript as the widget shows it. */
export interface TranscriptLine {
  readonly seq: number;
  readonly text: string;
}

/**
 * Formats virtual nanoseconds for a reader in Go's duration syntax (`Duration.String`), rounded
 * to three decimals of its unit: `0s`, `1.5ms`, `2.003s`, `1m40.5s`. Time since the run began is
 * a duration, so it reads as the figures the parameters and the dashboard use (`1m40s`, not
 * `100s`).
 */
export function formatVirtualTime(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1_000) return `${ns}ns`;
  if (ns < 1_000_000) return `${trim(ns / 1_000)}µs`;
  if (ns < 1_000_000_000) return `${trim(ns / 1_000_000)}ms`;
  if (ns < MINUTE) return `${trim(ns / 1_000_000_000)}s`;
  return formatDuration(Math.round(ns / 1_000_000) * 1_000_000);
}

function trim(value: number): string {
  return Number(value.toFixed(3)).toString();
}

/** The transcript line of one trace event: its virtual time, then the model's own sentence. */
export function transcriptLine(event: TraceEvent): TranscriptLine {
  return {
    seq: event.seq,
    text: `${formatVirtualTime(event.tNs)}: ${event.text}`,
  };
}

/**
 * The most recent `limit` lines of the events still held, ending at the current step. Notes and
 * moves alike: the model already wrote each sentence for a reader.
 */
export function recentLines(events: readonly TraceEvent[], limit: number): TranscriptLine[] {
  return events.slice(Math.max(0, events.length - limit)).map(transcriptLine);
}
