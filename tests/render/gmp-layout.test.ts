import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inner,
  layoutGmp,
  placePoint,
  placeSize,
  QUEUE_COUNT_W,
} from '../../src/render/gmp-layout';
import type { Box } from '../../src/render/geometry';
import type { GPlace } from '../../src/scenarios/types';

/** A place goroutines share with no index of their own. */
const sharedPlace = {
  waiting: { kind: 'waiting', reason: 'sleep' },
  netpoll: { kind: 'netpoll' },
  syscall: { kind: 'syscall', m: 1 },
} as const satisfies Record<string, GPlace>;
type Shared = keyof typeof sharedPlace;

/** The squares drawn for `count` goroutines at `place(i)`: centre and side, size-0 ones left out. */
function squares(
  layout: ReturnType<typeof layoutGmp>,
  count: number,
  place: (i: number) => GPlace,
  ranked: boolean,
) {
  const out: { x: number; y: number; side: number }[] = [];
  for (let i = 0; i < count; i++) {
    const p = place(i);
    const point = placePoint(layout, p, ranked ? i : 0, count);
    const side = placeSize(layout, p, ranked ? i : 0, count);
    if (point && side > 0) out.push({ x: point.x, y: point.y, side });
  }
  return out;
}

function overlapping(s: readonly { x: number; y: number; side: number }[]): number {
  let pairs = 0;
  for (let i = 0; i < s.length; i++) {
    for (let j = i + 1; j < s.length; j++) {
      const a = s[i]!;
      const b = s[j]!;
      const reach = (a.side + b.side) / 2;
      if (Math.abs(a.x - b.x) < reach && Math.abs(a.y - b.y) < reach) pairs += 1;
    }
  }
  return pairs;
}

