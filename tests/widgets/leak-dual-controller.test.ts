import { describe, expect, it } from 'vitest';
import { parseParams } from '../../src/scenarios/params';
import type { Simulation } from '../../src/scenarios/types';
import { DualController } from '../../src/widgets/leak-lab/dual-controller';
import type { LeakLab } from '../../src/widgets/leak-lab/lab';
import { afterfuncLab } from '../../src/widgets/afterfunc-leak/lab';
import { onceStallLab } from '../../src/widgets/once-stall/lab';

/** Tests never depend on wall-clock time: checkpoint spacing sees a clock that never moves. */
const frozen = () => 0;
const SEED = 7;

function setup(lab: LeakLab, raw: Record<string, string>) {
  const values = parseParams(lab.schema, raw).values;
  const make = (side: 'buggy' | 'fixed') => (): Simulation =>
    lab.scenario.create(
      { ...lab[side](values) },
      {
        seed: SEED,
        sampleNs: lab.sampleNs(values),
      },
    );
  const dual = new DualController(make('buggy'), make('fixed'), {
    stepBy: 'trace',
    clock: frozen,
    checkpointEvery: 64,
  });
  return { dual, make };
}

/** What a reader can see of a run: its view, counters and event count. */
function picture(sim: Simulation) {
  return { events: sim.events, view: sim.view(), counters: sim.counters() };
}

/** A fresh run taken straight to instant `tNs`: the state both runs must match at that clock. */
function straightTo(make: () => Simulation, tNs: number) {
  const sim = make();
  sim.runUntil(tNs);
  return picture(sim);
}

/** Both runs stand at the dual clock: each has done exactly its events at or before it. */
function expectSameInstant(
  dual: DualController,
  make: (side: 'buggy' | 'fixed') => () => Simulation,
) {
  const t = dual.nowNs;
  expect(dual.buggy.nowNs).toBeLessThanOrEqual(t);
  expect(dual.fixed.nowNs).toBeLessThanOrEqual(t);
  expect(picture(dual.fixed.sim)).toEqual(straightTo(make('fixed'), t));
}

const small = { rate: '50', delay: '200ms', load: '600ms', payload: '1024' };

describe('DualController', () => {
  it('steps both runs to the same instant; back then forward returns to the same pictures', () => {
    const { dual, make } = setup(afterfuncLab, small);
    const after: { t: number; buggy: unknown; fixed: unknown }[] = [];
    for (let i = 0; i < 40; i++) {
      expect(dual.stepForward()).toBe(true);
      expectSameInstant(dual, make);
      // The clock is where the buggy run's step landed.
      expect(dual.nowNs).toBe(dual.buggy.nowNs);
      after.push({ t: dual.nowNs, buggy: picture(dual.buggy.sim), fixed: picture(dual.fixed.sim) });
    }
    expect(dual.nowNs).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) {
      dual.stepBack();
      expectSameInstant(dual, make);
      // Back to just before the step's trace event: between where it started and where it ended.
      expect(dual.nowNs).toBeGreaterThanOrEqual(after[38 - i]?.t ?? 0);
      expect(dual.nowNs).toBeLessThanOrEqual(after[39 - i]?.t ?? 0);
      expect(dual.events).toBeLessThan(Number((after[39 - i]?.buggy as { events: number }).events));
    }
    for (let i = 30; i < 40; i++) {
      dual.stepForward();
      const seen = after[i];
      expect(dual.nowNs).toBe(seen?.t);
      expect(picture(dual.buggy.sim)).toEqual(seen?.buggy);
      expect(picture(dual.fixed.sim)).toEqual(seen?.fixed);
    }
  });

  it('plays both runs on one clock: after each frame both have done every event up to it', () => {
    const { dual, make } = setup(afterfuncLab, small);
    const horizon = 2_000_000_000;
    for (let frame = 0; frame < 12; frame++) {
      dual.advance(16, 5_000_000_000, horizon);
      expectSameInstant(dual, make);
      expect(picture(dual.buggy.sim)).toEqual(straightTo(make('buggy'), dual.nowNs));
    }
    expect(dual.nowNs).toBe(Math.min(horizon, 12 * 80_000_000));
  });

  it('scrubs both runs to the instant, forward and back, the same as a straight run', () => {
    const { dual, make } = setup(onceStallLab, { qps: '40', load: '500ms' });
    for (const t of [900_000_000, 250_000_000, 1_234_567_890, 0, 600_000_001]) {
      dual.seekTime(t);
      expect(dual.nowNs).toBe(t);
      expectSameInstant(dual, make);
      expect(picture(dual.buggy.sim)).toEqual(straightTo(make('buggy'), t));
    }
  });

  it('seeks an event of the buggy run (a link) with the fixed run at its instant', () => {
    const { dual, make } = setup(afterfuncLab, small);
    dual.seekEvent(150);
    expect(dual.events).toBe(150);
    expect(dual.nowNs).toBe(dual.buggy.nowNs);
    expectSameInstant(dual, make);
  });

  it('reset puts both runs back at event 0 and the clock at 0', () => {
    const { dual } = setup(afterfuncLab, small);
    dual.advance(100, 5_000_000_000);
    expect(dual.buggy.events).toBeGreaterThan(0);
    expect(dual.fixed.events).toBeGreaterThan(0);
    let heard = 0;
    dual.subscribe(() => (heard += 1));
    dual.reset();
    expect([dual.nowNs, dual.buggy.events, dual.fixed.events, heard]).toEqual([0, 0, 0, 1]);
  });

  it('runs the buggy and the fixed program: the same params but the fix', () => {
    const { dual } = setup(afterfuncLab, small);
    dual.seekTime(700_000_000);
    const buggy = dual.buggy.sim.view().extra;
    const fixed = dual.fixed.sim.view().extra;
    // Never stopped, the timers pend; stopped at once, none does.
    expect(Number(buggy['pendingTimers'])).toBeGreaterThan(0);
    expect(fixed['pendingTimers']).toBe(0);
  });
});
