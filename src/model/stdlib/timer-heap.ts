/**
 * One P's timers: a 4-ary min-heap ordered by `when`, with the runtime's own sift rules, so timers
 * that fall due at the same instant fire in the order the real runtime would fire them.
 *
 * Plain data (an array of entries) so a checkpoint can structuredClone it.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go (timerHeapN, siftUp, siftDown, deleteMin)
 */
import { truncate } from '../truncate.ts';

/** `timerHeapN`: the heap is 4-ary, which keeps it shallow and cache-friendly. */
export const timerHeapN = 4;

export interface TimerWhen {
  /** Virtual time the timer is due, ns. */
  when: number;
  /** The timer's id in the owning table. */
  id: number;
  /** Which arming of the timer this entry is, so an entry left behind by a stop or reset is
   * recognised as stale even when the new `when` equals the old one. */
  seq: number;
}

export type TimerHeap = TimerWhen[];

/** `siftUp`: move entry i towards the root while it is due strictly earlier than its parent. */
export function siftUp<E extends TimerWhen>(heap: E[], start: number): void {
  const moving = heap[start];
  if (moving === undefined) throw new RangeError(`siftUp: index ${start} out of range`);
  let i = start;
  while (i > 0) {
    const parentIndex = Math.floor((i - 1) / timerHeapN);
    const parent = heap[parentIndex] as E;
    if (moving.when >= parent.when) break;
    heap[i] = parent;
    i = parentIndex;
  }
  heap[i] = moving;
}

/** `siftDown`: move entry i towards the leaves, swapping with the earliest child due before it. */
export function siftDown<E extends TimerWhen>(heap: E[], start: number): void {
  const n = heap.length;
  const moving = heap[start];
  if (moving === undefined) throw new RangeError(`siftDown: index ${start} out of range`);
  let i = start;
  for (;;) {
    const leftChild = i * timerHeapN + 1;
    if (leftChild >= n) break;
    let earliest = moving.when;
    let chosen = -1;
    const end = Math.min(leftChild + timerHeapN, n);
    for (let c = leftChild; c < end; c++) {
      const child = heap[c] as E;
      if (child.when < earliest) {
        earliest = child.when;
        chosen = c;
      }
    }
    if (chosen < 0) break;
    heap[i] = heap[chosen] as E;
    i = chosen;
  }
  heap[i] = moving;
}

export function heapPush<E extends TimerWhen>(heap: E[], entry: E): void {
  heap.push(entry);
  siftUp(heap, heap.length - 1);
}

/** `deleteMin`: the last entry replaces the root and sifts down. */
export function heapPopMin<E extends TimerWhen>(heap: E[]): E | undefined {
  const top = heap[0];
  if (top === undefined) return undefined;
  const last = heap.pop() as E;
  if (heap.length > 0) {
    heap[0] = last;
    siftDown(heap, 0);
  }
  return top;
}

/**
 * Drop every entry `keep` rejects and restore heap order, as the runtime's `adjust` does when
 * stopped ("zombie") timers pass a quarter of the heap: stopping is O(1), clean-up is amortised.
 */
export function heapFilter<E extends TimerWhen>(heap: E[], keep: (entry: E) => boolean): void {
  let kept = 0;
  for (const entry of heap) if (keep(entry)) heap[kept++] = entry;
  truncate(heap, kept);
  // initHeap: sift down from the last parent to the root.
  for (let i = Math.floor((kept - 2) / timerHeapN); i >= 0; i--) siftDown(heap, i);
}
