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
  /** Requests TimeoutHandler answered with 503: later writes fail with ErrHandlerTimeout. */
  timedOut: Set<number>;
  /** Requests whose inner handler is running (the reference's `running` counter is its size). */
  handlersRunning: Set<number>;
  /** The clients' ticker (a timer) and when they stop sending. */
  clientTimer: number;
  clientUntil: number;
}

export function newHttpState(): HttpState {
  return {
    conns: [],
    idle: [],
    backlog: [],
    acceptG: -1,
    acceptWaking: false,
    nextRequest: 1,
    timedOut: new Set(),
    handlersRunning: new Set(),
    clientTimer: -1,
    clientUntil: 0,
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
      http.idle.splice(i, 1);
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
  };
  http.conns.push(conn);
  http.backlog.push(conn.id);
  return { conn, dialed: true };
}

/** The server wrote the whole response: the client has it (and the conn back) at `arrivesAt`. */
export function responseSent(http: HttpState, conn: HttpConn, arrivesAt: number): void {
  conn.idleAt = arrivesAt;
  http.idle.push(conn.id);
}
