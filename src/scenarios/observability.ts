/**
 * observability: one of the three incidents at production scale, as a dashboard would see it.
 * The run is the incident's own scenario (its programs, its stdlib model) at the chosen rate for
 * hours; this scenario only samples it on a coarse grid and adds what a dashboard plots:
 *
 * - goroutines: `runtime.NumGoroutine()` at each sample (the incident's own series);
 * - heapBytes: HeapAlloc as the afterfunc scenario counts it: a 48 KiB base, the bytes pending
 *   timers hold (closure, captured buffer, timer) and their heaps' slices, and one `g` struct per
 *   goroutine ever created (allgs never shrinks). Sudogs and request buffers are left out.
 * - openConns: keep-alive connections the server holds (TimeoutHandler only; the other two
 *   incidents have no HTTP server in their model, so the series is NaN);
 * - inFlight / latencyMs (TimeoutHandler only): requests sent and not yet answered, and the mean
 *   latency of the sample's answered requests by Little's law (mean in flight ÷ answered per
 *   second), from the model's request counters.
 *
 * The alert rule is not part of the run (./alert-rule.ts evaluates it over these series), so a
 * reader can move its threshold without re-running hours of traffic.
 */
import type { Sched } from '../model/state.ts';
import { G_STRUCT_BYTES, timerSliceBytes } from '../model/stdlib/heap-bytes.ts';
import { StdlibSimulation } from '../model/stdlib/simulation.ts';
import { afterfuncLeak } from './afterfunc-leak.ts';
import { HOUR, MINUTE, SECOND } from './duration.ts';
import { goVersionParam } from './go/go-version.ts';
import { onceStall } from './once-stall.ts';
import { timeoutHandler } from './timeout-handler.ts';
import type {
  Checkpoint,
  GoSource,
  ParamValues,
  Scenario,
  Series,
  SimOptions,
  Simulation,
  TraceEvent,
  View,
} from './types.ts';

export const INCIDENTS = ['timeout-handler', 'afterfunc-leak', 'once-stall'] as const;
export type Incident = (typeof INCIDENTS)[number];

const params = {
  incident: {
    kind: 'enum',
    label: 'Incident',
    help: 'Which of the three incidents the service has.',
    options: INCIDENTS,
    optionLabels: ['TimeoutHandler', 'time.AfterFunc', 'sync.Once'],
    default: 'timeout-handler',
  },
  fix: {
    kind: 'bool',
    label: 'Fix deployed',
    help: 'Run the fixed program: ctx honoured, defer t.Stop(), bounded retrying init.',
    default: false,
  },
  qps: {
    kind: 'int',
    label: 'Requests per second',
    help: 'Traffic: requests (AfterFunc calls, GetConfig calls) per second.',
    min: 1,
    max: 1000,
    default: 20,
    log: true,
    unit: '/s',
  },
  duration: {
    kind: 'duration',
    label: 'Duration',
    help: 'How much virtual time the dashboard covers.',
    minNs: MINUTE,
    maxNs: 6 * HOUR,
    defaultNs: 30 * MINUTE,
  },
  work: {
    kind: 'duration',
    label: 'Handler work (TimeoutHandler)',
    help: 'How long the slow downstream call inside the handler takes.',
    minNs: 10 * 1_000_000,
    maxNs: HOUR,
    defaultNs: 10 * MINUTE,
    log: true,
  },
  timeout: {
    kind: 'duration',
    label: 'Timeout (TimeoutHandler)',
    help: 'When TimeoutHandler answers 503.',
    minNs: 10 * 1_000_000,
    maxNs: MINUTE,
    defaultNs: SECOND,
    log: true,
  },
  afterfuncMode: {
    kind: 'enum',
    label: 'Bug (AfterFunc)',
    help: 'blockingf: f blocks forever; nostop: timers never stopped (they hold memory).',
    options: ['blockingf', 'nostop'],
    optionLabels: ['f blocks', 'never stopped'],
    default: 'blockingf',
  },
  delay: {
    kind: 'duration',
    label: 'AfterFunc delay',
    help: 'How long each timer waits before f runs.',
    minNs: 10 * 1_000_000,
    maxNs: HOUR,
    defaultNs: 2 * SECOND,
    log: true,
  },
  payload: {
    kind: 'int',
    label: 'Captured bytes (AfterFunc)',
    help: 'Size of the buffer each AfterFunc closure captures.',
    min: 0,
    max: 1 << 20,
    default: 4096,
    log: true,
    unit: 'B',
  },
  onceMode: {
    kind: 'enum',
    label: 'Bug (sync.Once)',
    help: 'block: the load never returns; panic: it panics and every later call gets nil.',
    options: ['block', 'panic'],
    optionLabels: ['f blocks', 'f panics'],
    default: 'block',
  },
  go: goVersionParam,
} as const;

