/**
 * The sync.Once incident as the observability run serves it (./go/once-server-go.ts): every
 * request's handler calls `GetConfig`, on its connection's goroutine.
 *
 * - block: the first request's f never returns; every later request parks in `doSlow` on the
 *   Once's mutex, forever, and its client keeps waiting on the connection: one goroutine and one
 *   open connection per request, and no request is ever answered.
 * - panic: f panics; the handler recovers and answers 503, the Once counts as done, and every
 *   later request gets a nil config and a 503 at once.
 * - fixed: a loader goroutine retries bounded loads (once-stall's `loadConfig`); each request
 *   waits for the config 50ms, then answers 503.
 *
 * The `once-stall` scenario (./once-stall.ts) is the same Once without the server, as the
 * reference program calls it.
 */
import { contextTimerFn } from '../model/stdlib/context.ts';
import type { Program } from '../model/program.ts';
import type { StdlibOp } from '../model/stdlib/ops-index.ts';
import { onceServerBuggy, onceServerFixed } from './go/once-server-go.ts';
import { lineOf, lineOfAfter } from './go/source-lines.ts';
import type { IncidentModel, ObservabilityValues } from './observability-run.ts';
import { SHARED, serverPrograms, serverRun } from './observability-server.ts';
import { CALLER_WAIT_NS, loaderOps, onceDumpOf } from './once-stall.ts';

const FILE = '/srv/app/config/main.go';
/** A connection goroutine's local holding `ready` (the fix). */
const READY = SHARED;

/** Ops 0-2 of both programs' conn.serve: read a request, call handle, which calls GetConfig. */
function intoGetConfig(serve: number, getConfigLine: number): StdlibOp[] {
  return [
    { kind: 'http.readRequest', line: serve },
    { kind: 'call', func: 'main.handle', file: FILE, frameBytes: 64, line: serve },
    { kind: 'call', func: 'main.GetConfig', file: FILE, frameBytes: 64, line: getConfigLine },
  ];
}

/** `handle` → `GetConfig` → `once.Do(f)`; f blocks (select {}) or panics, recovered in handle. */
function buggyPrograms(v: ObservabilityValues): Program[] {
  const src = onceServerBuggy;
  const at = (needle: string): number => lineOf(src, needle);
  const doLine = at('once.Do(func()');
  const serve = at('http.ListenAndServe(');
  /** Where the deferred recover runs (the ops below are numbered in their comments). */
  const recovered = 14;
  const fBody: StdlibOp =
    v.onceMode === 'panic'
      ? {
          kind: 'once.panic',
          once: 0,
          recoverTo: recovered,
          line: at('panic("remote config unavailable")'),
        }
      : { kind: 'select', cases: [], hasDefault: false, line: at('select {} //') };
  const recoverLine = at('if p := recover(); p != nil {');
  const conn: StdlibOp[] = [
    ...intoGetConfig(serve, at('c := GetConfig(*mode)')),
    { kind: 'once.fast', once: 0, to: 10, line: doLine },
    { kind: 'once.lock', once: 0, line: doLine },
    { kind: 'once.check', once: 0, to: 9, line: doLine },
    { kind: 'call', func: 'main.GetConfig.func1', file: FILE, frameBytes: 32, line: doLine },
    { kind: 'call', func: 'main.loadFromRemote', file: FILE, frameBytes: 32, line: doLine },
    fBody,
    { kind: 'once.finish', once: 0, line: doLine },
    // 10: GetConfig returns the nil config.
    { kind: 'ret', line: at('return cfg') },
    { kind: 'http.respond', status: 503, line: at('"config unavailable"') },
    { kind: 'ret', line: lineOfAfter(src, 'return', at('"config unavailable"')) },
    { kind: 'std.jump', to: 0, line: serve },
    // 14: the panic unwound loadFromRemote, f and GetConfig to handle's deferred recover.
    { kind: 'ret', line: recoverLine },
    { kind: 'ret', line: recoverLine },
    { kind: 'ret', line: recoverLine },
    { kind: 'http.respond', status: 503, line: at('"config load failed"') },
    { kind: 'ret', line: recoverLine },
    { kind: 'std.jump', to: 0, line: serve },
  ];
  return serverPrograms(v, {
    method: 'GET',
    file: FILE,
    mainLine: at('func main() {'),
    serveLine: serve,
    prologue: [],
    shared: 0,
    conn,
    others: [],
  });
}

/** `handle` → `GetConfig`: select on `ready` or 50ms; loadConfig retries bounded loads. */
function fixedPrograms(v: ObservabilityValues): Program[] {
  const src = onceServerFixed;
  const at = (needle: string): number => lineOf(src, needle);
  const serve = at('http.ListenAndServe(');
  const select = at('\tselect {');
  const conn: StdlibOp[] = [
    ...intoGetConfig(serve, at('c := GetConfig()')),
    {
      kind: 'select',
      cases: [
        { dir: 'recv', chan: READY },
        { dir: 'after', afterNs: CALLER_WAIT_NS },
      ],
      hasDefault: false,
      line: select,
    },
    { kind: 'std.take', cases: [5, 8], line: select },
    // 5: the config is ready.
    { kind: 'ret', line: at('return cfg') },
    { kind: 'http.respond', status: 200, line: at('io.WriteString(w, c.Addr)') },
    { kind: 'std.jump', to: 10, line: at('io.WriteString(w, c.Addr)') },
    // 8: 50ms passed: nil, and a 503.
    { kind: 'ret', line: lineOfAfter(src, 'return nil', at('case <-time.After')) },
    { kind: 'http.respond', status: 503, line: at('"config unavailable"') },
    // 10: handle returns.
    { kind: 'ret', line: lineOfAfter(src, 'return', at('"config unavailable"')) },
    { kind: 'std.jump', to: 0, line: serve },
  ];
  return serverPrograms(v, {
    method: 'GET',
    file: FILE,
    mainLine: at('func main() {'),
    serveLine: serve,
    prologue: [
      {
        kind: 'chan.make',
        cap: 0,
        dst: READY,
        users: Number.MAX_SAFE_INTEGER,
        line: at('ready = make(chan struct{})'),
      },
      { kind: 'std.go', prog: 2, pass: [], line: at('go loadConfig()') },
    ],
    shared: 1,
    conn,
    others: [
      {
        func: 'main.loadConfig',
        file: FILE,
        line: at('func loadConfig() {'),
        role: 'loader',
        ops: loaderOps(src),
      },
      {
        func: contextTimerFn,
        file: '/usr/local/go/src/context/context.go',
        line: 0,
        role: 'timer-f',
        ops: [{ kind: 'ctx.deadline', line: 0 }],
      },
    ],
  });
}

export const onceServer: IncidentModel = {
  sources: [onceServerBuggy, onceServerFixed],
  create: (v, options) =>
    v.fix
      ? serverRun(v, options, fixedPrograms(v), { onces: 1 })
      : serverRun(v, options, buggyPrograms(v), { onces: 1, dump: onceDumpOf('conn', FILE) }),
};
