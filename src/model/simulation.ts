/**
 * The engine behind every scenario: builds the initial state (runtime.main on P0 with M0, like
 * rt0_go → newproc → mstart), processes events in (time, priority, seq) order, samples series,
 * and saves/restores checkpoints. Implements `Simulation` from src/scenarios/types.ts.
 */
import type {
  Checkpoint,
  Series,
  SimOptions,
  Simulation,
  TraceEvent,
  View,
} from '../scenarios/types.ts';
import { MAX_M_COUNT, SYSMON_MAX_DELAY_NS, SYSMON_MIN_DELAY_NS } from './constants.ts';
import { dumpText } from './dump.ts';
import {
  EvKind,
  heapFirst,
  newEventQueue,
  nextEventTime,
  pendingAfter,
  popEvent,
  pushEvent,
  SYSMON_RESUME,
  type PoppedEvent,
} from './event-queue.ts';
import { kickP } from './m.ts';
import { sampleUntil, schedFigures, type ExtraSampler } from './metrics.ts';
import { onNetReady } from './netpoll.ts';
import { newproc } from './proc.ts';
import { nextInt, seedPrng } from './prng.ts';
import { resolveDefs, type Program, type World } from './program.ts';
import { runP } from './run.ts';
import type { Config, PRec, Sched } from './state.ts';
import { NO } from './state.ts';
import { coprimesOf } from './steal.ts';
import { exitsyscall } from './syscall.ts';
import { sysmon } from './sysmon.ts';
import { onTimer } from './timers.ts';
import { newRing, traceSince } from './trace.ts';
import { buildView } from './view.ts';
import './ops/index.ts';

/** What a scenario hands the engine. `programs[0]` is main.main. */
export interface ModelSpec {
  readonly programs: readonly Program[];
  readonly gomaxprocs: number;
  readonly asyncPreempt: boolean;
  readonly horizonNs: number;
  readonly goMinor: number;
  readonly waitGroups?: number;
  readonly maxmcount?: number;
  /**
   * sysmon already at its 10ms sleeps (a process that has run a while). Its first tick is drawn
   * from the seeded PRNG over two periods: under CPU load a slice lasts two ticks (one to see the
   * new schedtick, one to preempt), so the phase of that 20ms cycle against the program's start
   * is what the process's unknown history decides.
   */
  readonly sysmonSteady?: boolean;
  readonly seriesNames: readonly string[];
  /** Scenario series and counters computed from `Sched.extra` and the state. */
  readonly sampleExtra?: ExtraSampler;
  readonly countersExtra?: (s: Sched) => Readonly<Record<string, number>>;
  readonly viewExtra?: (s: Sched) => Record<string, unknown>;
}

/**
 * Goroutines the runtime itself starts before main.main: forcegchelper (proc.go init), bgsweep
 * and bgscavenge (gcenable). They take goids 2-4 from P0's cache and are not counted by
 * NumGoroutine; the model reserves their ids only.
 */
const SYSTEM_GOROUTINES = 3;

function newP(id: number): PRec {
  return {
    id,
    status: '_Pidle',
    m: NO,
    curg: NO,
    runnext: NO,
    runq: new Array<number>(256).fill(NO),
    runqhead: 0,
    runqtail: 0,
    schedtick: 0,
    syscalltick: 0,
    gen: 0,
    opEnd: NO,
    timers: [],
    gFree: [],
    goidcache: 0,
    goidcacheend: 0,
    // schedtick -1: sysmon has not looked at this P yet, so its first tick records the slice.
    sysmontick: { schedtick: -1, schedwhen: 0, syscalltick: 0, syscallwhen: 0 },
  };
}

