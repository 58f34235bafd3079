/**
 * Threads and processors: startm, stopm, newm/checkmcount, wakep, handoffp, pidleget/pidleput,
 * acquirep (facts 8, 14, 16). https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go
 */
import { M_CREATE_NS, M_WAKE_NS, SYSMON_MIN_DELAY_NS } from './constants.ts';
import { EvKind, pushEventIn, pushRunPIn, SYSMON_RESUME } from './event-queue.ts';
import type { World } from './program.ts';
import { runqempty } from './runq.ts';
import { NO, globalRunqLen, type MRec, type PRec, type Sched } from './state.ts';
import { Say } from './trace-text.ts';
import { traceEvent } from './trace.ts';

/** pidleput: the P joins the idle list (its run queue is empty by then). */
export function pidleput(s: Sched, p: PRec): void {
  p.status = '_Pidle';
  p.m = NO;
  p.curg = NO;
  s.pidle.push(p.id);
}

export function pidleget(s: Sched): PRec | null {
  const id = s.pidle.pop();
  return id === undefined ? null : s.allp[id]!;
}

/** Takes one particular P off the idle list (a timer on it is due). */
export function pidleremove(s: Sched, p: PRec): void {
  const idle = s.pidle;
  const i = idle.indexOf(p.id);
  if (i < 0) return;
  // In place, keeping the order: splice would allocate the array of removed elements.
  for (let k = i + 1; k < idle.length; k++) idle[k - 1] = idle[k]!;
  idle.pop();
}

/** dropg: the M and its G part ways (the G parked, queued or exited). */
export function dropg(s: Sched, p: PRec): void {
  p.curg = NO;
  if (p.m !== NO) s.allm[p.m]!.curg = NO;
}

export function acquirep(m: MRec, p: PRec): void {
  p.status = '_Prunning';
  p.m = m.id;
  p.curg = NO;
  m.p = p.id;
  m.parked = false;
}

/** Schedules the P's M to run (after `delay`), cancelling anything it had pending. */
export function kickP(s: Sched, p: PRec, delay: number): void {
  p.gen++;
  pushRunPIn(s, delay, p.id, p.gen);
}

/** Fact 16: newm → allocm → checkmcount: more than maxmcount Ms is fatal. */
function newm(s: Sched): MRec | null {
  if (s.allm.length >= s.cfg.maxmcount) {
    s.fatal = `runtime: program exceeds ${s.cfg.maxmcount}-thread limit\nfatal error: thread exhaustion`;
    s.done = true;
    return null;
  }
  const m: MRec = {
    id: s.allm.length,
    p: NO,
    curg: NO,
    spinning: false,
    parked: false,
    inSyscall: false,
    oldp: NO,
  };
  s.allm.push(m);
  if (s.trace !== null) traceEvent(s, Say.NewM, NO, NO, m.id);
  return m;
}

/**
 * startm: run P `p` (or an idle P) on an idle M, creating one if none is parked. With
 * `spinning` the caller already counted the M in nmspinning.
 */
export function startm(w: World, p: PRec | null, spinning: boolean): void {
  const s = w.s;
  if (p === null) {
    p = pidleget(s);
    if (p === null) {
      if (spinning) s.nmspinning--;
      return;
    }
  }
  let m: MRec | null;
  const parked = s.midle.pop();
  let delay = M_WAKE_NS;
  if (parked !== undefined) {
    m = s.allm[parked]!;
    if (s.trace !== null) traceEvent(s, Say.Unpark, NO, p.id, m.id);
  } else {
    m = newm(s);
    delay = M_CREATE_NS;
    if (m === null) return;
  }
  m.spinning = spinning;
  acquirep(m, p);
  kickP(s, p, delay);
}

/**
 * `notewakeup(&sched.sysmonnote)` from a syscall (entersyscall_sysmon, exitsyscallfast_pidle,
 * exitsyscall0): sysmon leaves its `sched.sysmonwait` sleep now, "as a bet that since it had
 * retaken a P from a syscall before, it may need to do it again shortly", with `idle` and `delay`
 * back at 20µs. Its pending wake-up at the next timer goes stale (sysmonGen).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go (sysmon, exitsyscallfast_pidle)
 */
export function wakeSysmon(w: World): void {
  const s = w.s;
  if (!s.sysmonWait) return;
  s.sysmonWait = false;
  s.sysmonIdle = 0;
  s.sysmonDelay = SYSMON_MIN_DELAY_NS;
  s.sysmonGen++;
  pushEventIn(s, M_WAKE_NS, EvKind.Sysmon, SYSMON_RESUME, s.sysmonGen);
}

/** stopm: the M parks on `sched.midle` until startm needs it. */
export function stopm(s: Sched, m: MRec): void {
  m.parked = true;
  m.p = NO;
  m.curg = NO;
  m.spinning = false;
  s.midle.push(m.id);
  if (s.trace !== null) traceEvent(s, Say.Stopm, NO, NO, m.id);
}

/**
 * Fact 8: wakep starts one spinning M, only when no M spins and a P is idle. (The spinning cap
 * `2*nmspinning < GOMAXPROCS - npidle` is checked by the M itself in findRunnable.)
 */
export function wakep(w: World): void {
  const s = w.s;
  if (s.nmspinning !== 0 || s.pidle.length === 0) return;
  s.nmspinning++;
  startm(w, pidleget(s), true);
}

/** resetspinning: a spinning M found work; it stops spinning and wakes another spinner. */
export function resetspinning(w: World, m: MRec): void {
  m.spinning = false;
  w.s.nmspinning--;
  wakep(w);
}

/**
 * Fact 14: handoffp gives a P taken from a syscall (or a blocked M) to a new M when there is work
 * or nobody else is looking for work; otherwise the P goes idle.
 */
export function handoffp(w: World, p: PRec): void {
  const s = w.s;
  s.counters['handoffs'] = (s.counters['handoffs'] ?? 0) + 1;
  if (s.trace !== null) traceEvent(s, Say.Handoff, NO, p.id, NO);
  p.m = NO;
  p.curg = NO;
  if (!runqempty(p) || globalRunqLen(s) > 0) {
    startm(w, p, false);
    return;
  }
  if (s.nmspinning + s.pidle.length === 0) {
    s.nmspinning++;
    startm(w, p, true);
    return;
  }
  // "If this is the last running P and nobody is polling network, need to wakeup another M to
  // poll network."
  if (s.pidle.length === s.cfg.gomaxprocs - 1 && s.lastpoll !== 0 && s.netWaiters > 0) {
    startm(w, p, false);
    return;
  }
  pidleput(s, p);
}
