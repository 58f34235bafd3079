import type { Simulation } from '../../scenarios/types';
import { TimeTravelController, type ControllerOptions } from '../shell/controller';

/**
 * Time travel over two runs of one scenario, the buggy program and the fixed one, on one virtual
 * clock. Each run keeps its own `TimeTravelController` (checkpoints, replay); this class only
 * decides where both stand.
 *
 * The buggy run leads: a step is one step of the buggy run (to its next trace event), and its
 * event count is the `step` a link keeps. The fixed run then stands at the same instant with every
 * one of its events at or before that instant done, so its state depends on the instant alone,
 * never on the path that got there (what makes step back, links and scrubbing reproducible).
 */
export class DualController {
  readonly buggy: TimeTravelController;
  readonly fixed: TimeTravelController;
  /** The shared virtual instant, ns. */
  #clockNs = 0;
  #listeners = new Set<() => void>();

  constructor(
    makeBuggy: () => Simulation,
    makeFixed: () => Simulation,
    options: Partial<ControllerOptions> = {},
  ) {
    this.buggy = new TimeTravelController(makeBuggy, options);
    this.fixed = new TimeTravelController(makeFixed, options);
  }

  /** The virtual instant both runs stand at. */
  get nowNs(): number {
    return this.#clockNs;
  }

  /** The buggy run's event count: the step a link restores. */
  get events(): number {
    return this.buggy.events;
  }

  get done(): boolean {
    return this.buggy.done && this.fixed.done;
  }

  /** Calls `listener` after every change of position; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stepForward(): boolean {
    const moved = this.buggy.stepForward();
    this.#followBuggy();
    this.#emit();
    return moved;
  }

  stepBack(): boolean {
    const moved = this.buggy.stepBack();
    this.#followBuggy();
    this.#emit();
    return moved;
  }

  /** The buggy run to event `n`, the fixed run to the instant that reaches. */
  seekEvent(n: number): void {
    this.buggy.seekEvent(n);
    this.#followBuggy();
    this.#emit();
  }

  /** Both runs to instant `tNs`: every event of each at or before it has happened. */
  seekTime(tNs: number): void {
    const t = Math.max(0, tNs);
    settleAt(this.buggy, t);
    settleAt(this.fixed, t);
    this.#clockNs = t;
    this.#emit();
  }

  /**
   * Moves the shared clock on by `realMs` of wall time at `speedNsPerSecond`, as a play loop does
   * each frame, stopping at `horizonNs`.
   */
  advance(realMs: number, speedNsPerSecond: number, horizonNs = Number.POSITIVE_INFINITY): void {
    const target = Math.min(
      horizonNs,
      this.#clockNs + Math.round((realMs * speedNsPerSecond) / 1000),
    );
    if (target <= this.#clockNs) return;
    advanceTo(this.buggy, target, horizonNs);
    advanceTo(this.fixed, target, horizonNs);
    this.#clockNs = target;
    this.#emit();
  }

  reset(): void {
    this.buggy.reset();
    this.fixed.reset();
    this.#clockNs = 0;
    this.#emit();
  }

  /** After the buggy run moved by events: the clock is its instant, the fixed run follows. */
  #followBuggy(): void {
    this.#clockNs = this.buggy.nowNs;
    settleAt(this.fixed, this.#clockNs);
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

/**
 * `seekTime` can stop on the instant with some of its events still to run (its chunks end on
 * event counts); `runUntil` finishes them, so the state is that of a straight run to `tNs`.
 */
function settleAt(controller: TimeTravelController, tNs: number): void {
  controller.seekTime(tNs);
  controller.sim.runUntil(tNs);
}

/**
 * `advance` moves a run by wall time × speed from its own instant, which for a stdlib run is its
 * last event, not the shared clock; one second at `tNs - now` ns per second lands it on `tNs`
 * exactly, through the controller's cheap play path (no rollback checkpoint).
 */
function advanceTo(controller: TimeTravelController, tNs: number, horizonNs: number): void {
  const gap = tNs - controller.nowNs;
  if (gap > 0) controller.advance(1000, gap, horizonNs);
}