function initialState(spec: ModelSpec, options: SimOptions): Sched {
  const rng = seedPrng(options.seed);
  const steady = spec.sysmonSteady === true;
  const cfg: Config = {
    gomaxprocs: spec.gomaxprocs,
    asyncPreempt: spec.asyncPreempt,
    maxmcount: spec.maxmcount ?? MAX_M_COUNT,
    horizonNs: spec.horizonNs,
    sampleNs: options.sampleNs,
    traceCapacity: options.traceCapacity ?? 4096,
    sysmonStartNs: steady ? nextInt(rng, 2 * SYSMON_MAX_DELAY_NS) : SYSMON_MIN_DELAY_NS,
    sysmonSteady: steady,
    goMinor: spec.goMinor,
  };
  const allp = Array.from({ length: cfg.gomaxprocs }, (_, i) => newP(i));
  const s: Sched = {
    cfg,
    now: 0,
    events: 0,
    queue: newEventQueue(cfg.gomaxprocs),
    rng,
    allgs: [],
    allp,
    allm: [{ id: 0, p: 0, curg: NO, spinning: false, parked: false, inSyscall: false, oldp: NO }],
    runq: [],
    runqHead: 0,
    runqPuts: 0,
    gFree: [],
    midle: [],
    pidle: [],
    nmspinning: 0,
    goidgen: 0,
    sysmonIdle: steady ? 51 : 0,
    sysmonDelay: steady ? SYSMON_MAX_DELAY_NS : SYSMON_MIN_DELAY_NS,
    sysmonWait: false,
    sysmonGen: 0,
    lastpoll: 1,
    pollerM: NO,
    netReady: [],
    netWaiters: 0,
    inSyscall: 0,
    ngLive: 0,
    waitGroups: Array.from({ length: spec.waitGroups ?? 0 }, () => ({ counter: 0, waiters: [] })),
    counters: { schedules: 0, steals: 0, handoffs: 0, preemptions: 0 },
    fatal: null,
    done: false,
    trace: cfg.traceCapacity > 0 ? newRing(cfg.traceCapacity) : null,
    traceSeq: 0,
    series: { t_ms: [] },
    nextSampleNs: options.sampleNs,
    extra: {},
  };
  for (let i = allp.length - 1; i >= 1; i--) {
    allp[i]!.status = '_Pidle';
    s.pidle.push(i);
  }
  const p0 = allp[0]!;
  p0.status = '_Prunning';
  p0.m = 0;
  pushEvent(s.queue, cfg.sysmonStartNs, EvKind.Sysmon, 0, 0);
  return s;
}

/**
 * An event that no longer applies, skipped without counting: a RunP whose P has moved on
 * (preempted, handed off), or a sysmon wake-up from a sleep a syscall already ended.
 */
function isStale(s: Sched, kind: number, a: number, b: number): boolean {
  if (kind === EvKind.RunP) return s.allp[a]!.gen !== b;
  return kind === EvKind.Sysmon && b !== s.sysmonGen;
}

interface SavedCheckpoint extends Checkpoint {
  readonly state: Sched;
}

export class ModelSimulation implements Simulation {
  private readonly w: World;
  private readonly initial: SavedCheckpoint;
  private readonly ev: PoppedEvent = { t: 0, key: 0, kind: EvKind.RunP, a: 0, b: 0 };

  constructor(
    private readonly spec: ModelSpec,
    options: SimOptions,
  ) {
    const s = initialState(spec, options);
    this.w = {
      s,
      code: spec.programs,
      defs: resolveDefs(spec.programs),
      coprimes: coprimesOf(spec.gomaxprocs),
    };
    const p0 = s.allp[0]!;
    newproc(this.w, p0, 0, null);
    p0.goidcache += SYSTEM_GOROUTINES;
    kickP(s, p0, 0);
    this.initial = this.checkpoint() as SavedCheckpoint;
  }

  /** The live state, for tests and invariant checks (read-only by convention). */
  get state(): Sched {
    return this.w.s;
  }
  get world(): World {
    return this.w;
  }
  get nowNs(): number {
    return this.w.s.now;
  }
  get events(): number {
    return this.w.s.events;
  }
  get done(): boolean {
    return this.w.s.done;
  }
  get fatal(): string | null {
    return this.w.s.fatal;
  }

