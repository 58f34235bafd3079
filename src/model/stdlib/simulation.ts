/**
 * A `Simulation` for scenarios that use the standard-library layer: the engine's
 * `ModelSimulation` plus the stdlib state inside it, with stdlib timers run on the engine's clock
 * (see engine-bridge.ts). Checkpoints are the engine's: they include `s.stdlib`.
 */
import type {
  Checkpoint,
  GoroutineProfile,
  Series,
  SimOptions,
  Simulation,
  TraceEvent,
  View,
} from '../../scenarios/types.ts';
import { heapFirst } from '../event-queue.ts';
import { sampleUntil } from '../metrics.ts';
import { ModelSimulation, type ModelSpec } from '../simulation.ts';
import type { World } from '../program.ts';
import { stdlibDump, stdlibProfile } from './dump.ts';
import { nextStdlibTimer, runStdlibTimers, type NextTimer } from './engine-bridge.ts';
import { newStdlibState, type StdlibShape } from './stdlib-state.ts';
import { nextWhenAnyP, type TimerState } from './timers.ts';
import { registerEarliestTimer } from '../timers.ts';
import './ops-index.ts';

// sysmon, asleep while every P is idle, wakes for stdlib timers too (timeSleepUntil).
registerEarliestTimer((w) =>
  w.s.stdlib === undefined ? Infinity : nextWhenAnyP(w.s.stdlib.timers),
);

/**
 * With every P idle, the last M sleeps in `netpoll(delay)` until the next timer, and on Linux
 * `epoll_wait` takes whole milliseconds: a delay under 1ms waits 1ms, a longer one is truncated
 * and the M looks again. Each return comes this late after its timeout. Derived from the
 * reference afterfunc runs (go1.19.8, 2 cores): a 1ms ticker delivered 1,828-1,834 ticks in 2s,
 * 1.09ms per tick, i.e. ~90µs per wake beyond the 1ms wait; the 5µs M wake-up the engine charges
 * is the rest. (50µs of it is the kernel's default timer slack.)
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/netpoll_epoll.go (netpoll: waitms)
 */
export const EPOLL_WAKE_LATENCY_NS = 85_000;
const MS = 1_000_000;

/** When a timer due at `when` actually runs if every P went idle at `idleSince`. */
export function epollWakeAt(idleSince: number, when: number): number {
  let t = idleSince;
  for (;;) {
    const delay = when - t;
    if (delay <= 0) return t;
    const waitMs = delay < MS ? 1 : Math.floor(delay / MS);
    t += waitMs * MS + EPOLL_WAKE_LATENCY_NS;
  }
}

export interface StdlibModelSpec extends ModelSpec {
  readonly stdlib: StdlibShape;
  /** Replaces the engine's dump (e.g. to add the runtime and sync frames of parked Gs). */
  readonly dump?: (w: World) => string;
}

export class StdlibSimulation implements Simulation {
  readonly engine: ModelSimulation;
  private readonly initial: Checkpoint;
  /**
   * The earliest stdlib timer, kept until the heaps change (`TimerState.changes`): at 1,000 qps
   * they change on about one event in five (a request's context timer is pushed and popped, a
   * client's timer re-armed), and a look at every heap reads each top's record.
   */
  private readonly next: NextTimer = { p: -1, when: Infinity };
  /**
   * When that timer runs (Infinity with none). Kept in a field, not passed or returned: times
   * past 2^31 ns are doubles, and a double crossing a call boundary is boxed (an allocation per
   * event).
   */
  private due = Infinity;
  /** What `next` was found for: the timer state (a restore replaces it) and its change count. */
  private seenTimers: TimerState | null = null;
  private seenChanges = -1;

  constructor(
    private readonly spec: StdlibModelSpec,
    options: SimOptions,
  ) {
    this.engine = new ModelSimulation(spec, options);
    const s = this.engine.state;
    s.stdlib = newStdlibState(spec.gomaxprocs, spec.goMinor, spec.stdlib);
    this.initial = this.engine.checkpoint();
  }

  get nowNs(): number {
    return this.engine.nowNs;
  }
  get events(): number {
    return this.engine.events;
  }
  get done(): boolean {
    return this.engine.done;
  }
  get fatal(): string | null {
    return this.engine.fatal;
  }

  step(): boolean {
    const s = this.engine.state;
    if (s.done) return false;
    this.engine.dropStaleHead();
    this.findNextTimer();
    return this.stepWith();
  }