describe('gmp layout: goroutine squares', () => {
  it('never overlap in a shared box, and stay inside it, however many share it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 320, max: 1600 }),
        fc.integer({ min: 200, max: 1000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom<Shared>('waiting', 'netpoll', 'syscall'),
        (width, height, ps, count, kind) => {
          const layout = layoutGmp(width, height, ps);
          const drawn = squares(layout, count, () => sharedPlace[kind], true);
          expect(drawn.length).toBeGreaterThan(0);
          expect(overlapping(drawn)).toBe(0);
          const box = inner(layout[kind]);
          for (const s of drawn) {
            expect(s.x - s.side / 2).toBeGreaterThanOrEqual(box.x);
            expect(s.x + s.side / 2).toBeLessThanOrEqual(box.x + box.w);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('in the global queue: one square per cell, none hidden under another', () => {
    const layout = layoutGmp(1264, 790, 4);
    const drawn = squares(layout, 1373, (index) => ({ kind: 'globalq', index }), false);
    expect(overlapping(drawn)).toBe(0);
    // Squares shrink to their cells instead of piling up: most of the queue is still drawn.
    expect(drawn.length).toBeGreaterThan(1000);
    expect(drawn[0]!.side).toBeLessThan(layout.sprite);
  });

  it('keep full size while few share a box', () => {
    const layout = layoutGmp(1264, 790, 4);
    const drawn = squares(layout, 10, () => sharedPlace.waiting, true);
    expect(drawn.map((s) => s.side)).toEqual(Array(10).fill(layout.sprite));
  });

  it('a local queue longer than its slots draws one square in the last slot, not a pile', () => {
    const layout = layoutGmp(1264, 790, 4);
    const slots = layout.lanes[2]!.queueSlots;
    const drawn = squares(layout, 256, (index) => ({ kind: 'localq', p: 2, index }), false);
    expect(drawn).toHaveLength(slots);
    expect(overlapping(drawn)).toBe(0);
  });

  it.each([274, 344, 1264])('a full queue leaves its length room to be read at %i px', (width) => {
    // The stage writes the length at countX, QUEUE_COUNT_W px wide; on a phone it was drawn over
    // the last squares, and in a checkpoint's narrower column (274 px) over the only one.
    const layout = layoutGmp(width, width * 0.95, 4);
    const lane = layout.lanes[0]!;
    const drawn = squares(layout, 256, (index) => ({ kind: 'localq', p: 0, index }), false);
    const lastRight = Math.max(...drawn.map((s) => s.x + s.side / 2));
    expect(lastRight).toBeLessThan(lane.countX);
    expect(lane.countX + QUEUE_COUNT_W - 2).toBeLessThanOrEqual(layout.globalq.x);
  });
});

/** True when two boxes share any area (touching edges do not count). */
function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** `part` lies within `whole` (to a float's rounding: a lane's two rows add up to its height). */
function inside(part: Box, whole: Box): boolean {
  const e = 1e-9;
  return (
    part.x >= whole.x - e &&
    part.y >= whole.y - e &&
    part.x + part.w <= whole.x + whole.w + e &&
    part.y + part.h <= whole.y + whole.h + e
  );
}

describe('gmp layout: a narrow stage (the checkpoint on a 320 px phone)', () => {
  // 234 px is the stage of chapter 2's gmp checkpoint at a 320 px viewport (the page's margins, the
  // checkpoint's frame and the widget's padding take 86 px); 320 px is a stage that wide itself
  // (an embed at 336 px). Both are 320 px tall: GmpWidget's minHeightPx, which they keep there.
  const WIDTHS = [234, 320];
  const HEIGHT = 320;
  /**
   * A goroutine's state is the colour of its square; at 10 px (with the 2 px gap) a row of them
   * still reads as separate squares, each colour told at a glance on a phone (wide stages: 12 px).
   */
  const MIN_SQUARE = 10;
  /** P and M names and queue lengths: no smaller than 11 px, above the 10 px box titles. */
  const MIN_TEXT = 11;
  /** A queue reads as a queue, a row of squares with its length after it, not one square. */
  const MIN_SQUARES = 5;

  it.each(WIDTHS)(
    'at %i px with up to 4 Ps (the checkpoint has 4): squares, text and queue stay readable',
    (width) => {
      for (let ps = 1; ps <= 4; ps++) {
        const layout = layoutGmp(width, HEIGHT, ps);
        expect(layout.sprite).toBeGreaterThanOrEqual(MIN_SQUARE);
        expect(layout.laneFont).toBeGreaterThanOrEqual(MIN_TEXT);
        for (const lane of layout.lanes) {
          expect(lane.queueSlots).toBeGreaterThanOrEqual(MIN_SQUARES);
          // Its length has its whole room inside the lane, after the last square.
          expect(lane.countX + QUEUE_COUNT_W - 2).toBeLessThanOrEqual(lane.lane.x + lane.lane.w);
        }
        const drawn = squares(layout, 256, (index) => ({ kind: 'localq', p: 0, index }), false);
        expect(drawn.length).toBeGreaterThanOrEqual(MIN_SQUARES);
        expect(drawn.every((s) => s.side >= MIN_SQUARE)).toBe(true);
      }
    },
  );

  it.each(WIDTHS)(
    'at %i px with 1 to 64 Ps: no part overlaps another or leaves its lane or the stage',
    (width) => {
      const stage: Box = { x: 0, y: 0, w: width, h: HEIGHT };
      for (let ps = 1; ps <= 64; ps++) {
        const layout = layoutGmp(width, HEIGHT, ps);
        const right = [
          layout.globalq,
          layout.netpoll,
          layout.syscall,
          layout.idleMs,
          layout.waiting,
        ];
        for (const box of [layout.header, ...right]) expect(inside(box, stage)).toBe(true);
        right.forEach((a, i) =>
          right.slice(i + 1).forEach((b) => expect(intersects(a, b)).toBe(false)),
        );
        layout.lanes.forEach((lane, i) => {
          const where = `${ps} Ps, lane ${i}`;
          expect(inside(lane.lane, stage), where).toBe(true);
          expect(intersects(lane.lane, layout.header), where).toBe(false);
          for (const box of right) expect(intersects(lane.lane, box), where).toBe(false);
          const next = layout.lanes[i + 1];
          if (next) expect(intersects(lane.lane, next.lane), where).toBe(false);
          // The queue's squares, then the room for its length.
          const slots = { ...lane.queue, w: lane.queueSlots * (layout.sprite + 2) };
          const count = { ...lane.queue, x: lane.countX, w: QUEUE_COUNT_W - 2 };
          const parts = [lane.label, lane.m, lane.running, lane.runnext, slots];
          for (const part of parts) expect(inside(part, lane.lane), where).toBe(true);
          if (layout.laneFont > 0 && lane.queueSlots > 0) {
            expect(inside(count, lane.lane), where).toBe(true);
            parts.push(count);
          }
          parts.forEach((a, j) =>
            parts.slice(j + 1).forEach((b) => expect(intersects(a, b), where).toBe(false)),
          );
          const drawn = squares(layout, 256, (index) => ({ kind: 'localq', p: i, index }), false);
          for (const s of drawn) {
            const square = { x: s.x - s.side / 2, y: s.y - s.side / 2, w: s.side, h: s.side };
            expect(inside(square, slots), where).toBe(true);
          }
        });
      }
    },
  );
});
