/**
 * once-stall: `GetConfig` called at `qps` per second for `load`, each call in its own goroutine,
 * loading the config through a `sync.Once` (reference/go/oncestall).
 *
 * - block: f never returns; every later caller parks in `doSlow` on the Once's mutex, forever:
 *   goroutines = calls + 1 (main), never draining.
 * - panic: f panics; the Once counts as done, so every later call returns nil at once: nothing
 *   piles up, nilConfig = calls - 1.
 * - fixed: one loader goroutine retries a load bounded by a timeout; callers wait at most 50ms.
 */
import type { Program } from '../model/program.ts';
import type { World } from '../model/program.ts';
import { contextTimerFn } from '../model/stdlib/context.ts';
import { stdlibRecords } from '../model/stdlib/dump.ts';
import type { StdlibOp } from '../model/stdlib/ops-index.ts';
import { StdlibSimulation } from '../model/stdlib/simulation.ts';
import { mutexWaitReason } from '../model/stdlib/wait-reasons.ts';
import { formatDump, type GoroutineFrame } from '../model/traceback.ts';
import { MILLISECOND, SECOND } from './duration.ts';
import { goMinorOf, goVersionParam } from './go/go-version.ts';
import { onceStallBuggy, onceStallFixed } from './go/once-stall-go.ts';
import { lineOf, lineOfAfter } from './go/source-lines.ts';
import { onceCallFrame, onceDoFrame, onceLockFrames } from './go/sync-sites.ts';
import type { GoSource, ParamValues, Scenario } from './types.ts';

const params = {
  mode: {
    kind: 'enum',
    label: 'Mode',
    help: 'block: f never returns; panic: f panics; fixed: a bounded, retrying load instead of Once.',
    options: ['block', 'panic', 'fixed'],
    optionLabels: ['f blocks', 'f panics', 'bounded retry (fixed)'],
    default: 'block',
  },
  qps: {
    kind: 'int',
    label: 'Calls per second',
    help: 'How many goroutines call GetConfig each second.',
    min: 1,
    max: 5000,
    default: 100,
    log: true,
    unit: '/s',
  },
  load: {
    kind: 'duration',
    label: 'Load',
    help: 'How long the calls keep coming.',
    minNs: 100 * MILLISECOND,
    maxNs: 60 * SECOND,
    defaultNs: 3 * SECOND,
  },
  go: goVersionParam,
} as const;

type Values = ParamValues<typeof params>;

const FILE = '/srv/app/config/main.go';
/** How long a fixed caller waits for the config, and each bounded load attempt (once-stall-go.ts). */
export const CALLER_WAIT_NS = 50 * MILLISECOND;
const LOAD_TIMEOUT_NS = SECOND;
const RETRY_BACKOFF_NS = SECOND;

/** The reference samples until load + 1s; main.main returns at its first wake after. */
function sampledFor(v: Values): number {
  return v.load + SECOND;
}

function horizon(v: Values): number {
  return sampledFor(v) + SECOND;
}

/** main.main's sampling loop and the ticker goroutine that starts one caller per tick. */
function driver(src: GoSource, v: Values, caller: number, firstOps: StdlibOp[]): Program[] {
  const at = (needle: string): number => lineOf(src, needle);
  const loadLoop = at('for time.Since(start) < *load {');
  const goCaller = lineOfAfter(src, 'go func() {', loadLoop);
  const main: StdlibOp[] = [
    ...firstOps,
    {
      kind: 'std.go',
      prog: 1,
      pass: [0],
      line: lineOfAfter(src, 'go func() {', at('start := time.Now()')),
    },
  ];
  const top = main.length;
  main.push(
    {
      kind: 'std.whileBefore',
      untilNs: sampledFor(v),
      exit: top + 3,
      line: at('*load+time.Second'),
    },
    { kind: 'sleep', ns: 500 * MILLISECOND, line: at('time.Sleep(500') },
    { kind: 'std.jump', to: top, line: at('time.Sleep(500') },
  );
  const ticker: StdlibOp[] = [
    {
      kind: 'time.NewTicker',
      periodNs: Math.floor(SECOND / v.qps),
      dst: 1,
      line: at('tick := time.NewTicker'),
    },
    { kind: 'std.whileBefore', untilNs: v.load, exit: 7, line: loadLoop },
    { kind: 'chan.recv', chan: 1, line: at('<-tick.C') },
    { kind: 'std.take', line: at('<-tick.C') },
    { kind: 'std.count', name: 'calls', delta: 1, line: at('calls.Add(1)') },
    { kind: 'std.go', prog: caller, pass: [0], line: goCaller },
    { kind: 'std.jump', to: 1, line: loadLoop },
    { kind: 'timer.Stop', timer: 2, line: at('defer tick.Stop()') },
  ];
  return [
    { func: 'main.main', file: FILE, line: at('func main() {'), role: 'main', ops: main },
    {
      func: 'main.main.func1',
      file: FILE,
      line: lineOfAfter(src, 'go func() {', at('start := time.Now()')),
      role: 'load',
      ops: ticker,
    },
  ];
}

