/**
 * The P's sleep heap (flat `[when, g]` pairs) must wake Gs in exactly the order the runtime's
 * 4-ary timer heap does, ties included: the same sift rules as stdlib/timer-heap.ts, which
 * follows runtime/time.go.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstWake, sleepers, sleepPopMin, sleepPush } from '../../src/model/sleep-heap.ts';
import { heapLen, heapPopMin, heapPush, newTimerHeap } from '../../src/model/stdlib/timer-heap.ts';

type Step = { push: number } | { pop: true };

const steps = fc.array(
  fc.oneof(
    // Few distinct times, so many entries tie.
    fc.record({ push: fc.integer({ min: 0, max: 6 }) }),
    fc.constant({ pop: true as const }),
  ),
  { maxLength: 300 },
);

describe('sleep heap', () => {
  it('pops Gs in the timer heap order, ties included, for any pushes and pops', () => {
    fc.assert(
      fc.property(steps, (plan: Step[]) => {
        const flat: number[] = [];
        const objects = newTimerHeap<number>();
        const popG = (): number | undefined => {
          const top = objects.timers[0];
          heapPopMin(objects);
          return top;
        };
        let g = 0;
        for (const step of plan) {
          if ('push' in step) {
            // Times past 2^31 ns, as a long run's are (doubles, not small integers).
            const when = 2 ** 32 + step.push * 1000;
            sleepPush(flat, when, g);
            heapPush(objects, when, 0, g);
            g++;
          } else if (heapLen(objects) > 0) {
            expect(firstWake(flat)).toBe(objects.ws[0]);
            expect(sleepPopMin(flat)).toBe(popG());
          }
          expect(sleepers(flat)).toBe(heapLen(objects));
        }
        while (heapLen(objects) > 0) expect(sleepPopMin(flat)).toBe(popG());
        expect(firstWake(flat)).toBe(Infinity);
      }),
      { numRuns: 300 },
    );
  });

  it('wakes the earliest first', () => {
    const h: number[] = [];
    sleepPush(h, 30, 1);
    sleepPush(h, 10, 2);
    sleepPush(h, 20, 3);
    expect([sleepPopMin(h), sleepPopMin(h), sleepPopMin(h)]).toEqual([2, 3, 1]);
  });
});
