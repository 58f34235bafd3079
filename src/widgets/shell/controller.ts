import type { Checkpoint, Simulation } from '../../scenarios/types';

/** How the controller finds its way back in time. */
export interface ControllerOptions {
  /** A checkpoint is taken at least every this many events, so a step back replays at most that many. */
  readonly checkpointEvery: number;
  /** Upper bound on checkpoints held; past it every other one is dropped (the spacing doubles). */
  readonly maxCheckpoints: number;
  /**
   * What one step is. `event`: one simulation event. `trace`: everything up to the next trace
   * event, i.e. the next thing a reader can see happen (many model events are bookkeeping).
   */
  readonly stepBy: 'event' | 'trace';
  /** A `trace` step gives up after this many events without a trace event. */
  readonly maxEventsPerStep: number;
  /**
   * Milliseconds, for balancing checkpoint cost against replay cost only (never for simulated
   * time): a big run's checkpoint (a structured clone) can cost as much as replaying thousands of
   * events, so checkpoints are spaced to cost about as much as the replay they save.
   */
  readonly clock: () => number;
  /**
   * While playing (`advance`), a checkpoint is skipped when the last one cost more than this many
   * ms: a 100,000-goroutine run's clone takes about a second, a visible freeze in the middle of
   * play. The next step, seek or scrub takes the checkpoints it needs instead.
   */
  readonly playCheckpointMs: number;
}

const DEFAULTS: ControllerOptions = {
  checkpointEvery: 256,
  maxCheckpoints: 512,
  stepBy: 'event',
  maxEventsPerStep: 100_000,
  clock: () => performance.now(),
  playCheckpointMs: 8,
};

/** Spacing never grows past this many events, so a step back never replays more. */
const MAX_SPACING = 1 << 16;

/**
 * Time travel over a deterministic `Simulation`: play at a speed, step forward and back, scrub to
 * an event or an instant, reset. Pure TypeScript (no DOM) so it can be tested against a fake.
 *
 * Stepping back works because the simulation is deterministic: restore the nearest checkpoint at
 * or before the target event, then replay forward to it.
 *
 * @example
 * const c = new TimeTravelController(() => scenario.create(values, { seed: 1, sampleNs: 1e8 }));
 * c.stepForward();
 * c.stepBack(); // back at event 0
 */
export class TimeTravelController {
  #makeSim: () => Simulation;
  #options: ControllerOptions;
  #sim: Simulation;
  /** Sorted by `events`; always holds the initial state first. */
  #checkpoints: Checkpoint[] = [];
  #spacing: number;
  /** Replay speed seen so far, events per ms (0 until measured). */
  #eventsPerMs = 0;
  /** What the newest checkpoint cost, ms (balancing only). */
  #checkpointMs = 0;
  #listeners = new Set<() => void>();

  constructor(makeSim: () => Simulation, options: Partial<ControllerOptions> = {}) {
    this.#makeSim = makeSim;
    this.#options = { ...DEFAULTS, ...options };
    this.#spacing = this.#options.checkpointEvery;
    this.#sim = makeSim();
    this.#checkpoints = [this.#sim.checkpoint()];
  }

  get sim(): Simulation {
    return this.#sim;
  }

  get events(): number {
    return this.#sim.events;
  }

  get nowNs(): number {
    return this.#sim.nowNs;
  }

  get done(): boolean {
    return this.#sim.done;
  }

  /** Calls `listener` after every change of position; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One step forward (see `stepBy`). False when the run is over. */
  stepForward(): boolean {
    const moved = this.#stepForward();
    this.#emit();
    return moved;
  }

