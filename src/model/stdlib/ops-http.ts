/**
 * net/http ops: the client sending a request (the reference's load generator), the server's
 * accept loop and connection goroutines, TimeoutHandler's answer and the inner handler's writes.
 *
 * Network delays are loopback-sized modelling choices (tens of µs; the reference ran client and
 * server in one process over 127.0.0.1); they move nothing the reference measures by more than a
 * fraction of a millisecond. The server's CPU time to parse a request and write a response (~10µs)
 * is left out: it would cost two engine events per request and change no figure the scenario
 * reports until a core is saturated (100,000 requests per second).
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go
 */
import { NEWPROC_COST_NS } from '../constants.ts';
import { EvKind, pushEvent } from '../event-queue.ts';
import { gopark, goready } from '../park.ts';
import { newproc } from '../proc.ts';
import { OP_BLOCKED, registerOp, type GoSite, type Op, type World } from '../program.ts';
import { NO, type GRec, type PRec } from '../state.ts';
import { freshLocals, localsOf, registerExternal, startTimer, stdlibOf } from './engine-bridge.ts';
import {
  HANDLER_RUNNING,
  pickConn,
  requestFlags,
  responseSent,
  setRequestFlags,
  TIMED_OUT,
  type HttpConn,
} from './http.ts';
import { stopTimer } from './timers.ts';
import { waitReason } from './wait-reasons.ts';

/** Client → server: a request on an open connection reaches the server's socket. */
const REQUEST_NS = 30_000;
/** Server → client: the response reaches the client. */
const RESPONSE_NS = 30_000;
/** connect() on loopback until the listener is readable. */
const DIAL_NS = 100_000;

function count(w: World, name: string): void {
  const c = w.s.counters;
  c[name] = (c[name] ?? 0) + 1;
}

/** Park in the netpoller with no readiness scheduled yet; the G re-runs this op when woken. */
function parkForIO(w: World, g: GRec, p: PRec): number {
  gopark(w, g, p, waitReason.ioWait, 'netpoll');
  w.s.netWaiters++;
  g.pc--;
  return OP_BLOCKED;
}

function wakeForIO(w: World, g: number, at: number): void {
  pushEvent(w.s.queue, at, EvKind.NetReady, g, 0);
}

/** The connection G slot `gi` serves (a `conn.serve` goroutine's local 0), if it serves one. */
export function servedConn(w: World, gi: number): HttpConn | undefined {
  const st = stdlibOf(w.s);
  return st.http.conns[localsOf(st, gi)[0] ?? -1];
}

function connOf(w: World, g: GRec): HttpConn {
  const conn = servedConn(w, g.idx);
  if (conn === undefined) throw new Error(`G${g.goid} serves no connection`);
  return conn;
}

/** `client.Get(url)`: pick or dial a connection and send the request on it. */
function clientSend(w: World): void {
  const s = w.s;
  const http = stdlibOf(s).http;
  count(w, 'sent');
  const { conn, dialed } = pickConn(http, s.now);
  conn.idleAt = Infinity;
  conn.inbox.push(http.nextRequest++);
  if (dialed) {
    if (http.acceptG >= 0 && !http.acceptWaking) {
      http.acceptWaking = true;
      wakeForIO(w, http.acceptG, s.now + DIAL_NS);
    }
  } else if (conn.readerParked && !conn.readerWaking) {
    conn.readerWaking = true;
    wakeForIO(w, conn.g, s.now + REQUEST_NS);
  }
}

/**
 * The clients, outside the modelled server: like the reference's load generator, one request per
 * tick of a `time.NewTicker(time.Second / qps)`, ticks checked against `load` before each wait
 * (`for time.Since(start) < load { <-tick.C; ... }`), so exactly ceil(load / period) are sent.
 */
export interface StartClientsOp extends Op {
  readonly kind: 'http.startClients';
  readonly periodNs: number;
  readonly untilNs: number;
  /** The requests' method; GET when absent. */
  readonly method?: 'GET' | 'POST';
}
registerOp<StartClientsOp>({
  kind: 'http.startClients',
  run: (w, _g, op, p) => {
    const http = stdlibOf(w.s).http;
    http.clientUntil = op.untilNs;
    http.posts = op.method === 'POST';
    const fire = { kind: 'external', handler: 'http.client', arg: 0 } as const;
    http.clientTimer = startTimer(w, p, w.s.now + op.periodNs, fire, { period: op.periodNs });
    return 0;
  },
});
registerExternal('http.client', (w) => {
  const st = stdlibOf(w.s);
  clientSend(w);
  if (w.s.now >= st.http.clientUntil) stopTimer(st.timers, st.http.clientTimer);
});

/** `l.Accept()` in `Server.Serve`: local 0 gets the connection. */
export interface AcceptOp extends Op {
  readonly kind: 'http.accept';
}
registerOp<AcceptOp>({
  kind: 'http.accept',
  run: (w, g, _op, p) => {
    const http = stdlibOf(w.s).http;
    http.acceptWaking = false;
    const id = http.backlog.shift();
    if (id === undefined) {
      http.acceptG = g.idx;
      return parkForIO(w, g, p);
    }
    http.acceptG = -1;
    localsOf(stdlibOf(w.s), g.idx)[0] = id;
    return 0;
  },
});

