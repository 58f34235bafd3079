/**
 * The observability run without the incidents' code: its params, and the simulation that runs an
 * already-loaded incident model and samples it as a dashboard would. ./observability.ts is the
 * scenario the CLI and the tests run (it loads all three incidents); the widget loads only the
 * chosen one (./observability-incidents.ts), which keeps the other two out of its JS.
 *
 * Every incident is an HTTP server taking `qps` requests a second for the whole run: the
 * timeout-handler scenario's own server (./observability-timeout.ts), and for the other two, their
 * incident inside a handler (./observability-afterfunc.ts, ./observability-once.ts, on the server
 * of ./observability-server.ts). The afterfunc-leak and once-stall scenarios stay as the reference
 * programs run them: a loop, not a server.
 *
 * Each sample (on the incident's own grid) holds:
 * - goroutines: `runtime.NumGoroutine()` (the incident's own series);
 * - heapBytes: HeapAlloc as the afterfunc scenario counts it: a 48 KiB base, the bytes pending
 *   timers hold (closure, captured buffer, timer) and their heaps' slices, one `g` struct per
 *   goroutine ever created (allgs never shrinks), and net/http's buffers: each open connection's
 *   read and write buffers, each unanswered request's response buffer. Sudogs are left out.
 * - openConns: connections the clients have opened to the server (the model closes none: a
 *   client whose request is never answered keeps its connection and dials another);
 * - inFlight: requests sent and not answered yet (./observability-requests.ts);
 * - latencyMs: the mean latency of the requests answered since the previous sample, by Little's
 *   law over the sample: the time integral of the in-flight count (summed every millisecond of
 *   virtual time, from the state before that instant's events) divided by the requests answered
 *   in it. NaN when none was answered (a sync.Once whose f blocks answers no request at all).
 *
 * The alert rule is not part of the run (./alert-rule.ts evaluates it over these series), so a
 * reader can move its threshold without re-running hours of traffic.
 */
import type { Sched } from '../model/state.ts';
import { G_STRUCT_BYTES, timerSliceBytes } from '../model/stdlib/heap-bytes.ts';
import { StdlibSimulation } from '../model/stdlib/simulation.ts';
import { HOUR, MILLISECOND, MINUTE, SECOND } from './duration.ts';
import { goVersionParam } from './go/go-version.ts';
import { requestFigures } from './observability-requests.ts';
import type {
  Checkpoint,
  GoSource,
  GoroutineProfile,
  ParamValues,
  SimOptions,
  Series,
  Simulation,
  TraceEvent,
  View,
} from './types.ts';

export const OBSERVABILITY_TITLE =
  'A goroutine leak on the dashboard: alert, detect, find the incident';

export const INCIDENTS = ['timeout-handler', 'afterfunc-leak', 'once-stall'] as const;
export type Incident = (typeof INCIDENTS)[number];

/** What the run needs of an incident: its Go programs (buggy, fixed, ...) and a run of them. */
export interface IncidentModel {
  readonly sources: readonly GoSource[];
  create(v: ObservabilityValues, options: SimOptions): Simulation;
}

/** An incident with its model, loaded. */
export interface LoadedIncident {
  readonly incident: Incident;
  readonly model: IncidentModel;
}

export const observabilityParams = {
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
    help: 'Traffic: HTTP requests per second, each served by the incident’s handler.',
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
    help: 'f blocks: the report collector stalls, so every watchdog that fires parks on its send; never stopped: each pending watchdog holds its request’s body until it fires.',
    options: ['blockingf', 'nostop'],
    optionLabels: ['f blocks', 'never stopped'],
    default: 'blockingf',
  },
  delay: {
    kind: 'duration',
    label: 'AfterFunc delay',
    help: 'How long each request’s watchdog waits before f runs.',
    minNs: 10 * 1_000_000,
    maxNs: HOUR,
    defaultNs: 2 * SECOND,
    log: true,
  },
  payload: {
    kind: 'int',
    label: 'Captured bytes (AfterFunc)',
    help: 'Size of the request body each watchdog’s closure captures.',
    min: 0,
    max: 1 << 20,
    default: 4096,
    log: true,
    unit: 'B',
  },
  onceMode: {
    kind: 'enum',
    label: 'Bug (sync.Once)',
    help: 'block: the load never returns and no request is ever answered; panic: it panics and every request gets a 503.',
    options: ['block', 'panic'],
    optionLabels: ['f blocks', 'f panics'],
    default: 'block',
  },
  go: goVersionParam,
} as const;

export type ObservabilityValues = ParamValues<typeof observabilityParams>;

