/**
 * Goroutine dumps of stdlib scenarios: the engine's records, plus what only the stdlib layer
 * knows, namely which goroutines a timer started. `time.AfterFunc` (and a context deadline) runs
 * f through `goFunc`, so the runtime prints `created by time.goFunc` for them.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/time/sleep.go (goFunc)
 */
import {
  BACKGROUND_READ,
  connWait,
  foldedFrames,
  SERVER_GO,
  serverGoLine,
  type ConnWait,
} from '../../scenarios/go/net-http-sites.ts';
import { goFuncSite } from '../../scenarios/go/time-sites.ts';
import { goroutineRecord } from '../dump.ts';
import type { World } from '../program.ts';
import type { GRec } from '../state.ts';
import { stdlibOf } from './engine-bridge.ts';
import { servedConn } from './ops-http.ts';
import type { GoroutineProfile } from '../../scenarios/types.ts';
import {
  formatDump,
  goroutineProfile,
  type GoroutineFrame,
  type GoroutineRecord,
} from '../traceback.ts';

/** Ops that park a G and run again when it wakes (the G still stands on them). */
const RETRIED_WHEN_WOKEN = new Set(['http.accept', 'http.readRequest']);

/** `goroutineRecord` with what only the stdlib layer knows (`g` is live). */
function stdlibRecord(w: World, g: GRec): GoroutineRecord {
  const rec = goroutineRecord(w, g);
  // The engine moves a parked G past the op that parked it; the runtime's traceback shows the
  // line where it waits.
  const ops = w.code[g.prog]?.ops ?? [];
  const here = ops[g.pc];
  const parkedBy = ops[g.pc - 1];
  const top = rec.frames[0];
  if (g.status === '_Gwaiting' && parkedBy !== undefined && top !== undefined) {
    if (here === undefined || !RETRIED_WHEN_WOKEN.has(here.kind)) top.line = parkedBy.line;
  }
  // net/http's frames at server.go's own lines, not the scenario's main.go numbering.
  const minor = w.s.cfg.goMinor;
  const waiting =
    here?.kind === 'http.readRequest'
      ? connWait(minor, servedConn(w, g.idx)?.served === true, stdlibOf(w.s).http.posts)
      : null;
  rec.frames.forEach((frame, i) => {
    if (frame.file !== SERVER_GO) return;
    const line = serverGoLine(frame.func, i === 0, waiting, minor);
    if (line !== null) frame.line = line;
  });
  unfold(w, rec, here?.kind, g.status === '_Gwaiting' ? parkedBy?.kind : undefined, waiting);
  if (w.s.stdlib?.createdBy?.[g.idx] === 'time.goFunc') {
    // The timer ran on whichever goroutine's P checked it; Go ≥ 1.21 names none here.
    rec.createdBy = { ...goFuncSite(minor), parentId: 0 };
  }
  return rec;
}

const CONN_SERVE = 'net/http.(*conn).serve';
const TIMEOUT_HANDLER_FUNC1 = 'net/http.(*timeoutHandler).ServeHTTP.func1';

/**
 * Puts back the frames the programs fold away, where a real dump of the same program is known
 * (foldedFrames): `time.Sleep` on a sleeping G; a connection's wait for a request; the listener's
 * `Accept` under main; and the handler chain between `conn.serve` and the handler: for the
 * TimeoutHandler server (an `http.HandlerFunc` behind `srv.ListenAndServe()`), TimeoutHandler's
 * select or `HandlerFunc.ServeHTTP` under the inner handler; for the others (`http.HandleFunc`
 * and `http.ListenAndServe(addr, nil)`), DefaultServeMux's chain.
 */
function unfold(
  w: World,
  rec: GoroutineRecord,
  standsOn: string | undefined,
  parkedBy: string | undefined,
  waiting: ConnWait | null,
): void {
  const frames = rec.frames;
  const top = frames[0];
  if (top === undefined) return;
  const folded = foldedFrames(w.s.cfg.goMinor);
  const timeoutServer = w.code.some((p) => p.func === TIMEOUT_HANDLER_FUNC1);
  if (top.func === BACKGROUND_READ && rec.state === 'IO wait') {
    frames.unshift(...copies(folded.connRead));
  } else if (top.func === CONN_SERVE && waiting !== null && rec.state === 'IO wait') {
    frames.unshift(...copies(folded.connWait[waiting]));
  } else if (timeoutServer && top.func === CONN_SERVE && rec.state === 'select') {
    frames.unshift(...copies(folded.timeoutHandlerChain));
  } else if (top.func === 'main.main' && standsOn === 'http.accept') {
    frames.unshift(...copies(timeoutServer ? folded.listenAndServe : folded.httpListenAndServe));
  }
  if (timeoutServer) {
    const inner = frames.findIndex((f) => f.func === TIMEOUT_HANDLER_FUNC1);
    if (inner > 0) frames.splice(inner, 0, ...copies(folded.handlerFunc));
  } else {
    // A goroutine in a handler: the handler's frames sit right above conn.serve's, its outermost.
    const serve = frames.length - 1;
    if (top.func !== CONN_SERVE && frames[serve]?.func === CONN_SERVE)
      frames.splice(serve, 0, ...copies(folded.muxChain));
  }
  if (parkedBy === 'sleep' && rec.state === 'sleep') frames.unshift(...copies(folded.timeSleep));
}

/** Fresh frame objects: a record's frames are its own (the dump reader may edit them). */
const copies = (frames: readonly GoroutineFrame[]): GoroutineFrame[] =>
  frames.map((f) => ({ ...f }));

export function stdlibRecords(w: World): GoroutineRecord[] {
  const out: GoroutineRecord[] = [];
  for (const g of w.s.allgs) if (g.status !== '_Gdead') out.push(stdlibRecord(w, g));
  return out;
}

export function stdlibDump(w: World): string {
  return formatDump(stdlibRecords(w), { goVersion: `go1.${w.s.cfg.goMinor}` });
}

/**
 * What `/debug/pprof/goroutine?debug=1` shows: the goroutines folded by stack. Built one record at
 * a time, keeping one per stack, so half a million leaked goroutines cost no dump text (a full
 * `debug=2` dump of them is hundreds of MB of string).
 */
export function stdlibProfile(w: World): GoroutineProfile {
  const profile = goroutineProfile();
  for (const g of w.s.allgs) if (g.status !== '_Gdead') profile.add(stdlibRecord(w, g));
  return profile.done();
}
