/**
 * afterfunc-leak: `time.AfterFunc` called at `rate` per second for `load`, each closure capturing
 * a `payload`-byte buffer (reference/go/afterfunc). While a timer is pending it is an entry in a
 * P's timer heap holding its closure, not a goroutine; when it fires, f runs in a new goroutine.
 *
 * - nostop: heap grows by ~payload per pending timer, then falls as they fire; goroutines flat.
 * - stop: each timer is stopped at once (the fix: `defer t.Stop()`): nothing is held.
 * - blockingf: f blocks on a channel nobody reads: one goroutine per fired timer, from `delay` on,
 *   forever.
 */
import { lineOf } from './go/source-lines.ts';
import { afterFuncBuggy, afterFuncFixed } from './go/afterfunc-leak-go.ts';
import { goMinorOf, goVersionParam } from './go/go-version.ts';
import { MILLISECOND, SECOND } from './duration.ts';
import type { Program } from '../model/program.ts';
import type { StdlibOp } from '../model/stdlib/ops-index.ts';
import type { Sched } from '../model/state.ts';
import { StdlibSimulation } from '../model/stdlib/simulation.ts';
import {
  AFTERFUNC_TIMER_BYTES,
  G_STRUCT_BYTES,
  SUDOG_BYTES,
  allocBytes,
  timerSliceBytes,
} from '../model/stdlib/heap-bytes.ts';
import type { ParamValues, Scenario } from './types.ts';
import { idValues } from '../model/stdlib/id-table.ts';

const params = {
  mode: {
    kind: 'enum',
    label: 'Mode',
    help: 'nostop: timers never stopped; stop: stopped at once (the fix); blockingf: f blocks forever.',
    options: ['nostop', 'stop', 'blockingf'],
    optionLabels: ['never stopped', 'defer t.Stop() (fixed)', 'f blocks'],
    default: 'nostop',
  },
  rate: {
    kind: 'int',
    label: 'AfterFunc calls per second',
    help: 'How many timers the loop starts each second.',
    min: 1,
    max: 5000,
    default: 1000,
    log: true,
    unit: '/s',
  },
  delay: {
    kind: 'duration',
    label: 'AfterFunc delay',
    help: 'How long each timer waits before f runs.',
    minNs: 1 * MILLISECOND,
    maxNs: 60 * SECOND,
    defaultNs: 2 * SECOND,
    log: true,
  },
  load: {
    kind: 'duration',
    label: 'Load',
    help: 'How long the calls keep coming.',
    minNs: 100 * MILLISECOND,
    maxNs: 60 * SECOND,
    defaultNs: 2 * SECOND,
  },
  payload: {
    kind: 'int',
    label: 'Captured bytes',
    help: 'Size of the buffer each closure captures.',
    min: 0,
    max: 1 << 20,
    default: 4096,
    log: true,
    unit: 'B',
  },
  go: goVersionParam,
} as const;

type Values = ParamValues<typeof params>;

/**
 * The heap the program itself holds at rest (the runtime's own objects, flag values...):
 * HeapAlloc of the reference run in `stop` mode, where no timer is ever pending: 48 KiB.
 */
const BASE_HEAP_BYTES = 48 * 1024;

/**
 * The closure passed to AfterFunc: a function pointer plus the captured `buf` slice header (24),
 * `mode`, `block` and `&fired` (8 each): 56 bytes, in the 64-byte class.
 */
const CLOSURE_BYTES = allocBytes(56);

/** The reference samples until load + delay + 1s; main.main returns at its first wake after. */
function sampledFor(v: Values): number {
  return v.load + v.delay + SECOND;
}

/** Room for main.main to return on its own after its last sample. */
function horizon(v: Values): number {
  return sampledFor(v) + SECOND;
}

/** HeapAlloc as the reference measures it (after a forced GC): what is still reachable. */
function heapBytes(s: Sched): number {
  const st = s.stdlib;
  if (st === undefined) return BASE_HEAP_BYTES;
  let parkedOnChans = 0;
  for (const c of idValues(st.chans.chans)) parkedOnChans += c.recvq.length + c.sendq.length;
  let slices = 0;
  for (const n of st.timers.maxHeapLen) slices += timerSliceBytes(n);
  return (
    BASE_HEAP_BYTES +
    st.timers.heldBytes +
    slices +
    // G structs are never freed (allgs only grows); parked Gs also hold a sudog.
    s.allgs.length * G_STRUCT_BYTES +
    parkedOnChans * SUDOG_BYTES
  );
}

/** One P's timer heap as a stage draws it: the func timers pending there and what they hold. */
export interface TimerHeapView {
  readonly p: number;
  readonly timers: number;
  readonly bytes: number;
}

/** Pending func timers per P (channel timers left out, as in `pendingTimers`). */
function timerHeaps(s: Sched): TimerHeapView[] {
  const st = s.stdlib;
  if (st === undefined) return [];
  const heaps = st.timers.heaps.map((_, p) => ({ p, timers: 0, bytes: 0 }));
  for (const t of idValues(st.timers.timers)) {
    const heap = heaps[t.p];
    if (!t.pending || t.isChan || heap === undefined) continue;
    heap.timers += 1;
    heap.bytes += t.bytes;
  }
  return heaps;
}

