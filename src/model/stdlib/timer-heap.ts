/**
 * One P's timers: a 4-ary min-heap ordered by `when`, with the runtime's own sift rules, so timers
 * that fall due at the same instant fire in the order the real runtime would fire them.
 *
 * Struct of arrays, like the engine's sleep heap (../sleep-heap.ts): entry i's `when` and `seq` at
 * 2i and 2i + 1 of one array of numbers, its timer at i of another. Sifting compares only `when`s,
 * which lie side by side (a node's four children in one cache line) instead of one entry object
 * and one boxed double each; a timer costs no entry object (48 bytes) and a push allocates
 * nothing. Plain data, so a checkpoint can structuredClone it.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go (timerHeapN, siftUp, siftDown, deleteMin)
 */
import { truncate } from '../truncate.ts';

/** `timerHeapN`: the heap is 4-ary, which keeps it shallow and cache-friendly. */
export const timerHeapN = 4;

export interface TimerHeap<T> {
  /**
   * `[when, seq]` of each entry, entry i at 2i: the virtual time it is due (ns), and which arming
   * of its timer it is, so an entry left behind by a stop or reset is recognised as stale even
   * when the new `when` equals the old one.
   */
  ws: number[];
  /** The timer of each entry. */
  timers: T[];
}

export function newTimerHeap<T>(): TimerHeap<T> {
  return { ws: [], timers: [] };
}

export function heapLen<T>(heap: TimerHeap<T>): number {
  return heap.timers.length;
}

/** Put entry `from`'s fields into slot `to`. */
function move<T>(heap: TimerHeap<T>, to: number, from: number): void {
  const ws = heap.ws;
  ws[2 * to] = ws[2 * from] as number;
  ws[2 * to + 1] = ws[2 * from + 1] as number;
  heap.timers[to] = heap.timers[from] as T;
}

function put<T>(heap: TimerHeap<T>, i: number, when: number, seq: number, timer: T): void {
  heap.ws[2 * i] = when;
  heap.ws[2 * i + 1] = seq;
  heap.timers[i] = timer;
}

/** Adds an entry (`siftUp`: above its parent only when due strictly earlier). */
export function heapPush<T>(heap: TimerHeap<T>, when: number, seq: number, timer: T): void {
  let i = heap.timers.length;
  heap.ws.push(when, seq);
  heap.timers.push(timer);
  while (i > 0) {
    const parent = ((i - 1) / timerHeapN) | 0;
    if (when >= (heap.ws[2 * parent] as number)) break;
    move(heap, i, parent);
    i = parent;
  }
  put(heap, i, when, seq, timer);
}

/** `siftDown`: move entry i towards the leaves, past the earliest child due strictly before it. */
function siftDown<T>(heap: TimerHeap<T>, start: number): void {
  const ws = heap.ws;
  const n = heap.timers.length;
  const when = ws[2 * start] as number;
  const seq = ws[2 * start + 1] as number;
  const timer = heap.timers[start] as T;
  let i = start;
  for (;;) {
    const leftChild = i * timerHeapN + 1;
    if (leftChild >= n) break;
    let earliest = when;
    let chosen = -1;
    const end = Math.min(leftChild + timerHeapN, n);
    for (let c = leftChild; c < end; c++) {
      const childWhen = ws[2 * c] as number;
      if (childWhen < earliest) {
        earliest = childWhen;
        chosen = c;
      }
    }
    if (chosen < 0) break;
    move(heap, i, chosen);
    i = chosen;
  }
  put(heap, i, when, seq, timer);
}

/** `deleteMin`: drops the root (read it first); the last entry replaces it and sifts down. */
export function heapPopMin<T>(heap: TimerHeap<T>): void {
  const last = heap.timers.length - 1;
  if (last < 0) return;
  move(heap, 0, last);
  truncate(heap.ws, 2 * last);
  truncate(heap.timers, last);
  if (last > 0) siftDown(heap, 0);
}

/**
 * Drop every entry `keep` rejects and restore heap order, as the runtime's `adjust` does when
 * stopped ("zombie") timers pass a quarter of the heap: stopping is O(1), clean-up is amortised.
 */
export function heapFilter<T>(heap: TimerHeap<T>, keep: (timer: T, seq: number) => boolean): void {
  let kept = 0;
  for (let i = 0; i < heap.timers.length; i++) {
    if (keep(heap.timers[i] as T, heap.ws[2 * i + 1] as number)) move(heap, kept++, i);
  }
  truncate(heap.ws, 2 * kept);
  truncate(heap.timers, kept);
  // initHeap: sift down from the last parent to the root.
  for (let i = Math.floor((kept - 2) / timerHeapN); i >= 0; i--) siftDown(heap, i);
}