export const OBSERVABILITY_SERIES = [
  'goroutines',
  'heapBytes',
  'openConns',
  'inFlight',
  'latencyMs',
] as const;

/** About 360 samples over the run, on whole seconds: 5s for 30 minutes, 10s for an hour. */
export function observabilitySampleNs(v: ObservabilityValues): number {
  return Math.max(SECOND, Math.round(v.duration / 360 / SECOND) * SECOND);
}

/** The Go program the run executes: the incident's buggy or fixed version. */
export function incidentSource(
  v: ObservabilityValues,
  loaded: LoadedIncident,
): GoSource | undefined {
  return loaded.model.sources[v.fix ? 1 : 0];
}

/** See the file comment: the afterfunc scenario's HeapAlloc without sudogs. */
const BASE_HEAP_BYTES = 48 * 1024;
/**
 * conn.serve holds a 4 KiB bufio.Reader and a 4 KiB bufio.Writer for as long as the connection is
 * open; readRequest gives each request a response writer of bufferBeforeChunkingSize (2 KiB),
 * held until the handler returns.
 * @see https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go (conn.serve, readRequest)
 */
const CONN_BUFFER_BYTES = 4096 + 4096;
const RESPONSE_BUFFER_BYTES = 2048;
function heapBytes(s: Sched, openConns: number, inFlight: number): number {
  const st = s.stdlib;
  let slices = 0;
  if (st !== undefined) for (const n of st.timers.maxHeapLen) slices += timerSliceBytes(n);
  const http = openConns * CONN_BUFFER_BYTES + inFlight * RESPONSE_BUFFER_BYTES;
  return (
    BASE_HEAP_BYTES + (st?.timers.heldBytes ?? 0) + slices + s.allgs.length * G_STRUCT_BYTES + http
  );
}

/** What is read from the state itself (the rest comes from the incident's series). */
interface StateFigures {
  readonly heapBytes: number;
  readonly openConns: number;
  readonly sent: number;
  readonly inFlight: number;
}

/**
 * The in-flight count is integrated in steps of this much virtual time (of the sample interval,
 * when that is not a whole number of them: a CLI run with an odd --sample).
 */
const TICK_NS = MILLISECOND;
function tickOf(sampleNs: number): number {
  return sampleNs % TICK_NS === 0 ? TICK_NS : sampleNs;
}

/** The figures kept per sample grid point, and how far the in-flight integral has got. */
interface Samples {
  readonly heap: number[];
  readonly conns: number[];
  readonly sent: number[];
  readonly inFlight: number[];
  /** ∫ in-flight dt up to each grid point, request·ns. */
  readonly area: number[];
  /** The last tick counted, and the integral up to it. */
  countedTo: number;
  areaSoFar: number;
}

function emptySamples(): Samples {
  return { heap: [], conns: [], sent: [], inFlight: [], area: [], countedTo: 0, areaSoFar: 0 };
}

function copySamples(s: Samples): Samples {
  return {
    heap: [...s.heap],
    conns: [...s.conns],
    sent: [...s.sent],
    inFlight: [...s.inFlight],
    area: [...s.area],
    countedTo: s.countedTo,
    areaSoFar: s.areaSoFar,
  };
}

/** A copy of the whole state: the incident run's and the figures sampled so far. */
interface FullCheckpoint extends Checkpoint {
  readonly inner: Checkpoint;
  readonly samples: Samples;
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
 * The incident's simulation, with the state figures taken on a tick grid: the figures of tick p
 * are the state's before the first event at or after p (as the engine samples its own grid).
 * Every call into the incident run processes at most one event (step) or ends just before a tick
 * (runUntil), so the figures read after a call are the ones of every tick up to the next event.
 */
class ObservabilitySimulation implements Simulation {
  private samples: Samples = emptySamples();
  private figures: StateFigures;
  private measuredAt = -1;
  private readonly initial: ObservabilityCheckpoint;
  private lastFull: FullCheckpoint | null = null;
  private readonly tickNs: number;

  constructor(
    private readonly inner: StdlibSimulation,
    private readonly values: ObservabilityValues,
    private readonly sampleNs: number,
  ) {
    this.tickNs = tickOf(sampleNs);
    this.figures = this.measure();
    this.initial = this.checkpoint();
  }

  private get state(): Sched {
    return this.inner.engine.state;
  }

  private measure(): StateFigures {
    const s = this.state;
    this.measuredAt = s.events;
    const requests = requestFigures(s);
    const openConns = s.stdlib?.http.conns.length ?? 0;
    return {
      heapBytes: heapBytes(s, openConns, requests.inFlight),
      openConns,
      sent: requests.sent,
      inFlight: requests.inFlight,
    };
  }