/** Index of `main.main.func1.1` (f, run by `goFunc` when a timer fires) in `programs`. */
const TIMER_F_PROG = 2;

/** Goroutines running f right now (blocked in it, for blockingf): none exist while timers wait. */
function timerGoroutines(s: Sched): number {
  let n = 0;
  for (const g of s.allgs) if (g.status !== '_Gdead' && g.prog === TIMER_F_PROG) n += 1;
  return n;
}

function programs(v: Values): Program[] {
  const fixed = v.mode === 'stop';
  const src = fixed ? afterFuncFixed : afterFuncBuggy;
  const at = (needle: string): number => lineOf(src, needle);
  const file = '/srv/app/afterfunc/main.go';
  const main: StdlibOp[] = [
    { kind: 'chan.make', cap: 0, dst: 0, line: at(fixed ? 'reports := make' : 'block := make') },
    { kind: 'std.go', prog: 1, pass: [0], line: at('go func() {') },
    {
      kind: 'std.whileBefore',
      untilNs: sampledFor(v),
      exit: 5,
      line: at('*load+*delay+time.Second'),
    },
    { kind: 'sleep', ns: 250 * MILLISECOND, line: at('time.Sleep(250') },
    { kind: 'std.jump', to: 2, line: at('time.Sleep(250') },
  ];
  const bytes = allocBytes(v.payload) + CLOSURE_BYTES + AFTERFUNC_TIMER_BYTES;
  const loop: StdlibOp[] = [
    {
      kind: 'time.NewTicker',
      periodNs: Math.floor(SECOND / v.rate),
      dst: 1,
      line: at('tick := time.NewTicker'),
    },
    {
      kind: 'std.whileBefore',
      untilNs: v.load,
      exit: fixed ? 7 : 6,
      line: at('for time.Since(start) < *load {'),
    },
    { kind: 'chan.recv', chan: 1, line: at('<-tick.C') },
    { kind: 'std.take', line: at('<-tick.C') },
    {
      kind: 'time.AfterFunc',
      delayNs: v.delay,
      fn: 'main.main.func1.1',
      arg: 0,
      bytes,
      dst: 3,
      line: at('t := time.AfterFunc('),
    },
    ...(fixed ? [{ kind: 'timer.Stop', timer: 3, line: at('defer t.Stop()') } as const] : []),
    { kind: 'std.jump', to: 1, line: at('for time.Since(start) < *load {') },
    { kind: 'timer.Stop', timer: 2, line: at('defer tick.Stop()') },
  ];
  const f: StdlibOp[] = [{ kind: 'std.count', name: 'fired', delta: 1, line: at('fired.Add(1)') }];
  if (v.mode === 'blockingf') f.push({ kind: 'chan.recv', chan: 0, line: at('<-block') });
  if (fixed) {
    f.push({
      kind: 'select',
      cases: [{ dir: 'send', chan: 0, value: v.payload }],
      hasDefault: true,
      line: at('case reports <- len(buf):'),
    });
  }
  return [
    { func: 'main.main', file, line: at('func main() {'), role: 'main', ops: main },
    { func: 'main.main.func1', file, line: at('go func() {'), role: 'load', ops: loop },
    { func: 'main.main.func1.1', file, line: at('t := time.AfterFunc('), role: 'timer-f', ops: f },
  ];
}

export const afterfuncLeak: Scenario<typeof params> = {
  id: 'afterfunc-leak',
  title: 'time.AfterFunc: timers hold memory, blocked timer functions hold goroutines',
  summary:
    'A loop starts time.AfterFunc timers whose closures capture a buffer. A pending timer is an entry in a P’s timer heap, holding its closure but no goroutine; when it fires, f runs in a new goroutine. Never stopped, the timers hold payload × pending bytes until they fire; stopped, nothing is held; if f blocks, every fired timer leaves a goroutine behind.',
  params,
  sources: [afterFuncBuggy, afterFuncFixed],
  seriesNames: ['goroutines', 'pendingTimers', 'fired', 'heapBytes'],
  counterNames: ['fired'],
  horizonNs: horizon,
  // The reference samples every 250ms.
  defaultSampleNs: () => 250 * MILLISECOND,
  create(values, options) {
    return new StdlibSimulation(
      {
        programs: programs(values),
        gomaxprocs: 2,
        asyncPreempt: true,
        horizonNs: horizon(values),
        goMinor: goMinorOf(values.go),
        seriesNames: this.seriesNames,
        stdlib: {},
        sampleExtra: (s) => ({
          pendingTimers: s.stdlib?.timers.pendingFunc ?? 0,
          fired: s.counters['fired'] ?? 0,
          heapBytes: heapBytes(s),
        }),
        countersExtra: (s) => ({ fired: s.counters['fired'] ?? 0 }),
        viewExtra: (s) => ({
          pendingTimers: s.stdlib?.timers.pendingFunc ?? 0,
          heapBytes: heapBytes(s),
          timerHeaps: timerHeaps(s),
          timerGoroutines: timerGoroutines(s),
        }),
      },
      options,
    );
  },
};
