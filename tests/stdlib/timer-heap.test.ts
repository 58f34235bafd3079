import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  heapFilter,
  heapPopMin,
  heapPush,
  heapLen,
  newTimerHeap,
  timerHeapN,
  type TimerHeap,
} from '../../src/model/stdlib/timer-heap.ts';

const whenOf = (heap: TimerHeap<number>, i: number): number => heap.ws[2 * i] ?? NaN;

function isHeap(heap: TimerHeap<number>): boolean {
  for (let i = 1; i < heapLen(heap); i++)
    if (whenOf(heap, Math.floor((i - 1) / timerHeapN)) > whenOf(heap, i)) return false;
  return true;
}

/** Each entry's when, in slot order. */
function whens(heap: TimerHeap<number>): number[] {
  return heap.timers.map((_, i) => whenOf(heap, i));
}

describe('the per-P timer heap (runtime/time.go)', () => {
  test('is 4-ary: the children of slot 0 are slots 1..4', () => {
    const heap = newTimerHeap<number>();
    [50, 10, 20, 30, 40, 5].forEach((when, id) => heapPush(heap, when, id, id));
    // 30 and 40 land under the root (a binary heap would have swapped 30 above 50), and 5, pushed
    // at slot 5, climbs through slot 1 = floor((5-1)/4), not slot 2.
    expect(whens(heap)).toEqual([5, 10, 20, 30, 40, 50]);
    // Each entry's seq and timer move with its when.
    expect(heap.timers).toEqual([5, 1, 2, 3, 4, 0]);
    expect(heap.ws.filter((_, k) => k % 2 === 1)).toEqual([5, 1, 2, 3, 4, 0]);
  });

  test('pops timers in when order whatever the insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000 }), { maxLength: 200 }), (whens) => {
        const heap = newTimerHeap<number>();
        whens.forEach((when, id) => heapPush(heap, when, id, id));
        const popped: number[] = [];
        for (; heapLen(heap) > 0; heapPopMin(heap)) {
          popped.push(whenOf(heap, 0));
          // The timer popped is the one pushed with that when.
          expect(whens[heap.timers[0] ?? -1]).toBe(whenOf(heap, 0));
        }
        expect(popped).toEqual([...whens].sort((a, b) => a - b));
      }),
    );
  });

  test('filtering out stopped timers keeps heap order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500 }), fc.boolean()), { maxLength: 200 }),
        (entries) => {
          const heap = newTimerHeap<number>();
          entries.forEach(([when], id) => heapPush(heap, when, id, id));
          heapFilter(heap, (id) => entries[id]?.[1] === true);
          expect(isHeap(heap)).toBe(true);
          expect(heapLen(heap)).toBe(entries.filter(([, keep]) => keep).length);
          expect(heap.timers.every((id) => entries[id]?.[1] === true)).toBe(true);
        },
      ),
    );
  });
});