  private remeasure(): void {
    if (this.state.events !== this.measuredAt) this.figures = this.measure();
  }

  /** Counts the ticks up to `upTo` with the current figures, and the grid points among them. */
  private countTo(upTo: number): void {
    const f = this.figures;
    const m = this.samples;
    const S = this.sampleNs;
    const end = Math.floor(upTo / this.tickNs) * this.tickNs;
    for (let g = (Math.floor(m.countedTo / S) + 1) * S; g <= end; g += S) {
      m.areaSoFar += f.inFlight * (g - m.countedTo);
      m.countedTo = g;
      m.heap.push(f.heapBytes);
      m.conns.push(f.openConns);
      m.sent.push(f.sent);
      m.inFlight.push(f.inFlight);
      m.area.push(m.areaSoFar);
    }
    if (end > m.countedTo) {
      m.areaSoFar += f.inFlight * (end - m.countedTo);
      m.countedTo = end;
    }
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
    // The event just run is at nowNs: every tick up to it saw the state from before it.
    this.countTo(this.inner.nowNs);
    this.remeasure();
    return more && !this.done;
  }

  runUntil(tNs: number): void {
    const m = this.samples;
    for (let p = m.countedTo + this.tickNs; p <= tNs && !this.inner.done; p += this.tickNs) {
      this.inner.runUntil(p - 1);
      this.remeasure();
      this.countTo(p);
    }
    if (this.inner.done) return;
    this.inner.runUntil(tNs);
    this.remeasure();
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
      samples: copySamples(this.samples),
    };
    this.lastFull = full;
    return full;
  }

  restore(c: Checkpoint): void {
    const base = (c as Partial<ObservabilityCheckpoint>).base;
    if (base === undefined) throw new Error('restore: not a checkpoint of an observability run');
    this.inner.restore(base.inner);
    this.samples = copySamples(base.samples);
    this.figures = this.measure();
    this.lastFull = base;
    while (this.events < c.events && this.step());
  }

  view(maxGs?: number): View {
    return this.inner.view(maxGs);
  }

  trace(afterSeq?: number): readonly TraceEvent[] {
    return this.inner.trace(afterSeq);
  }

  series(): Series {
    return dashboardSeries(this.inner.series(), this.samples, this.values.duration);
  }

  counters(): Readonly<Record<string, number>> {
    const c = this.inner.counters();
    return { ...c, requests: c['sent'] ?? 0, goroutines: this.state.ngLive };
  }

  dump(): string {
    return this.inner.dump();
  }

  goroutineProfile(): GoroutineProfile | null {
    return this.inner.goroutineProfile();
  }
}

/**
 * The dashboard's series: the incident's goroutines (cut at the dashboard's duration), the state
 * figures of the same grid points, and each sample's mean latency by Little's law.
 */
function dashboardSeries(incident: Series, m: Samples, durationNs: number): Series {
  const t = incident.t_ms;
  let n = 0;
  while (n < t.length && n < m.heap.length && (t[n] as number) <= durationNs / 1e6) n++;
  const latencyMs: number[] = [];
  for (let i = 0; i < n; i++) {
    const answered = (j: number): number =>
      j < 0 ? 0 : (m.sent[j] as number) - (m.inFlight[j] as number);
    const done = answered(i) - answered(i - 1);
    const area = (m.area[i] as number) - (i === 0 ? 0 : (m.area[i - 1] as number));
    latencyMs.push(done > 0 ? area / done / MILLISECOND : Number.NaN);
  }
  return {
    t_ms: t.slice(0, n),
    goroutines: (incident['goroutines'] ?? []).slice(0, n),
    heapBytes: m.heap.slice(0, n),
    openConns: m.conns.slice(0, n),
    inFlight: m.inFlight.slice(0, n),
    latencyMs,
  };
}

/** The observability run of `values` over the incident `loaded` (which must be values.incident). */
export function createObservabilityRun(
  values: ObservabilityValues,
  options: SimOptions,
  loaded: LoadedIncident,
): Simulation {
  if (loaded.incident !== values.incident)
    throw new Error(`observability: ${values.incident} asked, ${loaded.incident} loaded`);
  const sampleNs = options.sampleNs;
  const inner = loaded.model.create(values, { ...options, sampleNs });
  if (!(inner instanceof StdlibSimulation))
    throw new Error(`observability: ${values.incident} does not run on the stdlib model`);
  return new ObservabilitySimulation(inner, values, sampleNs);
}
