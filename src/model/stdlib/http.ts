/**
 * net/http as plain data: client connections (keep-alive, reused most-recently-idle first like
 * `Transport.getIdleConn`), the listener's accept backlog, each connection's pending requests,
 * and `TimeoutHandler`'s per-request `timeoutWriter.err`.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go (Serve, conn.serve, timeoutHandler)
 * @see https://github.com/golang/go/blob/go1.25.0/src/net/http/transport.go (getIdleConn)
 */

export interface HttpConn {
  id: number;
  /** The server goroutine serving it (`conn.serve`), -1 until accepted. */
  g: number;
  /** Requests sent on it and not yet read by the server. */
  inbox: number[];
  /** The conn goroutine is parked in `IO wait` reading the next request. */
  readerParked: boolean;
  /** A readiness event for the reader is already on its way. */
  readerWaking: boolean;
  /** When the client has read the last response and may send on it again. */
  idleAt: number;
  /**
   * The server has answered a request on it: from Go 1.21 its goroutine waits for the next one
   * in `c.bufr.Peek(4)` rather than in `c.readRequest` (net-http-sites.ts connWait).
   */
  served: boolean;
  /** The G slot of the request's `backgroundRead` goroutine until it is told to stop, else -1. */
  backgroundRead: number;
}

export interface HttpState {
  conns: HttpConn[];
  /** Client-side idle connections, in the order they went idle. */
  idle: number[];
  /** Dialed connections the accept loop has not taken yet. */
  backlog: number[];
  /** The accept loop's G when parked in `IO wait` on the listener, else -1. */
  acceptG: number;
  acceptWaking: boolean;
  nextRequest: number;
  /** Per request in flight: whether its inner handler runs, and whether it got a 503. */
  requests: RequestTable;
  /** Inner handlers running: the reference's `running` counter. */
  handlersRunning: number;
  /** Requests whose connection has a `backgroundRead` goroutine reading (ops-http.ts). */
  backgroundReads: number;
  /** The clients' ticker (a timer) and when they stop sending. */
  clientTimer: number;
  clientUntil: number;
  /**
   * The clients send POSTs (uploads), not GETs. Only dumps care: before Go 1.21, reading the
   * request after a POST starts with a Peek, where an idle connection then waits.
   */
  posts: boolean;
}

export function newHttpState(): HttpState {
  return {
    conns: [],
    idle: [],
    backlog: [],
    acceptG: -1,
    acceptWaking: false,
    nextRequest: 1,
    requests: newRequestTable(),
    handlersRunning: 0,
    backgroundReads: 0,
    clientTimer: -1,
    clientUntil: 0,
    posts: false,
  };
}

/**
 * The client side of a request at time `now`: reuse the connection that went idle most recently
 * (and whose last response has arrived), else dial a new one. Returns the connection and whether
 * it is new.
 */
export function pickConn(http: HttpState, now: number): { conn: HttpConn; dialed: boolean } {
  for (let i = http.idle.length - 1; i >= 0; i--) {
    const conn = http.conns[http.idle[i] as number] as HttpConn;
    if (conn.idleAt <= now) {
      // In place, keeping the order: splice would allocate the removed element's array.
      for (let k = i + 1; k < http.idle.length; k++) http.idle[k - 1] = http.idle[k] as number;
      http.idle.pop();
      return { conn, dialed: false };
    }
  }
  const conn: HttpConn = {
    id: http.conns.length,
    g: -1,
    inbox: [],
    readerParked: false,
    readerWaking: false,
    idleAt: Infinity,
    served: false,
    backgroundRead: -1,
  };
  http.conns.push(conn);
  http.backlog.push(conn.id);
  return { conn, dialed: true };
}

/** The server wrote the whole response: the client has it (and the conn back) at `arrivesAt`. */
export function responseSent(http: HttpState, conn: HttpConn, arrivesAt: number): void {
  conn.idleAt = arrivesAt;
  conn.served = true;
  http.idle.push(conn.id);
}

/** A request's inner handler is running. */
export const HANDLER_RUNNING = 1;
/** TimeoutHandler answered the request with 503 (`tw.err = ErrHandlerTimeout`). */
export const TIMED_OUT = 2;

/**
 * Flags of the requests in flight, by request number, in arrays indexed by `req & mask`: request
 * numbers only grow and each lives a while, the pattern under which a Map (deleting old keys,
 * adding new ones millions of times) is slowest in V8. The table doubles when a new request
 * would land on a slot still in use, so it spans the oldest request in flight to the newest.
 */
export interface RequestTable {
  /**
   * The request number in each slot, 0 when free. Typed arrays: a leak keeps every request in
   * flight, so the table spans all of them (5 bytes a slot here, 16 in plain arrays).
   */
  req: Uint32Array;
  flags: Uint8Array;
  mask: number;
}

function newRequestTable(): RequestTable {
  const size = 64;
  return { req: new Uint32Array(size), flags: new Uint8Array(size), mask: size - 1 };
}

export function requestFlags(t: RequestTable, req: number): number {
  const i = req & t.mask;
  return t.req[i] === req ? (t.flags[i] as number) : 0;
}

/** Set a request's flags; 0 frees its slot. */
export function setRequestFlags(t: RequestTable, req: number, flags: number): void {
  let i = req & t.mask;
  const there = t.req[i] as number;
  if (there !== req && there !== 0) {
    if (flags === 0) return;
    growRequestTable(t, req);
    i = req & t.mask;
  }
  t.req[i] = flags === 0 ? 0 : req;
  t.flags[i] = flags;
}

/** Double until the span from the oldest request in flight to `req` fits: then none collide. */
function growRequestTable(t: RequestTable, req: number): void {
  const { req: oldReq, flags: oldFlags } = t;
  let oldest = req;
  for (const r of oldReq) if (r !== 0 && r < oldest) oldest = r;
  let size = oldReq.length * 2;
  while (size <= req - oldest) size *= 2;
  t.req = new Uint32Array(size);
  t.flags = new Uint8Array(size);
  t.mask = size - 1;
  for (let i = 0; i < oldReq.length; i++) {
    const r = oldReq[i] as number;
    if (r === 0) continue;
    t.req[r & t.mask] = r;
    t.flags[r & t.mask] = oldFlags[i] as number;
  }
}
