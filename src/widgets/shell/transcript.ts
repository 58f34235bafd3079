import type { TraceEvent } from '../../scenarios/types';

/** A line of the transcript as the widget shows it. */
export interface TranscriptLine {
  readonly seq: number;
  readonly text: string;
}

/** Formats virtual nanoseconds for a reader: `0s`, `1.5ms`, `2.003s`. */
export function formatVirtualTime(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1_000) return `${ns}ns`;
  if (ns < 1_000_000) return `${trim(ns / 1_000)}µs`;
  if (ns < 1_000_000_000) return `${trim(ns / 1_000_000)}ms`;
  return `${trim(ns / 1_000_000_000)}s`;
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
