/**
 * The whole model state as plain data (numbers, strings, arrays, records; no closures), so a
 * checkpoint is `structuredClone(state)` and a restore puts the copy back. Names follow
 * runtime2.go's `type g`, `type m`, `type p` and `type schedt`.
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/runtime2.go
 */
import type { GStatus } from '../scenarios/types.ts';
import type { GoStack } from './stack.ts';
import type { EventQueue } from './event-queue.ts';
import type { PrngState } from './prng.ts';
import type { WaitGroup } from './stdlib/sync.ts';
import type { SleepHeap } from './sleep-heap.ts';
import type { TraceRing } from './trace.ts';

/** Where a G is; every G is in exactly one of these (fact 23 and design.md). */
export type Where =
  'running' | 'runnext' | 'localq' | 'globalq' | 'waiting' | 'syscall' | 'netpoll' | 'dead';

/** One goroutine (`type g`). Indexed by its slot in `allgs`; `goid` changes when the slot is reused. */
export interface GRec {
  readonly idx: number;
  goid: number;
  status: GStatus;
  /** Wait reason string (fact 24) while `_Gwaiting`, else ''. */
  waitReason: string;
  where: Where;
  /** The P (running/runnext/localq) or M (syscall) the G is at; -1 otherwise. */
  at: number;
  /** Program index into the engine's code table, and the op the G stands on. */
  prog: number;
  pc: number;
  /** Time left of an op interrupted by preemption, or -1. */
  left: number;
  /** `gp.preempt`: a preemption was requested and is honoured at the next call (fact 12). */
  preempt: boolean;
  parentGoid: number;
  /** Where the `go` statement that created the G was: program and pc in the parent. */
  createdProg: number;
  createdPc: number;
  /**
   * pcs of the `call` ops on the G's call stack, outermost first. Most Gs never make a call, so
   * they share NO_CALLS, and Gs one call deep share one array per pc: an array of at most one
   * call is never written to, only replaced (ops/call.ts).
   */
  calls: number[];
  /**
   * The G's Go stack (B's stack model) once it has had to grow (or a scenario set it); null means
   * the fresh 2 KiB stack, holding just the frames of `calls` (ops/call.ts).
   */
  stack: GoStack | null;
  /**
   * Which of sysmon's forced GCs (`forcegcperiod` apart) came last before the G parked: all a
   * dump needs of the park time (fact 25, dump.ts). A whole number that stays small, unlike the
   * park time in ns, which V8 would box in 16 bytes for every G.
   */
  parkedGc: number;
  /** Scratch slot an op can use across its start and end (e.g. the start time of a measurement). */
  mark: number;
  /**
   * Where the G entered its run queue: `p.runqtail` for a local ring, `Sched.runqPuts` for the
   * global queue; its index is then a subtraction (trace.ts `placeOf`), not a scan.
   */
  runqpos: number;
}

export type PStatus = '_Pidle' | '_Prunning' | '_Psyscall';

/** sysmon's memory of a P (`type sysmontick`). */
export interface SysmonTick {
  schedtick: number;
  schedwhen: number;
  syscalltick: number;
  syscallwhen: number;
}

/** One processor (`type p`). */
export interface PRec {
  readonly id: number;
  status: PStatus;
  m: number;
  /** The G running on this P (`m.curg` of its M), -1 when none. */
  curg: number;
  runnext: number;
  /** Fact 1: the 256-slot ring; head and tail only grow, the slot is `x & 255`. */
  runq: number[];
  runqhead: number;
  runqtail: number;
  schedtick: number;
  syscalltick: number;
  /** Bumped to cancel this P's pending RunP event (e.g. when its G is preempted). */
  gen: number;
  /**
   * Virtual time the op of `curg` ends, or -1 when no op is in progress. Only the running G has
   * an op in progress, so it is kept here rather than in every G: a time past 2^31 ns is a double,
   * which V8 boxes in 16 bytes per object that holds one.
   */
  opEnd: number;
  /** Fact 27: the P's 4-ary timer heap of sleeping Gs, as `[when, G slot]` pairs (sleep-heap.ts). */
  timers: SleepHeap;
  /** Fact 22: the P's free list of dead G slots. */
  gFree: number[];
  goidcache: number;
  goidcacheend: number;
  sysmontick: SysmonTick;
}

