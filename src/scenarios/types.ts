/**
 * The contract between the scheduler model, the scenarios, the CLI and the widgets.
 *
 * Data flows one way: params → model → snapshot/metrics/trace → drawing. Widgets and the CLI only
 * see what this file exports; they never reach into the model's internals.
 */

/** One parameter of a scenario. One schema drives sliders, URL state, CLI flags and validation. */
export type ParamSpec =
  | {
      readonly kind: 'int';
      readonly label: string;
      readonly help: string;
      readonly min: number;
      readonly max: number;
      readonly default: number;
      /** Slider step; 1 when absent. */
      readonly step?: number;
      /** Sliders move on a log scale (goroutines 1..100,000). */
      readonly log?: boolean;
      readonly unit?: string;
    }
  | {
      /** A Go duration (`700ms`, `4s`, `1h30m`); the value is integer nanoseconds. */
      readonly kind: 'duration';
      readonly label: string;
      readonly help: string;
      readonly minNs: number;
      readonly maxNs: number;
      readonly defaultNs: number;
      readonly log?: boolean;
    }
  | {
      readonly kind: 'bool';
      readonly label: string;
      readonly help: string;
      readonly default: boolean;
    }
  | {
      readonly kind: 'enum';
      readonly label: string;
      readonly help: string;
      readonly options: readonly string[];
      /** Human labels for the options, same order; the option strings are used when absent. */
      readonly optionLabels?: readonly string[];
      readonly default: string;
    };

export type ParamSchema = Readonly<Record<string, ParamSpec>>;

/** The parsed value of a spec: ints and durations are numbers (durations in ns). */
export type ParamValue<P extends ParamSpec> = P extends { kind: 'bool' }
  ? boolean
  : P extends { kind: 'enum' }
    ? string
    : number;

export type ParamValues<S extends ParamSchema> = { -readonly [K in keyof S]: ParamValue<S[K]> };

/** Why a raw value was refused; the value falls back to the default. */
export interface ParamError {
  readonly param: string;
  readonly raw: string;
  /** One line naming the value and the allowed range, e.g. `qps: "abc" is not an integer (1..5000)`. */
  readonly message: string;
}

/** A line of the Go source shown beside a widget. Ops carry `line` numbers into this text. */
export interface GoSource {
  /** File name shown as the code block's title, e.g. `main.go`. */
  readonly title: string;
  /** The whole Go program, gofmt-clean. Line numbers are 1-based into this text. */
  readonly code: string;
}

/** A place a goroutine can be; every G is in exactly one at a time. */
export type GPlace =
  | { readonly kind: 'running'; readonly p: number; readonly m: number }
  | { readonly kind: 'runnext'; readonly p: number }
  | { readonly kind: 'localq'; readonly p: number; readonly index: number }
  | { readonly kind: 'globalq'; readonly index: number }
  | { readonly kind: 'waiting'; readonly reason: string }
  | { readonly kind: 'syscall'; readonly m: number }
  | { readonly kind: 'netpoll' }
  | { readonly kind: 'dead' };

/** `_Grunnable`, `_Grunning`, ... as runtime2.go spells them. */
export type GStatus =
  | '_Gidle'
  | '_Grunnable'
  | '_Grunning'
  | '_Gsyscall'
  | '_Gwaiting'
  | '_Gdead'
  | '_Gcopystack'
  | '_Gpreempted';

export interface GView {
  readonly id: number;
  readonly status: GStatus;
  readonly place: GPlace;
  /** Line of the scenario's Go source the G stands on (0 when none). */
  readonly line: number;
  /** A short role for colouring and grouping: `main`, `conn`, `handler`, `timer-f`, `worker`, ... */
  readonly role: string;
  readonly stackBytes: number;
}

export interface PView {
  readonly id: number;
  readonly status: '_Pidle' | '_Prunning' | '_Psyscall' | '_Pgcstop' | '_Pdead';
  readonly m: number | null;
  readonly running: number | null;
  readonly runnext: number | null;
  /** G ids in the local run queue, head first (at most 256). */
  readonly runq: readonly number[];
  readonly schedtick: number;
  readonly timers: number;
}

export interface MView {
  readonly id: number;
  readonly p: number | null;
  readonly curg: number | null;
  readonly spinning: boolean;
  readonly parked: boolean;
  readonly inSyscall: boolean;
}

/**
 * What a renderer draws: the whole visible state at one virtual instant. Plain data, safe to
 * structuredClone. For runs with many goroutines `gs` may be capped (`gsTruncated` true); the
 * aggregate counts stay exact.
 */
export interface View {
  readonly nowNs: number;
  readonly ps: readonly PView[];
  readonly ms: readonly MView[];
  readonly globalRunq: readonly number[];
  readonly globalRunqLen: number;
  readonly gs: readonly GView[];
  readonly gsTruncated: boolean;
  /** Goroutines by status and by wait reason, exact even when `gs` is capped. */
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byWaitReason: Readonly<Record<string, number>>;
  /** Scenario-specific figures for the stage (e.g. stack frames, pending timers with bytes). */
  readonly extra: Readonly<Record<string, unknown>>;
  /** sysmon, for stages that draw its ticks; absent from views that do not model it. */
  readonly sysmon?: SysmonView;
}

/** sysmon at one instant: when it wakes next and how long it sleeps between ticks. */
export interface SysmonView {
  /**
   * Its next tick, or null while every P is idle and it sleeps in `sched.sysmonwait` (until the
   * next timer, or a syscall wakes it).
   */
  readonly nextTickNs: number | null;
  /** Its current sleep: 20µs, doubling after 50 idle rounds up to 10ms (proc.go: sysmon). */
  readonly delayNs: number;
}

