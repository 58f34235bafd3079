import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  heapFilter,
  heapPopMin,
  heapPush,
  timerHeapN,
  type TimerHeap,
} from '../../src/model/stdlib/timer-heap.ts';

function isHeap(heap: TimerHeap): boolean {
  return heap.every(
    (e, i) => i === 0 || (heap[Math.floor((i - 1) / timerHeapN)]?.when ?? 0) <= e.when,
  );
}

describe('the per-P timer heap (runtime/time.go)', () => {
  test('is 4-ary: the children of slot 0 are slots 1..4', () => {
    const heap: TimerHeap = [];
    [50, 10, 20, 30, 40, 5].forEach((when, id) => heapPush(heap, { when, id, seq: id }));
    // 30 and 40 land under the root (a binary heap would have swapped 30 above 50), and 5, pushed
    // at slot 5, climbs through slot 1 = floor((5-1)/4), not slot 2.
    expect(heap.map((e) => e.when)).toEqual([5, 10, 20, 30, 40, 50]);
  });

  test('pops timers in when order whatever the insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000 }), { maxLength: 200 }), (whens) => {
        const heap: TimerHeap = [];
        whens.forEach((when, id) => heapPush(heap, { when, id, seq: id }));
        const popped: number[] = [];
        for (let e = heapPopMin(heap); e !== undefined; e = heapPopMin(heap)) popped.push(e.when);
        expect(popped).toEqual([...whens].sort((a, b) => a - b));
      }),
    );
  });

  test('filtering out stopped timers keeps heap order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500 }), fc.boolean()), { maxLength: 200 }),
        (entries) => {
          const heap: TimerHeap = [];
          entries.forEach(([when], id) => heapPush(heap, { when, id, seq: id }));
          heapFilter(heap, (e) => entries[e.id]?.[1] === true);
          expect(isHeap(heap)).toBe(true);
          expect(heap.length).toBe(entries.filter(([, keep]) => keep).length);
        },
      ),
    );
  });
});