  /** One step back, to exactly where the matching step forward started. False at event 0. */
  stepBack(): boolean {
    if (this.#sim.events === 0) return false;
    this.#goToEvent(this.#stepBackTarget());
    this.#emit();
    return true;
  }

  #stepForward(): boolean {
    const seq = this.#options.stepBy === 'trace' ? this.#lastSeq() : null;
    let moved = false;
    for (let i = 0; i < this.#options.maxEventsPerStep; i++) {
      if (!this.#sim.step()) break;
      moved = true;
      this.#noteCheckpoint();
      if (seq === null || this.#sim.trace(seq).length > 0) break;
    }
    return moved;
  }

  /** Newest trace seq held, or -1. */
  #lastSeq(): number {
    return this.#sim.trace().at(-1)?.seq ?? -1;
  }

  /**
   * The last event count before the newest trace event was emitted: the largest p < n whose
   * trace ends before seq k (trace seqs only grow, so one replay from a checkpoint finds it).
   */
  #stepBackTarget(): number {
    const n = this.#sim.events;
    if (this.#options.stepBy === 'event') return n - 1;
    const k = this.#lastSeq();
    if (k < 0) return n - 1;
    const before = (c: Checkpoint) => c.events < n;
    const candidates = this.#checkpoints.filter(before).reverse();
    for (const c of candidates) {
      this.#sim.restore(c);
      if (this.#sim.trace(k - 1).length > 0) continue; // event k already happened: look earlier
      let target = c.events;
      while (this.#sim.events < n - 1 && this.#sim.step()) {
        if (this.#sim.trace(k - 1).length > 0) break;
        target = this.#sim.events;
      }
      return target;
    }
    return 0;
  }

  /** Jump to event `n` (clamped to the run's end). */
  seekEvent(n: number): void {
    this.#goToEvent(Math.max(0, Math.floor(n)));
    this.#emit();
  }

  /** Jump to virtual instant `tNs`: every event at or before it has happened. */
  seekTime(tNs: number): void {
    if (tNs < this.#sim.nowNs) this.#restoreAtOrBefore((c) => c.nowNs <= tNs);
    this.#runForwardUntil(tNs);
    this.#emit();
  }

  /**
   * Advance by wall-clock `realMs` at `speedNsPerSecond` of virtual time per real second, as a
   * play loop does each frame. `horizonNs` stops the run at the scenario's horizon.
   */
  advance(realMs: number, speedNsPerSecond: number, horizonNs = Number.POSITIVE_INFINITY): void {
    if (this.#sim.done) return;
    const target = Math.min(
      horizonNs,
      this.#sim.nowNs + Math.round((realMs * speedNsPerSecond) / 1000),
    );
    // runUntil stops exactly at the instant, so playing needs no rollback checkpoint.
    this.#timed(() => this.#sim.runUntil(target));
    if (this.#checkpointMs <= this.#options.playCheckpointMs) this.#noteCheckpoint();
    this.#emit();
  }

  /** Back to event 0 with a fresh simulation (same factory, so same params and seed). */
  reset(): void {
    this.#sim = this.#makeSim();
    this.#spacing = this.#options.checkpointEvery;
    this.#checkpoints = [this.#sim.checkpoint()];
    this.#emit();
  }

  #goToEvent(n: number): void {
    if (n < this.#sim.events) this.#restoreAtOrBefore((c) => c.events <= n);
    while (!this.#sim.done && this.#sim.events < n) {
      const last = this.#checkpoints.at(-1);
      const nextCheckpointAt = (last?.events ?? 0) + this.#spacing;
      this.#sim.runToEvent(Math.min(n, Math.max(nextCheckpointAt, this.#sim.events + 1)));
      this.#noteCheckpoint();
    }
  }

  /**
   * Runs to `tNs` in chunks of at most `spacing` events so checkpoints stay dense: each chunk is
   * tried from a checkpoint, and if it overshoots the instant, it is rolled back and replayed with
   * `runUntil`, which stops exactly at `tNs`.
   */
  #runForwardUntil(tNs: number): void {
    while (!this.#sim.done && this.#sim.nowNs < tNs) {
      const before = this.#checkpointHere();
      const startEvents = this.#sim.events;
      this.#timed(() => this.#sim.runToEvent(startEvents + this.#spacing));
      if (this.#sim.nowNs > tNs) {
        this.#sim.restore(before);
        this.#sim.runUntil(tNs);
        this.#noteCheckpoint();
        return;
      }
      if (this.#sim.events === startEvents) return;
    }
    this.#noteCheckpoint();
  }

  /** Runs `work` and updates the replay speed estimate. */
  #timed(work: () => void): void {
    const events = this.#sim.events;
    const started = this.#options.clock();
    work();
    const ms = this.#options.clock() - started;
    const done = this.#sim.events - events;
    if (done >= 64 && ms > 0) this.#eventsPerMs = done / ms;
  }

  #restoreAtOrBefore(fits: (c: Checkpoint) => boolean): void {
    let best = this.#checkpoints[0];
    for (const c of this.#checkpoints) {
      if (fits(c)) best = c;
      else break;
    }
    if (best) this.#sim.restore(best);
  }

  #noteCheckpoint(): void {
    const last = this.#checkpoints.at(-1);
    if (last && this.#sim.events < last.events + this.#spacing) return;
    this.#checkpointHere();
  }

  /** The checkpoint at the current event, taken and kept in order if there is none yet. */
  #checkpointHere(): Checkpoint {
    const events = this.#sim.events;
    const at = this.#checkpoints.findIndex((c) => c.events >= events);
    const existing = at === -1 ? undefined : this.#checkpoints[at];
    if (existing?.events === events) return existing;
    const started = this.#options.clock();
    const taken = this.#sim.checkpoint();
    const cost = this.#options.clock() - started;
    this.#checkpointMs = cost;
    // Checkpoints past the current position are kept: they are the same states the run will reach.
    if (at === -1) this.#checkpoints.push(taken);
    else this.#checkpoints.splice(at, 0, taken);
    if (this.#eventsPerMs > 0) {
      const balanced = Math.ceil(cost * this.#eventsPerMs);
      this.#spacing = Math.min(MAX_SPACING, Math.max(this.#spacing, balanced));
    }
    if (this.#checkpoints.length > this.#options.maxCheckpoints) {
      this.#checkpoints = this.#checkpoints.filter((_, i) => i % 2 === 0);
      this.#spacing = Math.min(MAX_SPACING, this.#spacing * 2);
    }
    return taken;
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