/** Something that happened, for animation and for the transcript. */
export interface TraceEvent {
  readonly seq: number;
  readonly tNs: number;
  readonly kind:
    | 'go'
    | 'schedule'
    | 'park'
    | 'ready'
    | 'preempt'
    | 'steal'
    | 'handoff'
    | 'syscall-enter'
    | 'syscall-exit'
    | 'netpoll'
    | 'm-new'
    | 'm-park'
    | 'm-unpark'
    | 'timer-add'
    | 'timer-fire'
    | 'timer-stop'
    | 'stack-grow'
    | 'stack-shrink'
    | 'exit'
    | 'note';
  // `| undefined`: the model writes every key of each event (one object shape), unset ones undefined.
  readonly g?: number | undefined;
  readonly p?: number | undefined;
  readonly m?: number | undefined;
  /** For moves: where from and where to. */
  readonly from?: GPlace | undefined;
  readonly to?: GPlace | undefined;
  /** A human sentence for the transcript, e.g. `G7 preempted after 10ms on P0; sent to the global queue`. */
  readonly text: string;
}

/** Sampled series on a virtual-time grid; every array has the length of `t_ms`. */
export interface Series {
  readonly t_ms: readonly number[];
  readonly [name: string]: readonly number[];
}

/** The result the CLI prints with --json, and the charts read. */
export interface RunResult {
  readonly scenario: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly seed: number;
  readonly sampleMs: number;
  readonly series: Series;
  /** Scenario counters plus schedules, steals, handoffs, preemptions, and wallMs (added by the CLI). */
  readonly counters: Readonly<Record<string, number>>;
  /** Present when the modelled program died (`fatal error: stack overflow`, a deadlock). */
  readonly fatal?: string;
  /** A scenario's step table when it keeps one (stack-growth: every move of the stack). */
  readonly history?: readonly Readonly<Record<string, string | number>>[];
}

/** An opaque saved state; restore() of it then running gives exactly the straight run. */
export interface Checkpoint {
  readonly nowNs: number;
  readonly events: number;
}

/** A live run of a scenario. Deterministic: same scenario, params and seed give the same trace. */
export interface Simulation {
  readonly nowNs: number;
  /** Events processed so far (the "step" a widget scrubs over). */
  readonly events: number;
  /** True when the scenario's program has finished or its horizon was reached. */
  readonly done: boolean;
  /** Why the run ended early, in the runtime's words (e.g. `fatal error: stack overflow`), else null. */
  readonly fatal: string | null;
  /** Process one event. Returns false when done. */
  step(): boolean;
  /** Process events until virtual time reaches `tNs` (or done). */
  runUntil(tNs: number): void;
  /** Process events until `events` reaches n (or done). */
  runToEvent(n: number): void;
  checkpoint(): Checkpoint;
  restore(c: Checkpoint): void;
  view(maxGs?: number): View;
  /** Trace events with seq > afterSeq still held in the bounded ring. */
  trace(afterSeq?: number): readonly TraceEvent[];
  /** Series sampled so far, on the grid given at creation. */
  series(): Series;
  counters(): Readonly<Record<string, number>>;
  /** A goroutine dump in the runtime's own text format (`goroutine 18 [chan receive]:` ...). */
  dump(): string;
  /**
   * The goroutines folded by stack (`/debug/pprof/goroutine?debug=1`), built without the dump's
   * text; null or absent where a scenario writes its own dump.
   */
  goroutineProfile?(): GoroutineProfile | null;
}

/**
 * Goroutines folded by identical stack, as `/debug/pprof/goroutine?debug=1` prints them: a count
 * per stack and its frames, innermost first, and nothing else (no ids, wait states or creators).
 */
export interface GoroutineProfile {
  readonly total: number;
  /** Largest first (ties in the order first seen). */
  readonly groups: readonly {
    readonly count: number;
    readonly frames: readonly {
      readonly func: string;
      readonly file: string;
      readonly line: number;
    }[];
    /**
     * Not in the profile's text: the first goroutine of the group, as a team fetches one
     * goroutine's full `debug=2` record to see who created a large group (the `created by`
     * line names an AfterFunc callback, whose frames alone do not).
     */
    readonly first: {
      readonly id: number;
      readonly createdBy?: { readonly func: string; readonly file: string; readonly line: number };
    };
  }[];
}

export interface SimOptions {
  readonly seed: number;
  /** Sample interval of the series, ns. */
  readonly sampleNs: number;
  /** Trace ring capacity (events kept for `trace()`); 0 turns tracing off (CLI, bench). */
  readonly traceCapacity?: number;
}

export interface Scenario<S extends ParamSchema = ParamSchema> {
  readonly id: string;
  readonly title: string;
  /** One paragraph: what the scenario shows. */
  readonly summary: string;
  readonly params: S;
  /** The Go program the model mirrors; for leak scenarios, the buggy one first. */
  readonly sources: readonly GoSource[];
  /** Names of the series and counters it reports (design.md's table). */
  readonly seriesNames: readonly string[];
  readonly counterNames: readonly string[];
  /** How much virtual time a default run covers for these params, ns. */
  horizonNs(values: ParamValues<S>): number;
  /**
   * Sample interval for runs that do not choose one (the CLI without --sample), ns. Scenarios whose
   * whole story lasts microseconds (stack-growth) set it; the CLI falls back to 500ms.
   */
  defaultSampleNs?(values: ParamValues<S>): number;
  create(values: ParamValues<S>, options: SimOptions): Simulation;
}
