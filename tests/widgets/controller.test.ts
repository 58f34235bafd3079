import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TimeTravelController } from '../../src/widgets/shell/controller';
import type { Checkpoint, Simulation, TraceEvent, View } from '../../src/scenarios/types';

/**
 * A tiny deterministic Simulation: event i happens at virtual time 10·i + (i mod 3) ns and folds i
 * into a running hash, so any wrong replay (skipped, repeated or reordered event) changes `hash`.
 */
class FakeSim implements Simulation {
  nowNs = 0;
  events = 0;
  hash = 17;
  fatal = null;
  restores = 0;
  stepsTaken = 0;
  constructor(readonly lastEvent: number) {}
  get done(): boolean {
    return this.events >= this.lastEvent;
  }
  step(): boolean {
    if (this.done) return false;
    this.events += 1;
    this.stepsTaken += 1;
    this.nowNs = 10 * this.events + (this.events % 3);
    this.hash = (Math.imul(this.hash, 31) + this.events) | 0;
    return true;
  }
  runUntil(tNs: number): void {
    while (!this.done && 10 * (this.events + 1) + ((this.events + 1) % 3) <= tNs) this.step();
    if (this.nowNs < tNs && !this.done) this.nowNs = tNs;
  }
  runToEvent(n: number): void {
    while (!this.done && this.events < n) this.step();
  }
  checkpoint(): Checkpoint {
    return {
      nowNs: this.nowNs,
      events: this.events,
      hash: this.hash,
    } as Checkpoint;
  }
  restore(c: Checkpoint): void {
    this.restores += 1;
    this.nowNs = c.nowNs;
    this.events = c.events;
    this.hash = (c as Checkpoint & { hash: number }).hash;
  }
  view(): View {
    throw new Error('not used');
  }
  trace(): readonly TraceEvent[] {
    return [];
  }
  series() {
    return { t_ms: [] };
  }
  counters() {
    return {};
  }
  dump() {
    return '';
  }
}

/** Emits a trace event on every third event: the other two are invisible bookkeeping. */
class TracingFakeSim extends FakeSim {
  override trace(afterSeq = -1): readonly TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = 3; i <= this.events; i += 3) {
      const seq = i / 3;
      if (seq > afterSeq) out.push({ seq, tNs: 10 * i, kind: 'note' as const, text: `event ${i}` });
    }
    return out;
  }
}

/** Tests never depend on wall-clock time: checkpoint spacing sees a clock that never moves. */
const frozen = () => 0;

function straight(n: number): FakeSim {
  const sim = new FakeSim(100_000);
  sim.runToEvent(n);
  return sim;
}

