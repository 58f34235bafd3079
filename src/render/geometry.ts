/** An axis-aligned rectangle in stage pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * Centre of cell `index` when `count` equal square cells fill `box` row by row, as large as fit
 * (between `minCell` and `maxCell` px). Cells past the box's capacity pile onto the last one.
 */
export function gridCell(box: Box, index: number, count: number, minCell = 2, maxCell = 14): Point {
  const n = Math.max(1, count);
  const ideal = Math.sqrt((box.w * box.h) / n);
  const cell = Math.max(minCell, Math.min(maxCell, Math.floor(ideal)));
  const cols = Math.max(1, Math.floor(box.w / cell));
  const rows = Math.max(1, Math.floor(box.h / cell));
  const i = Math.min(index, cols * rows - 1);
  return {
    x: box.x + (i % cols) * cell + cell / 2,
    y: box.y + Math.floor(i / cols) * cell + cell / 2,
  };
}

/** Moves `current` a frame's share of the way to `target` (exponential ease, frame-rate independent). */
export function approach(current: number, target: number, dtMs: number, halfLifeMs = 70): number {
  const k = 1 - 0.5 ** (dtMs / halfLifeMs);
  const next = current + (target - current) * k;
  return Math.abs(target - next) < 0.25 ? target : next;
}
