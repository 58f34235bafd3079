/**
 * The `go` statements and frames of Go's standard library that the incident scenarios fold into
 * other programs, at the lines of the Go release a dump is of. Every line was read off a real
 * dump of the same server (tests/fixtures/net-http-dump, run on each release below; the files are
 * tests/fixtures/net-http-<release>.dump.txt and tests/stdlib/net-http-real-dump.test.ts checks
 * the model's dumps against them frame for frame).
 * @see https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go
 */
import type { GoSite, Program } from '../../model/program.ts';
import type { GoroutineFrame } from '../../model/traceback.ts';
import { stdRelease, type StdRelease } from './std-release.ts';
import { timeSleepFrame } from './time-sites.ts';

export const SERVER_GO = '/usr/local/go/src/net/http/server.go';
const GOROOT = '/usr/local/go/src';

/** Where each folded function stands, per release. */
interface StdLines {
  /** runtime/netpoll.go: `internal/poll.runtime_pollWait`'s gopark. */
  readonly pollWait: number;
  /** internal/poll/fd_unix.go: `(*FD).Accept` and `(*FD).Read` waiting. */
  readonly fdAccept: number;
  readonly fdRead: number;
  /** net/fd_unix.go `(*netFD).accept`, net/fd_posix.go `(*netFD).Read`, net/net.go `(*conn).Read`. */
  readonly netFDAccept: number;
  readonly netFDRead: number;
  readonly netConnRead: number;
  /** net/tcpsock_posix.go `(*TCPListener).accept`, net/tcpsock.go `(*TCPListener).Accept`. */
  readonly tcpAcceptPosix: number;
  readonly tcpAccept: number;
  /** bufio/bufio.go. */
  readonly bufioFill: number;
  readonly bufioPeek: number;
  readonly bufioReadSlice: number;
  readonly bufioReadLine: number;
  /** net/textproto/reader.go. */
  readonly readLineSlice: number;
  readonly readLine: number;
  /** net/http/request.go `readRequest` (`readRequestLimit` from Go 1.27). */
  readonly httpReadRequestFunc: string;
  readonly httpReadRequest: number;
  /** net/http/server.go. */
  readonly connReaderRead: number;
  /** `(*connReader).backgroundRead`'s read, and `startBackgroundRead`'s `go` statement. */
  readonly backgroundRead: number;
  readonly startBackgroundRead: number;
  readonly connReadRequest: number;
  /** `c.readRequest`'s `c.bufr.Peek(4)` after a POST, where an idle connection waits when
   * `conn.serve` does not peek first (null: it does). */
  readonly readRequestPeek: number | null;
  /** `conn.serve` at its `c.readRequest`, its `c.bufr.Peek(4)` (null: the release only peeks
   * with an idle timeout set) and its call into the handler chain. */
  readonly serveReadRequest: number;
  readonly servePeek: number | null;
  readonly serveHandler: number;
  readonly serverHandler: number;
  readonly handlerFunc: number;
  /** `(*ServeMux).ServeHTTP`'s call of the handler it matched. */
  readonly serveMux: number;
  /** `(*timeoutHandler).ServeHTTP`: its `go func()`, that goroutine's call of the handler, and
   * its select. */
  readonly timeoutHandlerGo: number;
  readonly timeoutHandlerFunc1: number;
  readonly timeoutHandlerSelect: number;
  /** `(*Server).Serve`'s `l.Accept()` and `go c.serve(connCtx)`; `ListenAndServe`'s Serve call. */
  readonly serveAccept: number;
  readonly serveGo: number;
  readonly listenAndServe: number;
  /** The package function `http.ListenAndServe` (inlined into its caller). */
  readonly listenAndServeFunc: number;
}

