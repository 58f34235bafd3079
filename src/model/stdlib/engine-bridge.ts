/**
 * Where the standard-library layer meets the scheduler engine: its state inside `Sched`, the
 * scheduler hooks its operations call, and its timers firing on the engine's clock.
 *
 * Timers: the engine's own timer list only readies sleeping Gs, so stdlib timers (AfterFunc,
 * channel timers, context deadlines) live in `s.stdlib.timers` (a 4-ary heap per P) and are run
 * by `runStdlibTimers` when they come due, on the P that owns them, the way `pp.timers.check`
 * runs them in findRunnable. StdlibSimulation interleaves them with the engine's own events.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go (timers.check, timers.run)
 */
import { M_WAKE_NS } from '../constants.ts';
import { acquirep, kickP, pidleremove, startm, wakep } from '../m.ts';
import { goready } from '../park.ts';
import { newproc } from '../proc.ts';
import { nextInt } from '../prng.ts';
import type { World } from '../program.ts';
import { NO, type PRec, type Sched } from '../state.ts';
import { Say } from '../trace-text.ts';
import { traceArgs, traceEvent, traceName } from '../trace.ts';
import { chanSend, freeChan, type ChanHooks } from './chan.ts';
import type { StdlibState } from './stdlib-state.ts';
import {
  addTimer,
  freeTimer,
  maybeRunChan,
  hasLiveTop,
  popDueTimers,
  timerChanBlocked,
  type TimerFire,
} from './timers.ts';
import { idGet } from './id-table.ts';
import type { TimerHeap } from './timer-heap.ts';
import { truncate } from '../truncate.ts';

declare module '../state.ts' {
  interface Sched {
    /** The standard-library layer's state (stdlib/stdlib-state.ts); set by the scenario. */
    stdlib?: StdlibState;
  }
}

export function stdlibOf(s: Sched): StdlibState {
  const st = s.stdlib;
  if (st === undefined) throw new Error('the scenario did not set up the stdlib state');
  return st;
}

/** Per-G locals; a G that never got any reads zeros. */
export function localsOf(st: StdlibState, gi: number): number[] {
  let l = st.locals[gi];
  if (l === undefined) {
    l = [];
    st.locals[gi] = l;
  }
  return l;
}

/**
 * The locals of a G starting in slot `gi`: empty (every slot reads as zero) for the caller to fill
 * from slot 0 up, `size` of them. A recycled slot's array is reused: a long run starts millions
 * of Gs. A new slot's array is made to that size: the first push into an empty array gives it
 * room for 17 (152 bytes), which a leaked goroutine would keep for good.
 */
export function freshLocals(st: StdlibState, gi: number, size: number): number[] {
  let l = st.locals[gi];
  if (l === undefined) {
    l = new Array<number>(size);
    st.locals[gi] = l;
  }
  truncate(l, 0);
  return l;
}

/** One hooks object per P record: ops run millions of times and must not allocate closures. */
const hooksByP = new WeakMap<PRec, ChanHooks>();

/**
 * The hooks stdlib operations call, for code running on P `p`: `ready` is goready onto `p`'s
 * runnext; timer channels tell the timers when someone blocks on them (Go 1.23).
 */
export function stdHooks(w: World, p: PRec): ChanHooks {
  // Most calls ask for the same P as the last call with its id: an array check beats a WeakMap.
  if (lastOwner[p.id] === p) return lastHooks[p.id] as ChanHooks;
  let hooks = hooksByP.get(p);
  if (hooks === undefined) {
    hooks = {
      ready: (g) => goready(w, g, p),
      randn: (n) => nextInt(w.s.rng, n),
      timerChanBlocked: (id, delta) => timerChanBlocked(stdlibOf(w.s).timers, id, p.id, delta),
      timerChanPoll: (id) => {
        const fire = maybeRunChan(stdlibOf(w.s).timers, id, w.s.now);
        if (fire !== null) carryOut(w, fire, p);
      },
    };
    hooksByP.set(p, hooks);
  }
  lastOwner[p.id] = p;
  lastHooks[p.id] = hooks;
  return hooks;
}
const lastOwner: PRec[] = [];
const lastHooks: ChanHooks[] = [];

/** Start a stdlib timer on P `p`; returns its id. */
export function startTimer(
  w: World,
  p: PRec,
  when: number,
  fire: TimerFire,
  options: { bytes?: number; period?: number; isChan?: boolean } = {},
): number {
  const id = addTimer(stdlibOf(w.s).timers, p.id, when, fire, options);
  if (w.s.trace !== null) traceArgs(w.s, traceEvent(w.s, Say.TimerAdd, NO, p.id, NO), id);
  return id;
}

/** Where the earliest stdlib timer is: P `p` (-1 with none) and its `when`. */
export interface NextTimer {
  p: number;
  when: number;
}