export type ObservabilityValues = ParamValues<typeof params>;

const SERIES = ['goroutines', 'heapBytes', 'openConns', 'inFlight', 'latencyMs'] as const;
const COUNTERS = ['requests', 'goroutines'] as const;

/** About 360 samples over the run, on whole seconds: 5s for 30 minutes, 10s for an hour. */
export function observabilitySampleNs(v: ObservabilityValues): number {
  return Math.max(SECOND, Math.round(v.duration / 360 / SECOND) * SECOND);
}

/** The incident's own scenario and its values for this service. */
function incidentRun(v: ObservabilityValues, options: SimOptions): Simulation {
  const load = v.duration;
  switch (v.incident as Incident) {
    case 'timeout-handler':
      return timeoutHandler.create(
        {
          qps: v.qps,
          work: v.work,
          timeout: v.timeout,
          load,
          ctx: v.fix,
          total: load,
          go: v.go,
        },
        options,
      );
    case 'afterfunc-leak':
      return afterfuncLeak.create(
        {
          mode: v.fix ? 'stop' : v.afterfuncMode,
          rate: v.qps,
          delay: v.delay,
          load,
          payload: v.payload,
          go: v.go,
        },
        options,
      );
    case 'once-stall':
      return onceStall.create(
        { mode: v.fix ? 'fixed' : v.onceMode, qps: v.qps, load, go: v.go },
        options,
      );
  }
}

/** See the file comment: the afterfunc scenario's HeapAlloc without sudogs. */
const BASE_HEAP_BYTES = 48 * 1024;
function heapBytes(s: Sched): number {
  const st = s.stdlib;
  let slices = 0;
  if (st !== undefined) for (const n of st.timers.maxHeapLen) slices += timerSliceBytes(n);
  return BASE_HEAP_BYTES + (st?.timers.heldBytes ?? 0) + slices + s.allgs.length * G_STRUCT_BYTES;
}

/** What is sampled from the state itself (the rest comes from the incident's series). */
interface StateFigures {
  readonly heapBytes: number;
  readonly openConns: number;
}

function stateFigures(s: Sched, http: boolean): StateFigures {
  return {
    heapBytes: heapBytes(s),
    openConns: http ? (s.stdlib?.http.conns.length ?? 0) : Number.NaN,
  };
}

/** A copy of the whole state: the incident run's and the figures sampled so far. */
interface FullCheckpoint extends Checkpoint {
  readonly inner: Checkpoint;
  readonly heap: readonly number[];
  readonly conns: readonly number[];
}

/**
 * What `checkpoint()` hands out: the latest full copy at or before it, and the event to replay
 * to from there. A run leaking goroutines for hours holds hundreds of thousands of them, and a
 * full copy (a structured clone) costs in proportion, so full copies are spaced by the state's
 * size: at least MIN_COPY_GAP events apart, and FULL_COPY_EVENTS_PER_G events per goroutine
 * slot, which keeps their cost to a fraction of the run's while a step back replays at most
 * that many events. Restoring then running forward gives exactly the straight run either way.
 */