/** go1.19.8's lines; each later release is the one before it plus the lines it moved. */
const LINES_go1_19_8: StdLines = {
  pollWait: 305,
  fdAccept: 614,
  fdRead: 167,
  netFDAccept: 172,
  netFDRead: 55,
  netConnRead: 183,
  tcpAcceptPosix: 142,
  tcpAccept: 288,
  bufioFill: 106,
  bufioPeek: 144,
  bufioReadSlice: 372,
  bufioReadLine: 401,
  readLineSlice: 58,
  readLine: 39,
  httpReadRequestFunc: 'net/http.readRequest',
  httpReadRequest: 1036,
  connReaderRead: 786,
  backgroundRead: 678,
  startBackgroundRead: 674,
  connReadRequest: 994,
  readRequestPeek: 991,
  serveReadRequest: 1916,
  servePeek: null,
  serveHandler: 1991,
  serverHandler: 2947,
  serveMux: 2487,
  handlerFunc: 2109,
  timeoutHandlerGo: 3401,
  timeoutHandlerFunc1: 3407,
  timeoutHandlerSelect: 3410,
  serveAccept: 3070,
  serveGo: 3102,
  listenAndServe: 2999,
  listenAndServeFunc: 3255,
};
const LINES_go1_21_13: StdLines = {
  ...LINES_go1_19_8,
  pollWait: 343,
  fdAccept: 611,
  fdRead: 164,
  netConnRead: 185,
  tcpAcceptPosix: 152,
  tcpAccept: 315,
  bufioFill: 113,
  bufioPeek: 151,
  bufioReadSlice: 379,
  bufioReadLine: 408,
  readLineSlice: 63,
  readLine: 43,
  httpReadRequest: 1041,
  connReaderRead: 791,
  backgroundRead: 683,
  startBackgroundRead: 679,
  connReadRequest: 999,
  readRequestPeek: null,
  serveReadRequest: 1939,
  servePeek: 2049,
  serveHandler: 2014,
  serverHandler: 2943,
  serveMux: 2519,
  handlerFunc: 2141,
  timeoutHandlerGo: 3396,
  timeoutHandlerFunc1: 3402,
  timeoutHandlerSelect: 3405,
  serveAccept: 3061,
  serveGo: 3091,
  listenAndServe: 2990,
  listenAndServeFunc: 3244,
};
const LINES_go1_22_12: StdLines = {
  ...LINES_go1_21_13,
  pollWait: 345,
  tcpAcceptPosix: 159,
  tcpAccept: 327,
  bufioFill: 110,
  bufioPeek: 148,
  bufioReadSlice: 376,
  bufioReadLine: 405,
  httpReadRequest: 1059,
  connReaderRead: 789,
  backgroundRead: 681,
  startBackgroundRead: 677,
  connReadRequest: 1004,
  serveReadRequest: 1969,
  servePeek: 2079,
  serveHandler: 2044,
  serverHandler: 3142,
  serveMux: 2688,
  handlerFunc: 2171,
  timeoutHandlerGo: 3595,
  timeoutHandlerFunc1: 3601,
  timeoutHandlerSelect: 3604,
  serveAccept: 3260,
  serveGo: 3290,
  listenAndServe: 3189,
  listenAndServeFunc: 3443,
};
const LINES_go1_23_5: StdLines = {
  ...LINES_go1_22_12,
  pollWait: 351,
  fdAccept: 620,
  fdRead: 165,
  netConnRead: 189,
  tcpAccept: 372,
  readLineSlice: 64,
  readLine: 44,
  httpReadRequest: 1096,
  connReaderRead: 798,
  backgroundRead: 690,
  startBackgroundRead: 686,
  connReadRequest: 1048,
  serveReadRequest: 2017,
  servePeek: 2127,
  serveHandler: 2092,
  serverHandler: 3210,
  serveMux: 2747,
  handlerFunc: 2220,
  timeoutHandlerGo: 3664,
  timeoutHandlerFunc1: 3670,
  timeoutHandlerSelect: 3673,
  serveAccept: 3330,
  serveGo: 3360,
  listenAndServe: 3259,
  listenAndServeFunc: 3514,
};
const LINES_go1_24_4: StdLines = {
  ...LINES_go1_23_5,
  netConnRead: 194,
  tcpAccept: 380,
  bufioFill: 113,
  bufioPeek: 152,
  bufioReadSlice: 380,
  bufioReadLine: 409,
  httpReadRequest: 1087,
  serveReadRequest: 2027,
  servePeek: 2137,
  serveHandler: 2102,
  serverHandler: 3301,
  serveMux: 2822,
  handlerFunc: 2294,
  timeoutHandlerGo: 3821,
  timeoutHandlerFunc1: 3827,
  timeoutHandlerSelect: 3830,
  serveAccept: 3424,
  serveGo: 3454,
  listenAndServe: 3350,
  listenAndServeFunc: 3665,
};
const LINES_go1_25_12: StdLines = {
  ...LINES_go1_24_4,
  fdAccept: 613,
  netFDAccept: 161,
  netFDRead: 68,
  netConnRead: 196,
  connReaderRead: 812,
  backgroundRead: 702,
  startBackgroundRead: 698,
  connReadRequest: 1041,
  serveReadRequest: 2031,
  servePeek: 2145,
  serveHandler: 2109,
  serverHandler: 3340,
  serveMux: 2861,
  handlerFunc: 2322,
  timeoutHandlerGo: 3860,
  timeoutHandlerFunc1: 3866,
  timeoutHandlerSelect: 3869,
  serveAccept: 3463,
  serveGo: 3493,
  listenAndServe: 3389,
  listenAndServeFunc: 3704,
};
const LINES_go1_26_10: StdLines = {
  ...LINES_go1_25_12,
  netFDAccept: 150,
  tcpAccept: 387,
  bufioReadSlice: 377,
  bufioReadLine: 406,
  connReadRequest: 998,
  serveReadRequest: 2009,
  servePeek: 2123,
  serveHandler: 2087,
  serverHandler: 3331,
  serveMux: 2848,
  handlerFunc: 2306,
  timeoutHandlerGo: 3851,
  timeoutHandlerFunc1: 3857,
  timeoutHandlerSelect: 3860,
  serveAccept: 3454,
  serveGo: 3484,
  listenAndServe: 3380,
  listenAndServeFunc: 3695,
};
const LINES_go1_27_3: StdLines = {
  ...LINES_go1_26_10,
  fdAccept: 618,
  fdRead: 170,
  netFDAccept: 149,
  httpReadRequestFunc: 'net/http.readRequestLimit',
  httpReadRequest: 1106,
  connReaderRead: 856,
  backgroundRead: 746,
  startBackgroundRead: 742,
  connReadRequest: 1054,
  serveReadRequest: 2075,
  servePeek: 2193,
  serveHandler: 2157,
  serverHandler: 3436,
  serveMux: 2923,
  handlerFunc: 2358,
  timeoutHandlerGo: 4073,
  timeoutHandlerFunc1: 4079,
  timeoutHandlerSelect: 4082,
  serveAccept: 3574,
  serveGo: 3604,
  listenAndServe: 3485,
  listenAndServeFunc: 3836,
};

