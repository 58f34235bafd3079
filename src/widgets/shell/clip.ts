/**
 * A clip: the stretch of virtual time a link plays, once or over and over. A team lead embeds
 * exactly the moment a page is about (the syscall hand-off, the 503 at the deadline) instead of a
 * whole run. The link carries it as `from`, `to` (Go durations) and `loop=1` (./url-state.ts);
 * the reader can still step and scrub anywhere, and Play goes back to `from` when the run stands
 * outside the clip.
 */
import { formatVirtualTime } from './transcript';

export interface Clip {
  readonly fromNs: number;
  /** Null: to the end of the run. */
  readonly toNs: number | null;
  readonly loop: boolean;
}

/** Where play stops: the clip's end, never past the run's horizon. */
export function clipEndNs(clip: Clip | null, horizonNs: number): number {
  if (clip === null || clip.toNs === null) return horizonNs;
  return Math.min(clip.toNs, horizonNs);
}

/** Where Play must first seek to, or null to play on from where the run stands. */
export function playStartNs(clip: Clip | null, nowNs: number, horizonNs: number): number | null {
  if (clip === null) return null;
  const from = Math.min(clip.fromNs, horizonNs);
  return nowNs < from || nowNs >= clipEndNs(clip, horizonNs) ? from : null;
}

/** After a frame of play: play on, go back to the clip's start (a loop), or pause. */
export function afterPlayFrame(
  clip: Clip | null,
  nowNs: number,
  done: boolean,
  horizonNs: number,
): 'play' | 'rewind' | 'pause' {
  const end = clipEndNs(clip, horizonNs);
  if (!done && nowNs < end) return 'play';
  return clip?.loop === true ? 'rewind' : 'pause';
}

/** The clip in words, for the Clip panel and the toolbar's status line. */
export function describeClip(clip: Clip | null): string {
  if (clip === null) return 'No clip: Play runs the whole simulation.';
  const to = clip.toNs === null ? 'the end' : formatVirtualTime(clip.toNs);
  return `Clip from ${formatVirtualTime(clip.fromNs)} to ${to}, ${clip.loop ? 'looping' : 'once'}.`;
}
