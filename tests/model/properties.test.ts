/**
 * Properties over random goroutine programs and scheduler settings (fast-check; 1,000 cases in
 * all): the structural invariants after every event, time never going back, no G lost or
 * duplicated, same seed → same trace, restore + run = straight run.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkInvariants } from '../../src/model/invariants.ts';
import type { Op, Program } from '../../src/model/program.ts';
import type { ModelSimulation } from '../../src/model/simulation.ts';
import {
  compute,
  go,
  gosched,
  goyield,
  ms,
  netread,
  prog,
  simOf,
  sleep,
  spin,
  syscall,
  us,
  wgAdd,
  wgWait,
} from './helpers.ts';

const dur = (max: number) => fc.integer({ min: 1 * us, max });

/** An op of a worker; `go` may only start a leaf program (index ≥ firstLeaf), so programs end. */
function opArb(firstLeaf: number, leaves: number): fc.Arbitrary<Op> {
  const ops: fc.Arbitrary<Op>[] = [
    dur(3 * ms).map((ns) => compute(ns)),
    dur(25 * ms).map((ns) => spin(ns)),
    fc.constant(gosched()),
    fc.constant(goyield()),
    dur(15 * ms).map((ns) => syscall(ns)),
    dur(15 * ms).map((ns) => netread(ns)),
    dur(5 * ms).map((ns) => sleep(ns)),
  ];
  if (leaves > 0) ops.push(fc.integer({ min: 0, max: leaves - 1 }).map((i) => go(firstLeaf + i)));
  return fc.oneof(...ops);
}

interface Case {
  programs: Program[];
  gomaxprocs: number;
  asyncPreempt: boolean;
  seed: number;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    workers: fc.integer({ min: 1, max: 12 }),
    leaves: fc.integer({ min: 0, max: 3 }),
    gomaxprocs: fc.integer({ min: 1, max: 8 }),
    asyncPreempt: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  .chain(({ workers, leaves, gomaxprocs, asyncPreempt, seed }) => {
    const firstLeaf = 1 + workers;
    const body = fc.array(opArb(firstLeaf, leaves), { minLength: 1, maxLength: 6 });
    const leafBody = fc.array(opArb(firstLeaf, 0), { minLength: 1, maxLength: 3 });
    return fc
      .tuple(
        fc.array(body, { minLength: workers, maxLength: workers }),
        fc.array(leafBody, { minLength: leaves, maxLength: leaves }),
      )
      .map(([bodies, leafBodies]): Case => {
        const main = prog(
          'main.main',
          [wgAdd(workers), ...bodies.map((_, i) => go(1 + i)), wgWait()],
          'main',
        );
        const ws = bodies.map((ops, i) => prog(`main.worker${i}`, [...ops, wgAdd(-1)]));
        const ls = leafBodies.map((ops, i) => prog(`main.leaf${i}`, ops, 'leaf'));
        return { programs: [main, ...ws, ...ls], gomaxprocs, asyncPreempt, seed };
      });
  });

function simFor(c: Case, traceCapacity = 0): ModelSimulation {
  return simOf(c.programs, {
    gomaxprocs: c.gomaxprocs,
    asyncPreempt: c.asyncPreempt,
    seed: c.seed,
    traceCapacity,
  });
}

/** FNV-1a over everything a viewer can observe: trace, series, counters, fatal, final time. */
function runHash(sim: ModelSimulation): string {
  const text = JSON.stringify([
    sim.trace(),
    sim.series(),
    sim.counters(),
    sim.fatal,
    sim.nowNs,
    sim.events,
  ]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16) + ':' + text.length;
}

function runToEnd(sim: ModelSimulation): void {
  while (sim.step());
}

// Generous timeouts: the machine is shared; these runs take a few seconds when it is idle.
describe('model properties', () => {
  test('every G is in exactly one place, counts add up, ≤ GOMAXPROCS running, runq ≤ 256, time never goes back, no G lost', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const sim = simFor(c);
        let last = 0;
        while (sim.step()) {
          const err = checkInvariants(sim.state);
          if (err !== null) throw new Error(`event ${sim.events} at ${sim.nowNs}ns: ${err}`);
          if (sim.nowNs < last) throw new Error(`time went back: ${last} → ${sim.nowNs}`);
          last = sim.nowNs;
        }
        expect(sim.fatal).toBeNull();
        // Every worker signalled the WaitGroup exactly once (a second Done would panic), so none was lost.
        expect(sim.state.waitGroups[0]!.counter).toBe(0);
        expect(sim.state.allgs.find((g) => g.goid === 1)!.status).toBe('_Gdead');
      }),
      { numRuns: 500 },
    );
  }, 120_000);

  test('same scenario, params and seed give the same trace hash', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const a = simFor(c, 100_000);
        const b = simFor(c, 100_000);
        runToEnd(a);
        runToEnd(b);
        expect(runHash(a)).toBe(runHash(b));
      }),
      { numRuns: 250 },
    );
  }, 120_000);

  test('restore(checkpoint) then run gives exactly the straight run; stepping back replays it', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0, max: 1, noNaN: true }), (c, at) => {
        const straight = simFor(c, 100_000);
        runToEnd(straight);
        const expected = runHash(straight);
        const k = Math.floor(at * straight.events);
        const sim = simFor(c, 100_000);
        sim.runToEvent(k);
        const cp = sim.checkpoint();
        runToEnd(sim);
        expect(runHash(sim)).toBe(expected);
        sim.restore(cp);
        expect(sim.events).toBe(k);
        runToEnd(sim);
        expect(runHash(sim)).toBe(expected);
        sim.runToEvent(Math.floor(k / 2));
        expect(sim.events).toBe(Math.floor(k / 2));
        runToEnd(sim);
        expect(runHash(sim)).toBe(expected);
      }),
      { numRuns: 250 },
    );
  }, 120_000);
});