const LINES: Readonly<Record<StdRelease, StdLines>> = {
  'go1.19.8': LINES_go1_19_8,
  'go1.21.13': LINES_go1_21_13,
  'go1.22.12': LINES_go1_22_12,
  'go1.23.5': LINES_go1_23_5,
  'go1.24.4': LINES_go1_24_4,
  'go1.25.12': LINES_go1_25_12,
  'go1.26.10': LINES_go1_26_10,
  'go1.27.3': LINES_go1_27_3,
};

const linesOf = (goMinor: number): StdLines => LINES[stdRelease(goMinor)];

/** `go c.serve(connCtx)` in `(*Server).Serve`: one goroutine per accepted connection. */
export function serveConnSite(goMinor: number): GoSite {
  return { func: 'net/http.(*Server).Serve', file: SERVER_GO, line: linesOf(goMinor).serveGo };
}

/** `go func() { ... h.handler.ServeHTTP(tw, r) ... }()` in `(*timeoutHandler).ServeHTTP`. */
export function timeoutHandlerSite(goMinor: number): GoSite {
  return {
    func: 'net/http.(*timeoutHandler).ServeHTTP',
    file: SERVER_GO,
    line: linesOf(goMinor).timeoutHandlerGo,
  };
}

/** `go cr.backgroundRead()` in `(*connReader).startBackgroundRead`, one per request served. */
export function startBackgroundReadSite(goMinor: number): GoSite {
  return {
    func: 'net/http.(*connReader).startBackgroundRead',
    file: SERVER_GO,
    line: linesOf(goMinor).startBackgroundRead,
  };
}