interface ObservabilityCheckpoint extends Checkpoint {
  readonly base: FullCheckpoint;
}
const MIN_COPY_GAP = 65_536;
const FULL_COPY_EVENTS_PER_G = 50;

/**
 * The incident's simulation, with the state figures taken exactly on its sample grid: the
 * engine samples grid point g, before the first event at or after g, with the state as it
 * stood; here every call into the incident run processes at most one such event, and first, so
 * the figures of the state before the call are the ones of that instant.
 */
class ObservabilitySimulation implements Simulation {
  private readonly heap: number[] = [];
  private readonly conns: number[] = [];
  private figures: StateFigures;
  private readonly initial: ObservabilityCheckpoint;
  private lastFull: FullCheckpoint | null = null;

  constructor(
    private readonly inner: StdlibSimulation,
    private readonly values: ObservabilityValues,
    private readonly sampleNs: number,
  ) {
    this.figures = this.measure();
    this.initial = this.checkpoint();
  }

  private get http(): boolean {
    return this.values.incident === 'timeout-handler';
  }
  private get state(): Sched {
    return this.inner.engine.state;
  }
  private measure(): StateFigures {
    return stateFigures(this.state, this.http);
  }
  /** Gives the samples the incident run took since the last call the figures from before it. */
  private absorb(): void {
    const n = this.state.series['t_ms']?.length ?? 0;
    while (this.heap.length < n) {
      this.heap.push(this.figures.heapBytes);
      this.conns.push(this.figures.openConns);
    }
    this.figures = this.measure();
  }

  get nowNs(): number {
    return this.inner.nowNs;
  }
  get events(): number {
    return this.inner.events;
  }
  get done(): boolean {
    return this.inner.done || this.inner.nowNs >= this.values.duration;
  }
  get fatal(): string | null {
    return this.inner.fatal;
  }

  step(): boolean {
    const more = this.inner.step();
    this.absorb();
    return more && !this.done;
  }

  runUntil(tNs: number): void {
    const S = this.sampleNs;
    while (!this.inner.done) {
      const g = this.state.nextSampleNs;
      if (g > tNs) {
        this.inner.runUntil(tNs);
        this.absorb();
        return;
      }
      // Everything before the grid point, then the event that samples it and what follows up to
      // the next grid point (later and later windows while nothing happens in one).
      this.inner.runUntil(g - 1);
      this.absorb();
      const before = this.inner.events;
      let stop = g;
      for (let k = 1; this.inner.events === before && stop < tNs && !this.inner.done; k++) {
        stop = Math.min(tNs, g + k * S - 1);
        this.inner.runUntil(stop);
      }
      this.absorb();
      if (stop >= tNs) return;
    }
  }

  runToEvent(n: number): void {
    if (n < this.events) this.restore(this.initial);
    while (this.events < n && this.step());
  }

  checkpoint(): ObservabilityCheckpoint {
    const gap = Math.max(MIN_COPY_GAP, FULL_COPY_EVENTS_PER_G * this.state.allgs.length);
    const last = this.lastFull;
    const base = last === null || this.events - last.events >= gap ? this.fullCopy() : last;
    return { nowNs: this.nowNs, events: this.events, base };
  }

  private fullCopy(): FullCheckpoint {
    const inner = this.inner.checkpoint();
    const full = {
      nowNs: inner.nowNs,
      events: inner.events,
      inner,
      heap: [...this.heap],
      conns: [...this.conns],
    };
    this.lastFull = full;
    return full;
  }

  restore(c: Checkpoint): void {
    const base = (c as Partial<ObservabilityCheckpoint>).base;
    if (base === undefined) throw new Error('restore: not a checkpoint of an observability run');
    this.inner.restore(base.inner);
    this.heap.splice(0, Infinity, ...base.heap);
    this.conns.splice(0, Infinity, ...base.conns);
    this.figures = this.measure();
    this.lastFull = base;
    while (this.events < c.events && this.inner.step()) this.absorb();
  }

