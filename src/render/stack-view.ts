import type { TraceEvent, View } from '../scenarios/types';

/** `stackGuard` on linux/amd64: 800 (stackNosplit) + 128 (StackSmall); see src/runtime/stack.go. */
export const GUARD_BYTES = 928;

/** What the stack column draws, read from a View's `extra` (plain data from the scenario). */
export interface StackPicture {
  readonly size: number;
  readonly used: number;
  /** Whole frame sizes, outermost first. */
  readonly frames: readonly number[];
  readonly copies: number;
  readonly copiedBytes: number;
  /** The goroutine whose stack it is (its goid), when the scenario says. */
  readonly goid: number | null;
}

/** The most recent move of the stack, if it is the last thing that happened. */
export interface StackMove {
  readonly kind: 'stack-grow' | 'stack-shrink';
  readonly text: string;
  readonly fromBytes: number | null;
  readonly toBytes: number | null;
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * Finds the goroutine stack in `view.extra` (as `extra.stack` or at the top level), falling back to
 * the first live goroutine's `stackBytes` with no frame detail. Tolerant: extra is scenario data.
 */
export function readStack(view: View): StackPicture {
  const extra = view.extra;
  const raw = (
    typeof extra['stack'] === 'object' && extra['stack'] !== null ? extra['stack'] : extra
  ) as Record<string, unknown>;
  const frames = Array.isArray(raw['frames'])
    ? raw['frames'].filter((f): f is number => typeof f === 'number')
    : [];
  const g = view.gs.find((x) => x.status !== '_Gdead');
  const size = num(raw['size']) ?? num(raw['stackBytes']) ?? g?.stackBytes ?? 0;
  return {
    size,
    used: num(raw['used']) ?? num(raw['usedBytes']) ?? frames.reduce((a, b) => a + b, 0),
    frames,
    copies: num(raw['copies']) ?? 0,
    copiedBytes: num(raw['copiedBytes']) ?? 0,
    goid: num(extra['goid']) ?? g?.id ?? null,
  };
}

/** Sizes like the runtime's messages: bytes below 1 KiB, else KiB / MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
}

/** The last event in the trace, if it moved the stack: the copy is drawn only right after it. */
export function lastMove(trace: readonly TraceEvent[], view: View): StackMove | null {
  const last = trace.at(-1);
  if (
    !last ||
    (last.kind !== 'stack-grow' && last.kind !== 'stack-shrink') ||
    last.tNs !== view.nowNs
  )
    return null;
  // "stack 262144 → 524288 bytes": the first size carries no unit of its own.
  const sizes = /(\d[\d,]*)(?:\s*(?:bytes|B))?\s*→\s*(\d[\d,]*)/.exec(last.text);
  const bytes = (s: string | undefined) => (s === undefined ? null : Number(s.replaceAll(',', '')));
  return {
    kind: last.kind,
    text: last.text,
    fromBytes: bytes(sizes?.[1]),
    toBytes: bytes(sizes?.[2]),
  };
}
