/**
 * timeout-handler: clients send `qps` requests per second for `load` over keep-alive connections
 * to a server whose handler is wrapped in `http.TimeoutHandler(inner, timeout, ...)`
 * (reference/go/timeouthandler). TimeoutHandler runs the inner handler in a goroutine of its own
 * and answers 503 at the deadline; the inner goroutine runs on until the handler returns.
 *
 * - ctx=false: the handler sleeps `work` whatever happens: inner goroutines plateau at
 *   qps × work (Little's law) and drain `work` after the load stops.
 * - ctx=true (the fix): it selects on `r.Context().Done()`, which TimeoutHandler cancels at the
 *   deadline: the plateau is qps × min(work, timeout).
 *
 * Goroutines counted: main (in `Serve`'s accept loop), one per open connection (`conn.serve`),
 * the inner handlers, and the short-lived goroutines context deadlines start. The clients are
 * outside the program (in the reference they shared its process; here they are the model's clock).
 */
import type { Program } from '../model/program.ts';
import { contextTimerFn } from '../model/stdlib/context.ts';
import { TIMED_OUT, type RequestTable } from '../model/stdlib/http.ts';
import type { StdlibOp } from '../model/stdlib/ops-index.ts';
import { StdlibSimulation } from '../model/stdlib/simulation.ts';
import { MILLISECOND, MINUTE, SECOND } from './duration.ts';
import { goMinorOf, goVersionParam } from './go/go-version.ts';
import {
  backgroundReadProgram,
  serveConnSite,
  startBackgroundReadSite,
  timeoutHandlerSite,
} from './go/net-http-sites.ts';
import { lineOf } from './go/source-lines.ts';
import {
  timeoutHandlerBuggy,
  timeoutHandlerFixed,
  timeoutHandlerServer,
} from './go/timeout-handler-go.ts';
import type { ParamValues, Scenario } from './types.ts';

const params = {
  qps: {
    kind: 'int',
    label: 'Requests per second',
    help: 'How many requests the clients send each second.',
    min: 1,
    max: 5000,
    default: 50,
    log: true,
    unit: '/s',
  },
  work: {
    kind: 'duration',
    label: 'Handler work',
    help: 'How long the inner handler works on each request.',
    minNs: 1 * MILLISECOND,
    maxNs: 10 * MINUTE,
    defaultNs: 4 * SECOND,
    log: true,
  },
  timeout: {
    kind: 'duration',
    label: 'TimeoutHandler timeout',
    help: 'When TimeoutHandler gives up and answers 503.',
    minNs: 1 * MILLISECOND,
    maxNs: 10 * MINUTE,
    defaultNs: 1 * SECOND,
    log: true,
  },
  load: {
    kind: 'duration',
    label: 'Load',
    help: 'How long the clients keep sending.',
    minNs: 100 * MILLISECOND,
    maxNs: 24 * 60 * MINUTE,
    defaultNs: 6 * SECOND,
  },
  ctx: {
    kind: 'bool',
    label: 'Handler honours r.Context()',
    help: 'The fix: the handler stops when TimeoutHandler cancels the request context.',
    default: false,
  },
  total: {
    kind: 'duration',
    label: 'Total',
    help: 'How long to run (and sample) in all.',
    minNs: 100 * MILLISECOND,
    maxNs: 24 * 60 * MINUTE,
    defaultNs: 12 * SECOND,
  },
  go: goVersionParam,
} as const;

type Values = ParamValues<typeof params>;

const FILE = '/srv/app/main.go';

// Locals of a connection goroutine (`conn.serve` running TimeoutHandler.ServeHTTP).
const CONN = 0;
const REQ = 1;
const CTX = 2; // and its Done channel in CTX + 1
const DONE = 4;
// Locals of an inner handler goroutine: what the `go func()` in ServeHTTP captures.
const INNER_CTX = 0;
const INNER_CTX_DONE = 1;
const INNER_DONE = 2;
const INNER_REQ = 3;