/** Each caller: `GetConfig` through the Once; f blocks (select {}) or panics. */
function buggyPrograms(v: Values): Program[] {
  const src = onceStallBuggy;
  const at = (needle: string): number => lineOf(src, needle);
  const doLine = at('once.Do(func()');
  const callLine = at('if GetConfig(*mode) == nil {');
  const fBody: StdlibOp =
    v.mode === 'panic'
      ? {
          kind: 'once.panic',
          once: 0,
          recoverTo: 10,
          line: at('panic("remote config unavailable")'),
        }
      : { kind: 'select', cases: [], hasDefault: false, line: at('select {} //') };
  const caller: StdlibOp[] = [
    { kind: 'call', func: 'main.GetConfig', frameBytes: 64, line: callLine },
    { kind: 'once.fast', once: 0, to: 8, line: doLine },
    { kind: 'once.lock', once: 0, line: doLine },
    { kind: 'once.check', once: 0, to: 7, line: doLine },
    { kind: 'call', func: 'main.GetConfig.func1', frameBytes: 32, line: doLine },
    { kind: 'call', func: 'main.loadFromRemote', frameBytes: 32, line: doLine },
    fBody,
    { kind: 'once.finish', once: 0, line: doLine },
    { kind: 'ret', line: at('return cfg') },
    { kind: 'std.count', name: 'nilConfig', delta: 1, line: at('nilConfig.Add(1)') },
  ];
  return [
    ...driver(src, v, 2, []),
    {
      func: 'main.main.func1.1',
      file: FILE,
      line: lineOfAfter(src, 'go func() {', at('calls.Add(1)')),
      role: 'caller',
      ops: caller,
    },
  ];
}

/**
 * `loadConfig` of the fix: bounded loads of a remote that never answers, retried after a back-off.
 * `src` is any program with the fix's `loadConfig` and `loadFromRemote` (the observability run's
 * server has them too).
 */
export function loaderOps(src: GoSource): StdlibOp[] {
  const at = (needle: string): number => lineOf(src, needle);
  return [
    {
      kind: 'ctx.WithTimeout',
      parent: -1,
      dtNs: LOAD_TIMEOUT_NS,
      dst: 1,
      users: 1,
      line: at('ctx, cancel := context.WithTimeout'),
    },
    {
      kind: 'call',
      func: 'main.loadFromRemote',
      frameBytes: 64,
      line: at('c, err := loadFromRemote(ctx)'),
    },
    { kind: 'chan.recv', chan: 2, line: at('<-ctx.Done()') },
    { kind: 'std.take', line: at('<-ctx.Done()') },
    { kind: 'ret', line: at('return nil, ctx.Err()') },
    { kind: 'ctx.cancel', ctx: 1, line: at('\t\tcancel()') },
    { kind: 'ctx.release', ctx: 1, line: at('\t\tcancel()') },
    { kind: 'sleep', ns: RETRY_BACKOFF_NS, line: at('time.Sleep(time.Second) // back off') },
    { kind: 'std.jump', to: 0, line: at('for {') },
  ];
}

/** The fix: a loader goroutine retrying bounded loads; callers select on `ready` or 50ms. */
function fixedPrograms(v: Values): Program[] {
  const src = onceStallFixed;
  const at = (needle: string): number => lineOf(src, needle);
  const loader = loaderOps(src);
  const caller: StdlibOp[] = [
    { kind: 'call', func: 'main.GetConfig', frameBytes: 64, line: at('if GetConfig() == nil {') },
    {
      kind: 'select',
      cases: [
        { dir: 'recv', chan: 0 },
        { dir: 'after', afterNs: CALLER_WAIT_NS },
      ],
      hasDefault: false,
      line: at('\tselect {'),
    },
    { kind: 'std.take', cases: [3, 5], line: at('\tselect {') },
    { kind: 'ret', line: at('return cfg') },
    { kind: 'std.jump', to: 7, line: at('return cfg') },
    { kind: 'ret', line: lineOfAfter(src, 'return nil', at('case <-time.After')) },
    { kind: 'std.count', name: 'nilConfig', delta: 1, line: at('nilConfig.Add(1)') },
  ];
  const first: StdlibOp[] = [
    {
      kind: 'chan.make',
      cap: 0,
      dst: 0,
      users: Number.MAX_SAFE_INTEGER,
      line: at('ready = make(chan struct{})'),
    },
    { kind: 'std.go', prog: 3, pass: [], line: at('go loadConfig()') },
  ];
  return [
    ...driver(src, v, 2, first),
    {
      func: 'main.main.func1.1',
      file: FILE,
      line: lineOfAfter(src, 'go func() {', at('calls.Add(1)')),
      role: 'caller',
      ops: caller,
    },
    {
      func: 'main.loadConfig',
      file: FILE,
      line: at('func loadConfig() {'),
      role: 'loader',
      ops: loader,
    },
    {
      func: contextTimerFn,
      file: '/usr/local/go/src/context/context.go',
      line: 0,
      role: 'timer-f',
      ops: [{ kind: 'ctx.deadline', line: 0 }],
    },
  ];
}

