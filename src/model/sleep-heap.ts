/**
 * A P's heap of sleeping Gs (fact 27) as one flat array of numbers, `[when, g, when, g, ...]`:
 * the same 4-ary heap and sift rules as stdlib/timer-heap.ts (the runtime's, so Gs due at the same
 * instant wake in the runtime's order), without an entry object per sleep. A leaking server keeps
 * hundreds of thousands of Gs asleep; an entry object each was 48 bytes of JS heap plus the
 * array's pointer, against 16 bytes here, and one allocation per `time.Sleep`.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go (siftUp, siftDown, deleteMin)
 */
import { timerHeapN } from './stdlib/timer-heap.ts';

/** `[when, g]` pairs; entry i is at 2i. Plain numbers, so a checkpoint clones it. */
export type SleepHeap = number[];

export function sleepers(h: SleepHeap): number {
  return h.length >> 1;
}

/** The earliest wake-up time, or Infinity when no G sleeps here. */
export function firstWake(h: SleepHeap): number {
  return h.length === 0 ? Infinity : (h[0] as number);
}

/** Adds G `g` due at `when` (`siftUp`: above its parent only when due strictly earlier). */
export function sleepPush(h: SleepHeap, when: number, g: number): void {
  let i = h.length >> 1;
  h.push(when, g);
  while (i > 0) {
    const parent = ((i - 1) / timerHeapN) | 0;
    const parentWhen = h[2 * parent] as number;
    if (when >= parentWhen) break;
    h[2 * i] = parentWhen;
    h[2 * i + 1] = h[2 * parent + 1] as number;
    i = parent;
  }
  h[2 * i] = when;
  h[2 * i + 1] = g;
}

/**
 * Removes the earliest entry and returns its G (`deleteMin`: the last entry replaces the root
 * and sifts down past the earliest child due strictly before it). The heap must not be empty.
 */
export function sleepPopMin(h: SleepHeap): number {
  const g = h[1] as number;
  const lastG = h.pop() as number;
  const lastWhen = h.pop() as number;
  const n = h.length >> 1;
  if (n === 0) return g;
  let i = 0;
  for (;;) {
    const leftChild = i * timerHeapN + 1;
    if (leftChild >= n) break;
    let earliest = lastWhen;
    let chosen = -1;
    const end = Math.min(leftChild + timerHeapN, n);
    for (let c = leftChild; c < end; c++) {
      const childWhen = h[2 * c] as number;
      if (childWhen < earliest) {
        earliest = childWhen;
        chosen = c;
      }
    }
    if (chosen < 0) break;
    h[2 * i] = earliest;
    h[2 * i + 1] = h[2 * chosen + 1] as number;
    i = chosen;
  }
  h[2 * i] = lastWhen;
  h[2 * i + 1] = lastG;
  return g;
}