  step(): boolean {
    const w = this.w;
    const s = w.s;
    if (s.done) return false;
    const ev = this.ev;
    for (;;) {
      if (!popEvent(s.queue, ev)) {
        this.finish(s.now, false);
        return false;
      }
      if (ev.t > s.cfg.horizonNs) {
        this.finish(s.cfg.horizonNs, pendingAfter(s.queue, ev));
        return false;
      }
      if (!isStale(s, ev.kind, ev.a, ev.b)) break;
    }
    if (ev.t > s.nextSampleNs - 1)
      sampleUntil(s, ev.t + 1, this.spec.seriesNames, this.spec.sampleExtra ?? null);
    s.now = ev.t;
    s.events++;
    switch (ev.kind) {
      case EvKind.RunP:
        runP(w, s.allp[ev.a]!);
        break;
      case EvKind.Sysmon:
        sysmon(w, ev.a === SYSMON_RESUME);
        break;
      case EvKind.SyscallExit:
        exitsyscall(w, ev.a, ev.b);
        break;
      case EvKind.NetReady:
        onNetReady(w, ev.a);
        break;
      case EvKind.Timer:
        onTimer(w, ev.a);
        break;
    }
    if (s.done) this.finish(s.now, true);
    return !s.done;
  }

  /**
   * The run ends: sample the rest of the grid; goroutines left with nothing to wake them (nothing
   * `pending`) = checkdead.
   */
  private finish(at: number, pending: boolean): void {
    const s = this.w.s;
    if (!s.done && !pending && s.ngLive > 0 && s.fatal === null) {
      // Fact 26: no M running, nothing runnable, no timers: checkdead.
      s.fatal = 'fatal error: all goroutines are asleep - deadlock!';
    }
    s.done = true;
    s.now = Math.max(s.now, at);
    sampleUntil(
      s,
      Math.min(s.now, s.cfg.horizonNs) + 1,
      this.spec.seriesNames,
      this.spec.sampleExtra ?? null,
    );
  }

  /**
   * Drops stale events from the head of the agenda, so a caller comparing the head's time with a
   * limit never steps past the limit because of one.
   */
  dropStaleHead(): void {
    const s = this.w.s;
    const q = s.queue;
    for (;;) {
      if (heapFirst(q)) {
        if (!isStale(s, q.kind[0]!, q.a[0]!, q.b[0]!)) return;
      } else {
        const r = q.run;
        const p = r.win[1]!;
        if (r.t[p]! === Infinity || s.allp[p]!.gen === r.gen[p]!) return;
      }
      popEvent(q, this.ev);
    }
  }

  runUntil(tNs: number): void {
    const s = this.w.s;
    for (;;) {
      this.dropStaleHead();
      if (s.done || nextEventTime(s.queue) > tNs) break;
      this.step();
    }
    if (!s.done && nextEventTime(s.queue) === Infinity) this.step();
    // Nothing happens until the next event: the clock can stand at tNs.
    if (!s.done && tNs > s.now && tNs <= s.cfg.horizonNs) {
      sampleUntil(s, tNs + 1, this.spec.seriesNames, this.spec.sampleExtra ?? null);
      s.now = tNs;
    }
  }

  runToEvent(n: number): void {
    if (n < this.w.s.events) this.restore(this.initial);
    while (this.w.s.events < n && this.step());
  }

  checkpoint(): Checkpoint {
    const s = this.w.s;
    const saved: SavedCheckpoint = { nowNs: s.now, events: s.events, state: structuredClone(s) };
    return saved;
  }

  restore(c: Checkpoint): void {
    const saved = c as SavedCheckpoint;
    if (saved.state === undefined) throw new Error('restore: not a checkpoint of this simulation');
    this.w.s = structuredClone(saved.state);
  }

  view(maxGs = 2000): View {
    const s = this.w.s;
    return buildView(this.w, maxGs, this.spec.viewExtra?.(s) ?? {});
  }

  trace(afterSeq = 0): readonly TraceEvent[] {
    return traceSince(this.w.s, afterSeq);
  }

  series(): Series {
    return this.w.s.series as unknown as Series;
  }

  counters(): Readonly<Record<string, number>> {
    const s = this.w.s;
    const f = schedFigures(s);
    return { ...s.counters, ms: f['ms'] ?? 0, ...(this.spec.countersExtra?.(s) ?? {}) };
  }

  dump(): string {
    return dumpText(this.w);
  }
}