/**
 * `c.readRequest` in `conn.serve`: local 1 gets the request, or the G waits in `IO wait`. With a
 * request in hand, `conn.serve` starts `go cr.backgroundRead()` before calling the handler (a
 * request with no body left to read; the model's all qualify, an upload's body being read at
 * once): a goroutine that waits in `IO wait` on the connection, to notice the client going
 * away, until the request is finished (`abortPendingRead`). The previous request's is ended first
 * (its `finishRequest` comes right before this read, at the same instant). The runtime's
 * `abortPendingRead` then waits on `cr.cond` until the read has returned; the model readies the
 * goroutine into runnext and lets the connection go on, so it exits when it next runs.
 * @see https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go (startBackgroundRead, abortPendingRead)
 */
export interface ReadRequestOp extends Op {
  readonly kind: 'http.readRequest';
  /**
   * The program of `(*connReader).backgroundRead`, and its `go` statement for dumps; a server's
   * program table fills them in (observability-server.ts `serverPrograms`, timeout-handler.ts).
   */
  readonly backgroundRead?: number;
  readonly creator?: GoSite;
}
registerOp<ReadRequestOp>({
  kind: 'http.readRequest',
  run: (w, g, op, p) => {
    const conn = connOf(w, g);
    if (conn.backgroundRead !== NO) abortPendingRead(w, conn, p);
    conn.g = g.idx;
    conn.readerWaking = false;
    const req = conn.inbox.shift();
    if (req === undefined) {
      conn.readerParked = true;
      return parkForIO(w, g, p);
    }
    conn.readerParked = false;
    const st = stdlibOf(w.s);
    localsOf(st, g.idx)[1] = req;
    if (op.backgroundRead === undefined) return 0;
    const reader = newproc(w, p, op.backgroundRead, g);
    freshLocals(st, reader.idx, 2).push(conn.id, READING);
    st.createdBy[reader.idx] = null;
    conn.backgroundRead = reader.idx;
    st.http.backgroundReads++;
    return NEWPROC_COST_NS;
  },
});

/** A background read's second local: still reading, or told to stop (abortPendingRead). */
const READING = 0;
const ABORTED = 1;

/** `cr.backgroundRead()`: wait on the connection until the request is finished, then return. */
export interface BackgroundReadOp extends Op {
  readonly kind: 'http.backgroundRead';
}
registerOp<BackgroundReadOp>({
  kind: 'http.backgroundRead',
  run: (w, g, _op, p) => (localsOf(stdlibOf(w.s), g.idx)[1] === ABORTED ? 0 : parkForIO(w, g, p)),
});

/**
 * `cr.abortPendingRead()`: a read deadline in the past makes the poller hand the goroutine back
 * (`netpollgoready`, into this P's runnext); one that has not run yet returns at once when it does.
 */
function abortPendingRead(w: World, conn: HttpConn, p: PRec): void {
  const st = stdlibOf(w.s);
  const gi = conn.backgroundRead;
  conn.backgroundRead = NO;
  st.http.backgroundReads--;
  localsOf(st, gi)[1] = ABORTED;
  if (w.s.allgs[gi]?.where !== 'netpoll') return;
  w.s.netWaiters--;
  goready(w, gi, p);
}

/**
 * TimeoutHandler writes the response: 200 with what the handler buffered, or 503 at the deadline
 * (then `tw.err = ErrHandlerTimeout`). The client has it, and may reuse the connection, after
 * the response's trip.
 */
export interface RespondOp extends Op {
  readonly kind: 'http.respond';
  readonly status: 200 | 503;
}
registerOp<RespondOp>({
  kind: 'http.respond',
  run: (w, g, op) => {
    const st = stdlibOf(w.s);
    count(w, op.status === 503 ? 'status503' : 'status200');
    // `tw.err = ErrHandlerTimeout`: only a handler still running can ever see it.
    const req = localsOf(st, g.idx)[1] ?? 0;
    const flags = requestFlags(st.http.requests, req);
    if (op.status === 503 && (flags & HANDLER_RUNNING) !== 0)
      setRequestFlags(st.http.requests, req, flags | TIMED_OUT);
    responseSent(st.http, connOf(w, g), w.s.now + RESPONSE_NS);
    return 0;
  },
});

/** The inner handler's `io.WriteString(w, "ok")`: fails with ErrHandlerTimeout after a 503. */
export interface HandlerWriteOp extends Op {
  readonly kind: 'http.write';
  /** The local holding the request. */
  readonly req: number;
}
registerOp<HandlerWriteOp>({
  kind: 'http.write',
  run: (w, g, op) => {
    const st = stdlibOf(w.s);
    const req = localsOf(st, g.idx)[op.req] ?? 0;
    if ((requestFlags(st.http.requests, req) & TIMED_OUT) !== 0) count(w, 'errHandlerTimeout');
    return 0;
  },
});

/** The inner handler starts (+1) or returns (-1): the reference's `running` counter. */
export interface HandlerRunningOp extends Op {
  readonly kind: 'http.handlerRunning';
  readonly delta: 1 | -1;
  readonly req: number;
}
registerOp<HandlerRunningOp>({
  kind: 'http.handlerRunning',
  run: (w, g, op) => {
    const st = stdlibOf(w.s);
    const req = localsOf(st, g.idx)[op.req] ?? 0;
    const running = (requestFlags(st.http.requests, req) & HANDLER_RUNNING) !== 0;
    if (op.delta > 0) {
      if (!running) st.http.handlersRunning++;
      setRequestFlags(st.http.requests, req, HANDLER_RUNNING);
    } else {
      // The request is over for the handler: nothing will look at its timeoutWriter again.
      if (running) st.http.handlersRunning--;
      setRequestFlags(st.http.requests, req, 0);
    }
    return 0;
  },
});
