/**
 * The HTTP server every incident of the observability run is: clients send `qps` requests a
 * second over keep-alive connections, `Serve`'s accept loop starts one `conn.serve` goroutine per
 * connection, and that goroutine reads a request, runs the handler and writes the response, in a
 * loop (the stdlib HTTP ops, as ./timeout-handler.ts uses them). An incident supplies its
 * handler's ops and the goroutines its program starts besides.
 *
 * A handler that never returns keeps its connection: the client (with no timeout, like
 * `http.DefaultClient`) waits on it, and its next request dials a new one.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go (Serve, conn.serve)
 */
import type { Program, World } from '../model/program.ts';
import type { StdlibOp } from '../model/stdlib/ops-index.ts';
import { StdlibSimulation, type StdlibModelSpec } from '../model/stdlib/simulation.ts';
import { SECOND } from './duration.ts';
import { goMinorOf } from './go/go-version.ts';
import {
  backgroundReadProgram,
  serveConnSite,
  startBackgroundReadSite,
} from './go/net-http-sites.ts';
import type { ObservabilityValues } from './observability-run.ts';
import type { SimOptions } from './types.ts';

/**
 * Locals of `main.main`: the accepted connection (`http.accept` writes local 0), then from SHARED
 * the program's own values. A connection goroutine gets the same: its connection, the request it
 * serves (`http.readRequest` writes local 1), then main's values from SHARED on.
 */
const CONN = 0;
const REQ = 1;
/** The first of main's own locals, passed on to every connection goroutine (a channel both use). */
export const SHARED = 2;

export interface ServerSpec {
  /** `/srv/app/.../main.go`: the program's file in dumps. */
  readonly file: string;
  /** What the clients send: GETs, or POSTs (an upload handler). */
  readonly method: 'GET' | 'POST';
  /** The line of `func main() {` and of the `ListenAndServe` call. */
  readonly mainLine: number;
  readonly serveLine: number;
  /** main's ops before it serves (making channels, starting goroutines). */
  readonly prologue: readonly StdlibOp[];
  /** How many locals from SHARED on main passes to each connection goroutine. */
  readonly shared: number;
  /** The connection goroutine's loop: http.readRequest at 0, the handler, its answer, a jump to 0. */
  readonly conn: readonly StdlibOp[];
  /** The program's other functions, programs 2.. in this order. */
  readonly others: readonly Program[];
}

/** Program 0 is main.main, 1 `conn.serve`, then `others`, then `(*connReader).backgroundRead`. */
export function serverPrograms(v: ObservabilityValues, spec: ServerSpec): Program[] {
  const serve = spec.serveLine;
  const minor = goMinorOf(v.go);
  const backgroundRead = 2 + spec.others.length;
  const conn = spec.conn.map((op): StdlibOp =>
    op.kind === 'http.readRequest'
      ? { ...op, backgroundRead, creator: startBackgroundReadSite(minor) }
      : op,
  );
  const accept = spec.prologue.length + 1;
  const pass = [CONN, REQ, ...Array.from({ length: spec.shared }, (_, i) => SHARED + i)];
  const main: StdlibOp[] = [
    ...spec.prologue,
    {
      kind: 'http.startClients',
      periodNs: Math.floor(SECOND / v.qps),
      untilNs: v.duration,
      method: spec.method,
      line: serve,
    },
    { kind: 'http.accept', line: serve },
    { kind: 'std.go', prog: 1, pass, line: serve, creator: serveConnSite(minor) },
    { kind: 'std.jump', to: accept, line: serve },
  ];
  return [
    { func: 'main.main', file: spec.file, line: spec.mainLine, role: 'main', ops: main },
    {
      func: 'net/http.(*conn).serve',
      file: '/usr/local/go/src/net/http/server.go',
      line: serve,
      role: 'conn',
      ops: conn,
    },
    ...spec.others,
    backgroundReadProgram(minor),
  ];
}

const counter = (s: { counters: Record<string, number> }, name: string): number =>
  s.counters[name] ?? 0;

/** The server's run until the dashboard's end, with its response counters. */
export function serverRun(
  v: ObservabilityValues,
  options: SimOptions,
  programs: Program[],
  extra: { readonly onces?: number; readonly dump?: (w: World) => string } = {},
): StdlibSimulation {
  const spec: StdlibModelSpec = {
    programs,
    gomaxprocs: 2,
    asyncPreempt: true,
    horizonNs: v.duration,
    goMinor: goMinorOf(v.go),
    seriesNames: ['goroutines'],
    stdlib: extra.onces === undefined ? {} : { onces: extra.onces },
    countersExtra: (s) => ({
      sent: counter(s, 'sent'),
      status200: counter(s, 'status200'),
      status503: counter(s, 'status503'),
    }),
    ...(extra.dump === undefined ? {} : { dump: extra.dump }),
  };
  return new StdlibSimulation(spec, options);
}