/**
 * The goroutine dump, with the frames the runtime shows inside `sync` (at the lines of the Go
 * version's release, go/sync-sites.ts) for the
 * goroutines of the programs whose role is `callerRole` that are inside `main.GetConfig`. With
 * `mainFile`, their `main.` frames are placed in that file (a program whose function is net/http's
 * `conn.serve` calls into main.go).
 */
export function onceDumpOf(callerRole: string, mainFile?: string): (w: World) => string {
  return (w) => onceDump(w, callerRole, mainFile);
}

function onceDump(w: World, callerRole: string, mainFile: string | undefined): string {
  const s = w.s;
  const records = stdlibRecords(w);
  const mutexReason = mutexWaitReason(s.cfg.goMinor);
  const byGoid = new Map(s.allgs.filter((g) => g.status !== '_Gdead').map((g) => [g.goid, g]));
  for (const rec of records) {
    const g = byGoid.get(rec.id);
    if (g === undefined || w.code[g.prog]?.role !== callerRole) continue;
    const at = rec.frames.findIndex((f) => f.func === 'main.GetConfig');
    const getConfig = rec.frames[at];
    if (getConfig === undefined) continue;
    // GetConfig's callers: the goroutine's own function, or a handler and net/http's conn.serve.
    const callers = rec.frames.slice(at + 1);
    if (callers.length === 0) continue;
    if (mainFile !== undefined)
      for (const f of rec.frames) if (f.func.startsWith('main.')) f.file = mainFile;
    const doFrames: GoroutineFrame[] = [
      onceDoFrame(s.cfg.goMinor),
      { ...getConfig, args: '{0x7ffcb70ada90?, 0x0?}' },
      ...callers,
    ];
    if (rec.state === mutexReason) {
      rec.frames = [...onceLockFrames(s.cfg.goMinor), ...doFrames];
    } else if (rec.state === 'select (no cases)') {
      const load = rec.frames.find((f) => f.func === 'main.loadFromRemote');
      const func1 = rec.frames.find((f) => f.func === 'main.GetConfig.func1');
      if (load === undefined || func1 === undefined) continue;
      // The G parked on `select {}`: the op before its pc (the engine moves past a parking op).
      const parkedAt = w.code[g.prog]?.ops[g.pc - 1]?.line ?? load.line;
      rec.frames = [
        { ...load, args: '...', line: parkedAt },
        func1,
        onceCallFrame(s.cfg.goMinor),
        ...doFrames,
      ];
    }
  }
  return formatDump(records, { goVersion: `go1.${s.cfg.goMinor}` });
}

export const onceStall: Scenario<typeof params> = {
  id: 'once-stall',
  title: 'sync.Once: an init that blocks parks every caller',
  summary:
    'Goroutines call GetConfig, which loads the config through a sync.Once. If the load blocks, the first caller waits in f and every later caller parks in doSlow on the Once’s mutex, forever. If it panics, the Once counts as done and every later caller gets nil. The fix bounds each load and lets callers give up.',
  params,
  sources: [onceStallBuggy, onceStallFixed],
  seriesNames: ['goroutines', 'calls', 'nilConfig'],
  counterNames: ['calls', 'nilConfig'],
  horizonNs: horizon,
  create(values, options) {
    const fixed = values.mode === 'fixed';
    return new StdlibSimulation(
      {
        programs: fixed ? fixedPrograms(values) : buggyPrograms(values),
        gomaxprocs: 2,
        asyncPreempt: true,
        horizonNs: horizon(values),
        goMinor: goMinorOf(values.go),
        seriesNames: this.seriesNames,
        stdlib: { onces: 1 },
        sampleExtra: (s) => ({
          calls: s.counters['calls'] ?? 0,
          nilConfig: s.counters['nilConfig'] ?? 0,
        }),
        countersExtra: (s) => ({
          calls: s.counters['calls'] ?? 0,
          nilConfig: s.counters['nilConfig'] ?? 0,
        }),
        dump: onceDumpOf('caller'),
      },
      options,
    );
  },
};
