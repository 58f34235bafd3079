import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inner,
  layoutGmp,
  placePoint,
  placeSize,
  QUEUE_COUNT_W,
} from '../../src/render/gmp-layout';
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