/** The function that goroutine runs; its one op waits on the connection (ops-http.ts). */
export function backgroundReadProgram(goMinor: number): Program {
  return {
    func: BACKGROUND_READ,
    file: SERVER_GO,
    line: linesOf(goMinor).backgroundRead,
    role: 'conn-reader',
    ops: [{ kind: 'http.backgroundRead', line: linesOf(goMinor).backgroundRead }],
  };
}

export const BACKGROUND_READ = 'net/http.(*connReader).backgroundRead';

/**
 * How a connection goroutine waits for its next request: in `c.readRequest` (a new connection, or
 * any in a release whose `conn.serve` peeks only with an idle timeout set), in `c.bufr.Peek(4)` at
 * the bottom of `conn.serve` (one that has served a request, from Go 1.21), or, before that, in
 * the Peek `c.readRequest` makes after a POST.
 * @see https://github.com/golang/go/blob/go1.19.8/src/net/http/server.go#L988-L992
 */
export type ConnWait = 'readRequest' | 'peek' | 'readRequestPeek';

/** The wait of a connection that has `served` a request already (`posts`: they were POSTs). */
export function connWait(goMinor: number, served: boolean, posts: boolean): ConnWait {
  const l = linesOf(goMinor);
  if (!served) return 'readRequest';
  if (l.servePeek !== null) return 'peek';
  return posts && l.readRequestPeek !== null ? 'readRequestPeek' : 'readRequest';
}

/**
 * The server.go line a net/http frame stands on, for the functions the scenarios fold into their
 * programs, or null for others. Those programs number their ops by the lines of the main.go the
 * reader sees; a dump must print net/http's own lines. A connection goroutine stands where it
 * waits for a request (`waiting`), else in its call into the handler chain (the TimeoutHandler's
 * select is folded into it); TimeoutHandler's goroutine stands in its call of the handler;
 * TimeoutHandler itself waits in its select.
 */
export function serverGoLine(
  func: string,
  innermost: boolean,
  waiting: ConnWait | null,
  goMinor: number,
): number | null {
  const l = linesOf(goMinor);
  switch (func) {
    case 'net/http.(*conn).serve':
      if (!innermost || waiting === null) return l.serveHandler;
      return waiting === 'peek' ? (l.servePeek ?? l.serveReadRequest) : l.serveReadRequest;
    case BACKGROUND_READ:
      return l.backgroundRead;
    case 'net/http.(*timeoutHandler).ServeHTTP.func1':
      return l.timeoutHandlerFunc1;
    case 'net/http.(*timeoutHandler).ServeHTTP':
      return l.timeoutHandlerSelect;
    default:
      return null;
  }
}

/** A frame of the standard library; `inlined` ones print `(...)` (no PC of their own). */
const std = (func: string, file: string, line: number, inlined = false): GoroutineFrame => ({
  func,
  args: inlined ? '...' : '',
  file: `${GOROOT}/${file}`,
  line,
});

/** The frames the scenarios' programs fold away, innermost first. */
export interface FoldedFrames {
  /** A goroutine in `time.Sleep` (runtime/time.go timeSleep's gopark). */
  readonly timeSleep: readonly GoroutineFrame[];
  /** A `backgroundRead` goroutine's read of its connection, down to the netpoller. */
  readonly connRead: readonly GoroutineFrame[];
  /** A connection waiting for a request (connWait): down to the netpoller from where it waits. */
  readonly connWait: Readonly<Record<ConnWait, readonly GoroutineFrame[]>>;
  /** Between a connection's `conn.serve` and TimeoutHandler's select. */
  readonly timeoutHandlerChain: readonly GoroutineFrame[];
  /** Between a handler function and its caller, for a handler made with `http.HandlerFunc`. */
  readonly handlerFunc: readonly GoroutineFrame[];
  /** `srv.ListenAndServe()` waiting in `Accept`, above the `main.main` that called it... */
  readonly listenAndServe: readonly GoroutineFrame[];
  /** ... or `http.ListenAndServe(addr, nil)`, the package function, which makes the Server. */
  readonly httpListenAndServe: readonly GoroutineFrame[];
  /** Between a handler registered with `http.HandleFunc` and `conn.serve`: DefaultServeMux. */
  readonly muxChain: readonly GoroutineFrame[];
}