  view(maxGs?: number): View {
    return this.inner.view(maxGs);
  }

  trace(afterSeq?: number): readonly TraceEvent[] {
    return this.inner.trace(afterSeq);
  }

  series(): Series {
    return dashboardSeries(this.inner.series(), this.heap, this.conns, this.values.duration);
  }

  counters(): Readonly<Record<string, number>> {
    const c = this.inner.counters();
    const requests = c['sent'] ?? c['calls'] ?? c['fired'] ?? 0;
    return { ...c, requests, goroutines: this.state.ngLive };
  }

  dump(): string {
    return this.inner.dump();
  }
}

/**
 * The dashboard's series from the incident's (cut at the dashboard's duration): in-flight
 * requests and the mean latency of each sample's answered requests by Little's law, where the
 * incident has requests and answers (TimeoutHandler).
 */
function dashboardSeries(
  incident: Series,
  heap: readonly number[],
  conns: readonly number[],
  durationNs: number,
): Series {
  const t = incident.t_ms;
  let n = 0;
  while (n < t.length && n < heap.length && (t[n] as number) <= durationNs / 1e6) n++;
  const goroutines = (incident['goroutines'] ?? []).slice(0, n);
  const sent = incident['sent'];
  const ok = incident['status200'];
  const unavailable = incident['status503'];
  const inFlight: number[] = [];
  const latencyMs: number[] = [];
  for (let i = 0; i < n; i++) {
    if (sent === undefined || ok === undefined || unavailable === undefined) {
      inFlight.push(Number.NaN);
      latencyMs.push(Number.NaN);
      continue;
    }
    const answered = (i: number): number => (ok[i] ?? 0) + (unavailable[i] ?? 0);
    inFlight.push((sent[i] ?? 0) - answered(i));
    const prevT = i === 0 ? 0 : (t[i - 1] as number);
    const done = answered(i) - (i === 0 ? 0 : answered(i - 1));
    const meanInFlight =
      ((i === 0 ? 0 : (inFlight[i - 1] as number)) + (inFlight[i] as number)) / 2;
    const perMs = done / ((t[i] as number) - prevT);
    latencyMs.push(done > 0 ? meanInFlight / perMs : Number.NaN);
  }
  return {
    t_ms: t.slice(0, n),
    goroutines,
    heapBytes: heap.slice(0, n),
    openConns: conns.slice(0, n),
    inFlight,
    latencyMs,
  };
}

function sourcesOf(): readonly GoSource[] {
  return [...timeoutHandler.sources, ...afterfuncLeak.sources, ...onceStall.sources];
}

/** The Go program the run executes: the incident's buggy or fixed version. */
export function incidentSource(v: ObservabilityValues): GoSource | undefined {
  const scenario = {
    'timeout-handler': timeoutHandler,
    'afterfunc-leak': afterfuncLeak,
    'once-stall': onceStall,
  }[v.incident as Incident];
  return scenario.sources[v.fix ? 1 : 0];
}

export const observability: Scenario<typeof params> = {
  id: 'observability',
  title: 'A goroutine leak on the dashboard: alert, detect, find the incident',
  summary:
    'One of the three incidents at production traffic for hours of virtual time, sampled as a dashboard would: goroutines, heap, open connections, requests in flight and latency. An alert on the goroutine count (a threshold, a rate of growth over a window, held for a while) fires when the series say so, and the goroutine dump at that moment points at the incident; with the fix deployed the alert stays quiet.',
  params,
  sources: sourcesOf(),
  seriesNames: SERIES,
  counterNames: COUNTERS,
  horizonNs: (v) => v.duration,
  defaultSampleNs: observabilitySampleNs,
  create(values, options) {
    const sampleNs = options.sampleNs;
    const inner = incidentRun(values, { ...options, sampleNs });
    if (!(inner instanceof StdlibSimulation))
      throw new Error(`observability: ${values.incident} does not run on the stdlib model`);
    return new ObservabilitySimulation(inner, values, sampleNs);
  },
};