function programs(v: Values): Program[] {
  const src = v.ctx ? timeoutHandlerFixed : timeoutHandlerBuggy;
  const at = (needle: string): number => lineOf(src, needle);
  const serve = at('srv.ListenAndServe()');
  const timeoutHandler = at('http.TimeoutHandler(inner');
  const handlerLine = at('inner := http.HandlerFunc(');
  const main: StdlibOp[] = [
    {
      kind: 'http.startClients',
      periodNs: Math.floor(SECOND / v.qps),
      untilNs: v.load,
      line: serve,
    },
    { kind: 'http.accept', line: serve },
    { kind: 'std.go', prog: 1, pass: [CONN], line: serve, creator: serveConnSite(goMinorOf(v.go)) },
    { kind: 'std.jump', to: 1, line: serve },
  ];
  // TimeoutHandler.ServeHTTP on the connection's goroutine, once per request.
  const conn: StdlibOp[] = [
    {
      kind: 'http.readRequest',
      backgroundRead: BACKGROUND_READ_PROG,
      creator: startBackgroundReadSite(goMinorOf(v.go)),
      line: serve,
    },
    {
      kind: 'ctx.WithTimeout',
      parent: -1,
      dtNs: v.timeout,
      dst: CTX,
      users: 2,
      line: timeoutHandler,
    },
    { kind: 'chan.make', cap: 0, dst: DONE, users: 2, line: timeoutHandler },
    {
      kind: 'std.go',
      prog: 2,
      pass: [CTX, CTX + 1, DONE, REQ],
      line: timeoutHandler,
      creator: timeoutHandlerSite(goMinorOf(v.go)),
    },
    {
      kind: 'select',
      cases: [
        { dir: 'recv', chan: DONE },
        { dir: 'recv', chan: CTX + 1 },
      ],
      hasDefault: false,
      line: timeoutHandler,
    },
    { kind: 'std.take', cases: [6, 8], line: timeoutHandler },
    { kind: 'http.respond', status: 200, line: timeoutHandler },
    { kind: 'std.jump', to: 9, line: timeoutHandler },
    { kind: 'http.respond', status: 503, line: timeoutHandler },
    { kind: 'ctx.cancel', ctx: CTX, line: timeoutHandler },
    { kind: 'ctx.release', ctx: CTX, line: timeoutHandler },
    { kind: 'chan.release', chan: DONE, line: timeoutHandler },
    { kind: 'std.jump', to: 0, line: serve },
  ];
  const work: StdlibOp[] = v.ctx
    ? [
        {
          kind: 'select',
          cases: [
            { dir: 'after', afterNs: v.work },
            { dir: 'recv', chan: INNER_CTX_DONE },
          ],
          hasDefault: false,
          line: at('case <-time.After(*work):'),
        },
        { kind: 'std.take', cases: [4, 5], line: at('\tselect {') },
      ]
    : [{ kind: 'sleep', ns: v.work, line: at('time.Sleep(*work)') }];
  const inner: StdlibOp[] = [
    { kind: 'http.handlerRunning', delta: 1, req: INNER_REQ, line: handlerLine },
    { kind: 'call', func: 'main.main.func1', file: FILE, frameBytes: 96, line: handlerLine },
    ...work,
    { kind: 'http.write', req: INNER_REQ, line: at('io.WriteString(w, "ok")') },
    { kind: 'ret', line: v.ctx ? at('return // the 503') : at('io.WriteString(w, "ok")') },
    { kind: 'http.handlerRunning', delta: -1, req: INNER_REQ, line: handlerLine },
    { kind: 'chan.close', chan: INNER_DONE, line: timeoutHandler },
    { kind: 'ctx.release', ctx: INNER_CTX, line: timeoutHandler },
    { kind: 'chan.release', chan: INNER_DONE, line: timeoutHandler },
  ];
  return [
    { func: 'main.main', file: FILE, line: at('func main() {'), role: 'main', ops: main },
    {
      func: 'net/http.(*conn).serve',
      file: '/usr/local/go/src/net/http/server.go',
      line: serve,
      role: 'conn',
      ops: conn,
    },
    {
      func: 'net/http.(*timeoutHandler).ServeHTTP.func1',
      file: '/usr/local/go/src/net/http/server.go',
      line: timeoutHandler,
      role: 'handler',
      ops: inner,
    },
    {
      func: contextTimerFn,
      file: '/usr/local/go/src/context/context.go',
      line: timeoutHandler,
      role: 'timer-f',
      ops: [{ kind: 'ctx.deadline', line: timeoutHandler }],
    },
    backgroundReadProgram(goMinorOf(v.go)),
  ];
}

/** Programs 0-3 are main, conn.serve, the inner handler and the context timer's function. */
const BACKGROUND_READ_PROG = 4;

/**
 * Inner handlers still running although TimeoutHandler has answered their request with a 503:
 * the goroutines the incident is about (the others are still within their timeout).
 */
function innerAfter503(requests: RequestTable | undefined): number {
  if (requests === undefined) return 0;
  let n = 0;
  for (const flags of requests.flags) if ((flags & TIMED_OUT) !== 0) n += 1;
  return n;
}

export const timeoutHandler: Scenario<typeof params> = {
  id: 'timeout-handler',
  title: 'http.TimeoutHandler: the 503 goes out, the handler goroutine stays',
  summary:
    'Clients send requests at a steady rate to a server whose handler is wrapped in http.TimeoutHandler. At the deadline TimeoutHandler answers 503, but the goroutine running the handler carries on until the handler returns: if it ignores r.Context(), qps × work goroutines pile up; if it honours it, qps × min(work, timeout).',
  params,
  sources: [timeoutHandlerBuggy, timeoutHandlerFixed, timeoutHandlerServer],
  seriesNames: ['goroutines', 'innerHandlers', 'sent', 'status503', 'status200'],
  counterNames: ['sent', 'status503', 'status200', 'errHandlerTimeout'],
  horizonNs: (v) => v.total,
  create(values, options) {
    const counter = (s: { counters: Record<string, number> }, name: string): number =>
      s.counters[name] ?? 0;
    return new StdlibSimulation(
      {
        programs: programs(values),
        gomaxprocs: 2,
        asyncPreempt: true,
        horizonNs: values.total,
        goMinor: goMinorOf(values.go),
        seriesNames: this.seriesNames,
        stdlib: {},
        sampleExtra: (s) => ({
          innerHandlers: s.stdlib?.http.handlersRunning ?? 0,
          sent: counter(s, 'sent'),
          status503: counter(s, 'status503'),
          status200: counter(s, 'status200'),
        }),
        countersExtra: (s) => ({
          sent: counter(s, 'sent'),
          status503: counter(s, 'status503'),
          status200: counter(s, 'status200'),
          errHandlerTimeout: counter(s, 'errHandlerTimeout'),
        }),
        viewExtra: (s) => ({
          innerHandlers: s.stdlib?.http.handlersRunning ?? 0,
          connections: s.stdlib?.http.conns.length ?? 0,
          backgroundReads: s.stdlib?.http.backgroundReads ?? 0,
          innerAfter503: innerAfter503(s.stdlib?.http.requests),
        }),
      },
      options,
    );
  },
};
