/**
 * The `go` statements of net/http that the incident scenarios fold into other programs, as a
 * goroutine dump's `created by` lines name them. Lines are go1.19.8's server.go, the release the
 * reference runs used (other releases move them by a few lines).
 * @see https://github.com/golang/go/blob/go1.19.8/src/net/http/server.go
 */
import type { GoSite } from '../../model/program.ts';
import type { GoroutineFrame } from '../../model/traceback.ts';

export const SERVER_GO = '/usr/local/go/src/net/http/server.go';

/** `go c.serve(connCtx)` in `(*Server).Serve`: one goroutine per accepted connection. */
export const SERVE_CONN_SITE: GoSite = {
  func: 'net/http.(*Server).Serve',
  file: SERVER_GO,
  line: 3102,
};

/** `go func() { ... h.handler.ServeHTTP(tw, r) ... }()` in `(*timeoutHandler).ServeHTTP`. */
export const TIMEOUT_HANDLER_SITE: GoSite = {
  func: 'net/http.(*timeoutHandler).ServeHTTP',
  file: SERVER_GO,
  line: 3401,
};

/**
 * The go1.19.8 server.go line a net/http frame stands on, for the functions the scenarios fold
 * into their programs, or null for others. Those programs number their ops by the lines of the
 * main.go the reader sees; a dump must print net/http's own lines. A connection goroutine stands
 * in `c.readRequest` while it waits for a request, else in the call into the handler chain (the
 * TimeoutHandler's select is folded into it); TimeoutHandler's goroutine stands in its call of
 * the handler; TimeoutHandler itself waits in its select.
 */
export function serverGoLine(func: string, innermost: boolean, readingRequest: boolean) {
  switch (func) {
    case 'net/http.(*conn).serve':
      return innermost && readingRequest ? 1916 : 1991;
    case 'net/http.(*timeoutHandler).ServeHTTP.func1':
      return 3407;
    case 'net/http.(*timeoutHandler).ServeHTTP':
      return 3410;
    default:
      return null;
  }
}

const GOROOT = '/usr/local/go/src';
/** A frame of go1.19.8's standard library; `inlined` ones print `(...)` (no PC of their own). */
const std = (func: string, file: string, line: number, inlined = false): GoroutineFrame => ({
  func,
  args: inlined ? '...' : '',
  file: `${GOROOT}/${file}`,
  line,
});

/** A goroutine parked in the netpoller until its fd is readable (accept or read). */
const pollWaitRead = [
  std('internal/poll.runtime_pollWait', 'runtime/netpoll.go', 305),
  std('internal/poll.(*pollDesc).wait', 'internal/poll/fd_poll_runtime.go', 84),
  std('internal/poll.(*pollDesc).waitRead', 'internal/poll/fd_poll_runtime.go', 89, true),
];

/**
 * The frames the scenarios' programs fold away, as a real go1.19.8 dump of the timeout-handler
 * server prints them (tests/fixtures/net-http-go1.19.8.dump.txt, checked by
 * tests/stdlib/net-http-real-dump.test.ts), innermost first.
 */
export const FOLDED_FRAMES = {
  /** A goroutine in `time.Sleep` (runtime/time.go timeSleep's gopark). */
  timeSleep: [std('time.Sleep', 'runtime/time.go', 195)],
  /** A connection waiting for its next request: `c.readRequest` down to the netpoller. */
  readRequest: [
    ...pollWaitRead,
    std('internal/poll.(*FD).Read', 'internal/poll/fd_unix.go', 167),
    std('net.(*netFD).Read', 'net/fd_posix.go', 55),
    std('net.(*conn).Read', 'net/net.go', 183),
    std('net/http.(*connReader).Read', 'net/http/server.go', 786),
    std('bufio.(*Reader).fill', 'bufio/bufio.go', 106),
    std('bufio.(*Reader).ReadSlice', 'bufio/bufio.go', 372),
    std('bufio.(*Reader).ReadLine', 'bufio/bufio.go', 401),
    std('net/textproto.(*Reader).readLineSlice', 'net/textproto/reader.go', 58),
    std('net/textproto.(*Reader).ReadLine', 'net/textproto/reader.go', 39, true),
    std('net/http.readRequest', 'net/http/request.go', 1036),
    std('net/http.(*conn).readRequest', 'net/http/server.go', 994),
  ],
  /** Between a connection's `conn.serve` and TimeoutHandler's select. */
  timeoutHandlerChain: [
    std('net/http.(*timeoutHandler).ServeHTTP', 'net/http/server.go', 3410),
    std('net/http.serverHandler.ServeHTTP', 'net/http/server.go', 2947),
  ],
  /** Between a handler function and its caller, for a handler made with `http.HandlerFunc`. */
  handlerFunc: [std('net/http.HandlerFunc.ServeHTTP', 'net/http/server.go', 2109)],
  /** `srv.ListenAndServe()` waiting in `Accept`, above the `main.main` that called it. */
  listenAndServe: [
    ...pollWaitRead,
    std('internal/poll.(*FD).Accept', 'internal/poll/fd_unix.go', 614),
    std('net.(*netFD).accept', 'net/fd_unix.go', 172),
    std('net.(*TCPListener).accept', 'net/tcpsock_posix.go', 142),
    std('net.(*TCPListener).Accept', 'net/tcpsock.go', 288),
    std('net/http.(*Server).Serve', 'net/http/server.go', 3070),
    std('net/http.(*Server).ListenAndServe', 'net/http/server.go', 2999),
  ],
} as const;