describe('TimeTravelController', () => {
  it('steps back to exactly the state a straight run reaches', () => {
    const c = new TimeTravelController(() => new FakeSim(1000), {
      clock: frozen,
      checkpointEvery: 8,
    });
    for (let i = 0; i < 50; i++) c.stepForward();
    c.stepBack();
    const sim = c.sim as FakeSim;
    expect(sim.events).toBe(49);
    expect(sim.hash).toBe(straight(49).hash);
    expect(sim.nowNs).toBe(straight(49).nowNs);
  });

  it('step back at event 0 does nothing and says so', () => {
    const c = new TimeTravelController(() => new FakeSim(10), { clock: frozen });
    expect(c.stepBack()).toBe(false);
    expect(c.events).toBe(0);
  });

  it('stops at the end of the run', () => {
    const c = new TimeTravelController(() => new FakeSim(3), { clock: frozen });
    expect([c.stepForward(), c.stepForward(), c.stepForward(), c.stepForward()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(c.done).toBe(true);
  });

  it('a step back replays at most checkpointEvery events', () => {
    const c = new TimeTravelController(() => new FakeSim(1000), {
      clock: frozen,
      checkpointEvery: 16,
    });
    c.seekEvent(900);
    const sim = c.sim as FakeSim;
    sim.stepsTaken = 0;
    c.stepBack();
    expect(sim.restores).toBeGreaterThan(0);
    expect(sim.stepsTaken).toBeLessThanOrEqual(16);
    expect(sim.hash).toBe(straight(899).hash);
  });

  it('advance moves virtual time by real ms × speed and never past the horizon', () => {
    const c = new TimeTravelController(() => new FakeSim(1000), { clock: frozen });
    c.advance(100, 1000); // 100 ms at 1 µs/s = 100 ns
    expect(c.nowNs).toBe(100);
    expect(c.events).toBe(straight(9).events); // event 10 happens at 101 ns
    c.advance(1000, 1e9, 5000);
    expect(c.nowNs).toBeLessThanOrEqual(5000);
    expect(c.events).toBe(499);
  });

  it('seekTime backwards lands where a straight run to that instant lands', () => {
    const c = new TimeTravelController(() => new FakeSim(1000), {
      clock: frozen,
      checkpointEvery: 4,
    });
    c.seekTime(8000);
    c.seekTime(1234);
    const direct = new FakeSim(1000);
    direct.runUntil(1234);
    expect((c.sim as FakeSim).hash).toBe(direct.hash);
    expect(c.events).toBe(direct.events);
  });

  it('reset starts a fresh run and notifies listeners', () => {
    const c = new TimeTravelController(() => new FakeSim(1000), { clock: frozen });
    let calls = 0;
    const off = c.subscribe(() => (calls += 1));
    c.seekEvent(20);
    c.reset();
    off();
    c.stepForward();
    expect(calls).toBe(2);
    expect(c.events).toBe(1);
  });

  it('keeps at most maxCheckpoints, still landing exactly', () => {
    const c = new TimeTravelController(() => new FakeSim(5000), {
      clock: frozen,
      checkpointEvery: 2,
      maxCheckpoints: 8,
    });
    c.seekEvent(5000);
    c.seekEvent(1777);
    expect((c.sim as FakeSim).hash).toBe(straight(1777).hash);
  });

  it('any sequence of controls lands on the same state as a straight run', () => {
    type Op =
      { op: 'fwd' } | { op: 'back' } | { op: 'seek'; n: number } | { op: 'time'; t: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.constant<Op>({ op: 'fwd' }),
      fc.constant<Op>({ op: 'back' }),
      fc.integer({ min: 0, max: 400 }).map<Op>((n) => ({ op: 'seek', n })),
      fc.integer({ min: 0, max: 4000 }).map<Op>((t) => ({ op: 'time', t })),
    );
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        (ops, every) => {
          const c = new TimeTravelController(() => new FakeSim(300), {
            clock: frozen,
            checkpointEvery: every,
            maxCheckpoints: 6,
          });
          for (const o of ops) {
            if (o.op === 'fwd') c.stepForward();
            else if (o.op === 'back') c.stepBack();
            else if (o.op === 'seek') c.seekEvent(o.n);
            else c.seekTime(o.t);
          }
          const sim = c.sim as FakeSim;
          expect(sim.hash).toBe(straight(sim.events).hash);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });

  it('with stepBy trace, a step forward runs to the next trace event and back undoes it', () => {
    const c = new TimeTravelController(() => new TracingFakeSim(1000), {
      clock: frozen,
      stepBy: 'trace',
      checkpointEvery: 4,
    });
    c.stepForward();
    expect(c.events).toBe(3);
    c.stepForward();
    expect(c.events).toBe(6);
    c.stepBack();
    expect(c.events).toBe(5);
    c.stepForward();
    expect(c.events).toBe(6);
    expect((c.sim as FakeSim).hash).toBe(straight(6).hash);
  });

  it('with stepBy trace, back from a scrubbed position lands just before the newest trace event', () => {
    const c = new TimeTravelController(() => new TracingFakeSim(1000), {
      clock: frozen,
      stepBy: 'trace',
      checkpointEvery: 4,
    });
    c.seekEvent(301);
    c.stepBack();
    expect(c.events).toBe(299);
    c.stepForward();
    expect(c.events).toBe(300);
  });

  it('while playing, skips checkpoints that cost more than a frame, and stepping back still lands exactly', () => {
    // Every checkpoint "costs" 50 ms on a scripted clock: far over the 8 ms a frame can spare.
    let time = 0;
    let taken = 0;
    class SlowCheckpointSim extends FakeSim {
      override checkpoint(): Checkpoint {
        time += 50;
        taken += 1;
        return super.checkpoint();
      }
    }
    const c = new TimeTravelController(() => new SlowCheckpointSim(100_000), {
      checkpointEvery: 4,
      clock: () => time,
    });
    const initial = taken;
    for (let frame = 0; frame < 60; frame++) c.advance(16, 1e6); // 16 µs of virtual time a frame
    expect(c.events).toBeGreaterThan(60 * 4);
    // Only the first advance checkpoints (its cost is not known before); then play never pauses.
    expect(taken - initial).toBeLessThanOrEqual(1);
    const at = c.events;
    c.stepBack();
    expect((c.sim as FakeSim).hash).toBe(straight(at - 1).hash);
  });

  it('spaces checkpoints further apart when one costs as much as replaying many events', () => {
    // A scripted clock: every checkpoint "costs" 10 ms, replaying costs 1 ms per 100 events.
    class CostlySim extends FakeSim {
      override checkpoint(): Checkpoint {
        time += 10;
        return super.checkpoint();
      }
      override step(): boolean {
        time += 0.01;
        return super.step();
      }
    }
    let time = 0;
    const c = new TimeTravelController(() => new CostlySim(100_000), {
      checkpointEvery: 8,
      clock: () => time,
    });
    c.seekTime(500_000);
    const sim = c.sim as FakeSim;
    sim.stepsTaken = 0;
    c.stepBack();
    // Balanced spacing is 10 ms × 100 events/ms = 1000 events: far more than 8, at most 1000.
    expect(sim.stepsTaken).toBeGreaterThan(8);
    expect(sim.stepsTaken).toBeLessThanOrEqual(1000);
    expect(sim.hash).toBe(straight(sim.events).hash);
  });
});