/** Fill `out` with the earliest stdlib timer over every P (no allocation: called every step). */
export function nextStdlibTimer(s: Sched, out: NextTimer): void {
  out.p = -1;
  out.when = Infinity;
  const st = s.stdlib;
  if (st === undefined) return;
  for (let p = 0; p < st.timers.heaps.length; p++) {
    if (!hasLiveTop(st.timers, p)) continue;
    const when = (st.timers.heaps[p] as TimerHeap<unknown>).ws[0] as number;
    if (when < out.when) {
      out.when = when;
      out.p = p;
    }
  }
}

/**
 * Run P `pid`'s due stdlib timers at `s.now`. An idle P first gets an M, as the engine does for
 * its own timers: the M blocked in netpoll returns (its poll timeout was this timer), or one is
 * started. Each fired timer's work then lands on that P.
 */
export function runStdlibTimers(w: World, pid: number): void {
  const s = w.s;
  const st = stdlibOf(s);
  const p = s.allp[pid] as PRec;
  if (p.status === '_Pidle') {
    pidleremove(s, p);
    if (s.pollerM !== NO) {
      const m = s.allm[s.pollerM];
      s.pollerM = NO;
      s.lastpoll = s.now;
      if (m !== undefined) {
        acquirep(m, p);
        kickP(s, p, M_WAKE_NS);
      }
    } else {
      startm(w, p, false);
    }
  }
  // Every due timer leaves the heap before any of them is carried out, as in `timers.run`'s
  // loop; carrying one out may start or stop others (and so fire more: hence a stack, not a list).
  const from = dueFires.length;
  popDueTimers(st.timers, pid, s.now, dueFires);
  for (let i = from; i < dueFires.length; i++) carryOut(w, dueFires[i] as TimerFire, p);
  truncate(dueFires, from);
}

/** Fired timers waiting to be carried out, shared by nested runs (no allocation per run). */
const dueFires: TimerFire[] = [];

/** What an `external` timer runs: the world outside the program acting at a set time. */
export type ExternalHandler = (w: World, p: PRec, timerId: number) => void;
const externalHandlers = new Map<string, ExternalHandler>();

/** Register an `external` timer handler by name (module load time, like the op table). */
export function registerExternal(name: string, handler: ExternalHandler): void {
  if (externalHandlers.has(name)) throw new Error(`external handler ${name} registered twice`);
  externalHandlers.set(name, handler);
}

/** Program indices by function name, per program table (fixed for a simulation's life). */
const programsByName = new WeakMap<World['code'], Map<string, number>>();

function programIndex(w: World, func: string): number {
  let byName = programsByName.get(w.code);
  if (byName === undefined) {
    byName = new Map(w.code.map((pr, i) => [pr.func, i]));
    programsByName.set(w.code, byName);
  }
  return byName.get(func) ?? -1;
}

/** Do what a fired timer does, on P `p`. */
function carryOut(w: World, fire: TimerFire, p: PRec): void {
  const s = w.s;
  const st = stdlibOf(s);
  switch (fire.kind) {
    case 'ready':
      goready(w, fire.g, p);
      return;
    case 'go': {
      // time.goFunc: `go arg.(func())()`; the new G starts in this P's runnext.
      const prog = programIndex(w, fire.fn);
      if (prog < 0) throw new Error(`timer fires unknown function ${fire.fn}`);
      const g = newproc(w, p, prog, null);
      freshLocals(st, g.idx, 1).push(fire.arg);
      st.createdBy[g.idx] = 'time.goFunc';
      if (s.trace !== null) traceName(s, traceEvent(s, Say.TimerGo, g.idx, p.id, NO), fire.fn);
      wakep(w);
      return;
    }
    case 'send': {
      // sendTime: a non-blocking send of the current time on t.C.
      chanSend(st.chans, fire.chan, NO, s.now, stdHooks(w, p), false);
      const timerId = idGet(st.chans.chans, fire.chan)?.timerId ?? null;
      if (timerId !== null && st.orphanTimers.delete(timerId))
        dropChanTimer(st, timerId, fire.chan);
      if (s.trace !== null) traceArgs(s, traceEvent(s, Say.TimerSend, NO, p.id, NO), fire.chan);
      return;
    }
    case 'external': {
      const handler = externalHandlers.get(fire.handler);
      if (handler === undefined) throw new Error(`no external handler ${fire.handler}`);
      handler(w, p, fire.arg);
      return;
    }
  }
}

/** Forget a channel timer (`time.After`) nobody can reach any more, with its channel. */
export function dropChanTimer(st: StdlibState, timerId: number, chanId: number): void {
  freeTimer(st.timers, timerId);
  freeChan(st.chans, chanId);
}