/** One OS thread (`type m`). */
export interface MRec {
  readonly id: number;
  p: number;
  curg: number;
  spinning: boolean;
  /** Parked on `sched.midle` (stopm). */
  parked: boolean;
  /** In a syscall with its G; `oldp` is the P it left in `_Psyscall`. */
  inSyscall: boolean;
  oldp: number;
}

export interface Config {
  readonly gomaxprocs: number;
  /** Go ≥ 1.14 with async preemption on (fact 12); false = cooperative only. */
  readonly asyncPreempt: boolean;
  readonly maxmcount: number;
  readonly horizonNs: number;
  readonly sampleNs: number;
  /** Trace ring capacity; 0 turns tracing off (bench, CLI). */
  readonly traceCapacity: number;
  /** sysmon's first tick: its phase relative to the modelled program's start. */
  readonly sysmonStartNs: number;
  /** sysmon starts in its steady state (10ms sleeps), as in a process that has run a while. */
  readonly sysmonSteady: boolean;
  /** The Go release modelled, as its minor number (1.25 → 25): wait reasons and dumps differ. */
  readonly goMinor: number;
}

/** `type schedt` plus the simulation's own bookkeeping. */
export interface Sched {
  readonly cfg: Config;
  now: number;
  /** Events processed (the step a widget scrubs over). */
  events: number;
  queue: EventQueue;
  rng: PrngState;
  allgs: GRec[];
  allp: PRec[];
  allm: MRec[];
  /** The global run queue: a FIFO with a moving head (`sched.runq`). */
  runq: number[];
  runqHead: number;
  /** Gs ever put on the global queue: with its length, how many were taken (`GRec.runqpos`). */
  runqPuts: number;
  /** Global free list of dead G slots (`sched.gFree`). */
  gFree: number[];
  midle: number[];
  pidle: number[];
  nmspinning: number;
  goidgen: number;
  /** sysmon's `idle` rounds and current `delay`. */
  sysmonIdle: number;
  sysmonDelay: number;
  /**
   * True while sysmon sleeps because every P is idle (`sched.sysmonwait`): until the next timer,
   * at most `forcegcperiod/2`, unless a syscall wakes it first (sysmon.ts).
   */
  sysmonWait: boolean;
  /** Bumped when a syscall wakes sysmon early, so its pending wake-up at the timer goes stale. */
  sysmonGen: number;
  /** `sched.lastpoll`: last netpoll time; 0 while an M blocks in netpoll. */
  lastpoll: number;
  /** The M blocked in netpoll, or -1. */
  pollerM: number;
  /** Gs whose fd is ready in the kernel but not yet returned by a netpoll call. */
  netReady: number[];
  /** Gs parked in the netpoller (`IO wait`). */
  netWaiters: number;
  inSyscall: number;
  /** Live user goroutines, as runtime.NumGoroutine counts them. */
  ngLive: number;
  /** sync.WaitGroups of the scenario's program (ops/waitgroup.ts). */
  waitGroups: WaitGroup[];
  counters: Record<string, number>;
  fatal: string | null;
  done: boolean;
  /** The trace ring (trace.ts), made at the first event. */
  trace: TraceRing | null;
  traceSeq: number;
  series: Record<string, number[]>;
  nextSampleNs: number;
  /** Scenario-owned plain data (e.g. measured latencies). */
  extra: Record<string, number[]>;
}

export const NO = -1;

/** The shared empty call stack of Gs that have made no call; never mutated (see GRec.calls). */
export const NO_CALLS: readonly number[] = Object.freeze([]);

export function globalRunqLen(s: Sched): number {
  return s.runq.length - s.runqHead;
}

export function localRunqLen(p: PRec): number {
  return p.runqtail - p.runqhead;
}
