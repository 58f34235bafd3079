/**
 * The agenda pops events in (time, priority, seq) order whichever way they were pushed: timers go
 * through the sorted lane beside the heap when they come in due order, a P's RunP events through
 * its slot (a newer one replaces it), and `nextEventTime` (read by the stdlib simulation and the
 * engine loop) is always the earliest event's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EvKind,
  newEventQueue,
  nextEventTime,
  popEvent,
  pushEvent,
  pushEventIn,
  pushRunPIn,
  pushTimerEvent,
  type PoppedEvent,
} from '../../src/model/event-queue.ts';

type Step = { push: number; kind: EvKind; in: boolean } | { pop: true };

const PROCS = 5;

const kinds = [EvKind.RunP, EvKind.Sysmon, EvKind.SyscallExit, EvKind.NetReady, EvKind.Timer];

const steps = fc.array(
  fc.oneof(
    // Few distinct times, so many events tie and the priorities and FIFO order decide.
    fc.record({
      push: fc.integer({ min: 0, max: 8 }),
      kind: fc.constantFrom(...kinds),
      in: fc.boolean(),
    }),
    // Runs of timers in due order, the lane's case.
    fc.constant({ push: 9, kind: EvKind.Timer, in: false }),
    fc.constant({ pop: true as const }),
  ),
  { maxLength: 400 },
);

/** At one instant the outside world (syscalls, I/O, timers) comes first, then sysmon, then Ps. */
const RANK: Record<EvKind, number> = {
  [EvKind.SyscallExit]: 0,
  [EvKind.NetReady]: 0,
  [EvKind.Timer]: 0,
  [EvKind.Sysmon]: 1,
  [EvKind.RunP]: 2,
};

describe('event queue', () => {
  it('pops every event in (time, priority, seq) order, the earliest being nextEventTime', () => {
    fc.assert(
      fc.property(steps, (plan: Step[]) => {
        const q = newEventQueue(PROCS, 4);
        const clock = { now: 2 ** 32, queue: q };
        // `slot`: a P's RunP event, which the P's next one replaces (it would be stale).
        const pending: { t: number; kind: EvKind; a: number; seq: number; slot: boolean }[] = [];
        const out: PoppedEvent = { t: 0, key: 0, kind: EvKind.RunP, a: 0, b: 0 };
        let seq = 0;
        for (const step of plan) {
          if ('push' in step) {
            // Times past 2^31 ns, as a long run's are; pushes 9 come later and later.
            const delay = step.push === 9 ? 10 * seq : step.push * 1000;
            const t = clock.now + delay;
            if (step.kind === EvKind.Timer && !step.in) pushTimerEvent(q, t, seq);
            else if (step.kind === EvKind.RunP && step.in)
              pushRunPIn(clock, delay, seq % PROCS, seq);
            else if (step.in) pushEventIn(clock, delay, step.kind, seq, 0);
            else pushEvent(q, t, step.kind, seq, 0);
            const slot = step.kind === EvKind.RunP && step.in;
            const a = slot ? seq % PROCS : seq;
            const replaced = pending.findIndex((e) => e.slot && e.a === a);
            if (slot && replaced >= 0) pending.splice(replaced, 1);
            pending.push({ t, kind: step.kind, a, seq, slot });
            seq++;
          } else {
            pending.sort((x, y) => x.t - y.t || RANK[x.kind] - RANK[y.kind] || x.seq - y.seq);
            const want = pending.shift();
            expect(popEvent(q, out)).toBe(want !== undefined);
            if (want !== undefined) {
              expect([out.t, out.kind, out.a]).toEqual([want.t, want.kind, want.a]);
              clock.now = out.t;
            }
          }
          expect(nextEventTime(q)).toBe(Math.min(Infinity, ...pending.map((e) => e.t)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps timers pushed in due order out of the heap', () => {
    const q = newEventQueue(1);
    for (let i = 0; i < 1000; i++) pushTimerEvent(q, 2 ** 32 + i * 1000, i % 4);
    pushEvent(q, 2 ** 32 + 500, EvKind.RunP, 0, 0);
    expect(q.size).toBe(2);
    const out: PoppedEvent = { t: 0, key: 0, kind: EvKind.RunP, a: 0, b: 0 };
    const order: number[] = [];
    while (popEvent(q, out)) order.push(out.t - 2 ** 32);
    expect(order.slice(0, 3)).toEqual([0, 500, 1000]);
    expect(order).toHaveLength(1001);
  });
});
