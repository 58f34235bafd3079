/**
 * The incident scenarios are deterministic and checkpointable with the stdlib state inside:
 * the same seed gives the same run, and restore + run gives exactly the straight run.
 */
import { describe, expect, test } from 'vitest';
import { SECOND } from '../../src/scenarios/duration.ts';
import { afterfuncLeak } from '../../src/scenarios/afterfunc-leak.ts';
import { onceStall } from '../../src/scenarios/once-stall.ts';
import { timeoutHandler } from '../../src/scenarios/timeout-handler.ts';
import type { Simulation } from '../../src/scenarios/types.ts';

const options = { seed: 11, sampleNs: SECOND / 4 };
const cases: { name: string; make: () => Simulation }[] = [
  {
    name: 'timeout-handler (ctx, Go 1.22 timers)',
    make: () =>
      timeoutHandler.create(
        {
          qps: 80,
          work: 2 * SECOND,
          timeout: SECOND / 2,
          load: 3 * SECOND,
          ctx: true,
          total: 5 * SECOND,
          go: '1.22',
        },
        options,
      ),
  },
  {
    name: 'once-stall (fixed)',
    make: () =>
      onceStall.create({ mode: 'fixed', qps: 100, load: 2 * SECOND, go: '1.25' }, options),
  },
  {
    name: 'afterfunc-leak (blockingf)',
    make: () =>
      afterfuncLeak.create(
        { mode: 'blockingf', rate: 500, delay: SECOND, load: SECOND, payload: 1000, go: '1.25' },
        options,
      ),
  },
];

function fingerprint(sim: Simulation): string {
  return JSON.stringify({
    now: sim.nowNs,
    events: sim.events,
    series: sim.series(),
    counters: sim.counters(),
    dump: sim.dump(),
  });
}

describe.each(cases)('$name', ({ make }) => {
  test('the same seed gives the same run', () => {
    const a = make();
    const b = make();
    a.runToEvent(3_000);
    b.runToEvent(3_000);
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(a.trace(0)).toEqual(b.trace(0));
  }, 60_000);

  test('restore then run gives exactly the straight run', () => {
    const straight = make();
    straight.runToEvent(4_000);
    const sim = make();
    sim.runToEvent(1_500);
    const saved = sim.checkpoint();
    sim.runToEvent(4_000);
    sim.restore(saved);
    sim.runToEvent(4_000);
    expect(fingerprint(sim)).toBe(fingerprint(straight));
    // Stepping back (to an earlier event) replays from the start to the same state.
    sim.runToEvent(2_000);
    sim.runToEvent(4_000);
    expect(fingerprint(sim)).toBe(fingerprint(straight));
  }, 60_000);
});