function foldedFramesOf(l: StdLines, goMinor: number): FoldedFrames {
  // fd_poll_runtime.go's two lines are the same in every release here.
  const pollWaitRead = [
    std('internal/poll.runtime_pollWait', 'runtime/netpoll.go', l.pollWait),
    std('internal/poll.(*pollDesc).wait', 'internal/poll/fd_poll_runtime.go', 84),
    std('internal/poll.(*pollDesc).waitRead', 'internal/poll/fd_poll_runtime.go', 89, true),
  ];
  const netRead = [
    ...pollWaitRead,
    std('internal/poll.(*FD).Read', 'internal/poll/fd_unix.go', l.fdRead),
    std('net.(*netFD).Read', 'net/fd_posix.go', l.netFDRead),
    std('net.(*conn).Read', 'net/net.go', l.netConnRead),
  ];
  const connRead = [
    ...netRead,
    std('net/http.(*connReader).Read', 'net/http/server.go', l.connReaderRead),
    std('bufio.(*Reader).fill', 'bufio/bufio.go', l.bufioFill),
  ];
  const listenAndServe = [
    ...pollWaitRead,
    std('internal/poll.(*FD).Accept', 'internal/poll/fd_unix.go', l.fdAccept),
    std('net.(*netFD).accept', 'net/fd_unix.go', l.netFDAccept),
    std('net.(*TCPListener).accept', 'net/tcpsock_posix.go', l.tcpAcceptPosix),
    std('net.(*TCPListener).Accept', 'net/tcpsock.go', l.tcpAccept),
    std('net/http.(*Server).Serve', 'net/http/server.go', l.serveAccept),
    std('net/http.(*Server).ListenAndServe', 'net/http/server.go', l.listenAndServe),
  ];
  const handlerFunc = std('net/http.HandlerFunc.ServeHTTP', 'net/http/server.go', l.handlerFunc);
  const serverHandler = std(
    'net/http.serverHandler.ServeHTTP',
    'net/http/server.go',
    l.serverHandler,
  );
  return {
    timeSleep: [timeSleepFrame(goMinor)],
    connRead: netRead,
    connWait: {
      readRequest: [
        ...connRead,
        std('bufio.(*Reader).ReadSlice', 'bufio/bufio.go', l.bufioReadSlice),
        std('bufio.(*Reader).ReadLine', 'bufio/bufio.go', l.bufioReadLine),
        std('net/textproto.(*Reader).readLineSlice', 'net/textproto/reader.go', l.readLineSlice),
        std('net/textproto.(*Reader).ReadLine', 'net/textproto/reader.go', l.readLine, true),
        std(l.httpReadRequestFunc, 'net/http/request.go', l.httpReadRequest),
        std('net/http.(*conn).readRequest', 'net/http/server.go', l.connReadRequest),
      ],
      peek: [...connRead, std('bufio.(*Reader).Peek', 'bufio/bufio.go', l.bufioPeek)],
      readRequestPeek:
        l.readRequestPeek === null
          ? []
          : [
              ...connRead,
              std('bufio.(*Reader).Peek', 'bufio/bufio.go', l.bufioPeek),
              std('net/http.(*conn).readRequest', 'net/http/server.go', l.readRequestPeek),
            ],
    },
    timeoutHandlerChain: [
      std('net/http.(*timeoutHandler).ServeHTTP', 'net/http/server.go', l.timeoutHandlerSelect),
      serverHandler,
    ],
    handlerFunc: [handlerFunc],
    listenAndServe,
    httpListenAndServe: [
      ...listenAndServe,
      std('net/http.ListenAndServe', 'net/http/server.go', l.listenAndServeFunc, true),
    ],
    muxChain: [
      handlerFunc,
      std('net/http.(*ServeMux).ServeHTTP', 'net/http/server.go', l.serveMux),
      serverHandler,
    ],
  };
}

const folded = new Map<StdRelease, FoldedFrames>();

/** The folded frames at the lines of Go 1.`goMinor`'s release (built once per release). */
export function foldedFrames(goMinor: number): FoldedFrames {
  const release = stdRelease(goMinor);
  let frames = folded.get(release);
  if (frames === undefined) {
    frames = foldedFramesOf(LINES[release], goMinor);
    folded.set(release, frames);
  }
  return frames;
}