  /**
   * Sets `due`, when the earliest stdlib timer runs (Infinity with none; its P is `next.p`): at
   * once while a P is busy, else when the M blocked in netpoll wakes for it. Looks at the heaps
   * only when they changed since the last look: between changes every heap's top stays live (a
   * timer stops being live only by leaving its heap, which counts), so a look would find the same
   * timer and drop no zombie.
   */
  private findNextTimer(): void {
    const st = this.engine.state.stdlib;
    if (st === undefined) {
      this.next.p = -1;
      this.due = Infinity;
      return;
    }
    const ts = st.timers;
    if (ts !== this.seenTimers || ts.changes !== this.seenChanges) {
      nextStdlibTimer(this.engine.state, this.next);
      this.seenTimers = ts;
      this.seenChanges = ts.changes;
    }
    if (this.next.p < 0) this.due = Infinity;
    else {
      // Field to field: a time past 2^31 ns passed through a call would be boxed.
      const idleSince = st.idleSince;
      this.due = idleSince >= 0 ? epollWakeAt(idleSince, this.next.when) : this.next.when;
    }
  }

  /**
   * One event: the stdlib timer (`due`, on P `next.p`) if it comes first, else the engine's.
   * Called right after `dropStaleHead` and `findNextTimer`.
   */
  private stepWith(): boolean {
    const w = this.engine.world;
    const s = w.s;
    const due = this.due;
    const q = s.queue;
    // The agenda's nextEventTime, read in place: a time past 2^31 ns returned from a call that is
    // not inlined would be boxed (an allocation per event).
    const head = heapFirst(q) ? q.t[0]! : q.run.t[q.run.win[1]!]!;
    if (due <= head && due <= s.cfg.horizonNs) {
      if (due > s.nextSampleNs - 1)
        sampleUntil(s, due + 1, this.spec.seriesNames, this.spec.sampleExtra ?? null);
      s.now = Math.max(s.now, due);
      s.events++;
      runStdlibTimers(w, this.next.p);
      this.noteIdle();
      return !s.done;
    }
    const more = this.engine.step();
    this.noteIdle();
    if (!more) this.undoFalseDeadlock();
    return more;
  }

  /**
   * The engine reports checkdead's deadlock when its own agenda runs dry, but it does not see
   * stdlib timers or goroutines parked in the netpoller by stdlib ops. checkdead returns early
   * while any P has a timer, and an M blocked in netpoll is not idle, so neither case is a
   * deadlock: the process lives on, unchanged, to the horizon, and is sampled up to it.
   * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go (checkdead)
   */
  private undoFalseDeadlock(): void {
    const s = this.engine.state;
    if (s.fatal === null || !s.fatal.includes('all goroutines are asleep')) return;
    const timers = s.stdlib?.timers.pending ?? 0;
    if (timers === 0 && s.netWaiters === 0) return;
    s.fatal = null;
    sampleUntil(s, s.cfg.horizonNs + 1, this.spec.seriesNames, this.spec.sampleExtra ?? null);
    s.now = Math.max(s.now, s.cfg.horizonNs);
  }

  /** Remember when every P went idle, for `epollWakeAt`. */
  private noteIdle(): void {
    const s = this.engine.state;
    const st = s.stdlib;
    if (st === undefined) return;
    const allIdle = s.pidle.length === s.allp.length;
    if (!allIdle) st.idleSince = -1;
    else if (st.idleSince < 0) st.idleSince = s.now;
  }

  runUntil(tNs: number): void {
    const s = this.engine.state;
    for (;;) {
      if (s.done) return;
      this.engine.dropStaleHead();
      const q = s.queue;
      const head = heapFirst(q) ? q.t[0]! : q.run.t[q.run.win[1]!]!;
      this.findNextTimer();
      const timer = this.due;
      // Nothing left at all: one more step lets the engine finish (and run checkdead).
      if (head === Infinity && timer === Infinity) {
        this.stepWith();
        return;
      }
      if (Math.min(head, timer) > tNs) {
        // Nothing happens until then (sysmon may sleep for a minute): the clock can stand at tNs.
        if (tNs > s.now && tNs <= s.cfg.horizonNs) {
          sampleUntil(s, tNs + 1, this.spec.seriesNames, this.spec.sampleExtra ?? null);
          s.now = tNs;
        }
        return;
      }
      if (!this.stepWith()) return;
    }
  }

  runToEvent(n: number): void {
    if (n < this.events) this.restore(this.initial);
    while (this.events < n && this.step());
  }

  checkpoint(): Checkpoint {
    return this.engine.checkpoint();
  }

  restore(c: Checkpoint): void {
    this.engine.restore(c);
  }

  view(maxGs?: number): View {
    return this.engine.view(maxGs);
  }

  trace(afterSeq?: number): readonly TraceEvent[] {
    return this.engine.trace(afterSeq);
  }

  series(): Series {
    return this.engine.series();
  }

  counters(): Readonly<Record<string, number>> {
    return this.engine.counters();
  }

  dump(): string {
    return (this.spec.dump ?? stdlibDump)(this.engine.world);
  }

  goroutineProfile(): GoroutineProfile | null {
    // A scenario with a dump of its own prints frames the engine's records do not have.
    return this.spec.dump === undefined ? stdlibProfile(this.engine.world) : null;
  }
}
