/**
 * One round of the scheduler: schedule → findRunnable → execute (facts 4, 5, 6, 8, 9).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go
 */
import { GLOBAL_FAIRNESS_TICKS, SCHEDULE_COST_NS } from './constants.ts';
import { acquirep, kickP, pidleget, pidleput, resetspinning, stopm } from './m.ts';
import { injectglist, netpoll } from './netpoll.ts';
import type { World } from './program.ts';
import { globrunqget, runqempty, runqget, type Found } from './runq.ts';
import { NO, globalRunqLen, type GRec, type MRec, type PRec, type Sched } from './state.ts';
import { stealWork } from './steal.ts';
import { checkTimers, hasTimers } from './timers.ts';
import { Say } from './trace-text.ts';
import { traceEvent, traceMove } from './trace.ts';

const found: Found = { g: NO, inheritTime: false };

/** The M on P `p` looks for a G and runs it, or gives up the P and parks. */
export function schedule(w: World, p: PRec): void {
  const s = w.s;
  if (s.done) return;
  const m = s.allm[p.m]!;
  if (!findRunnable(w, p, m, found)) return;
  if (m.spinning) resetspinning(w, m);
  execute(w, p, m, found.g, found.inheritTime);
}

/**
 * Fact 9: execute bumps schedtick unless the G inherits the time slice (it came from runnext),
 * so Gs run through runnext share one slice. The switch costs SCHEDULE_COST_NS of virtual time.
 */
export function execute(w: World, p: PRec, m: MRec, gi: number, inheritTime: boolean): void {
  const s = w.s;
  const g = s.allgs[gi]!;
  if (s.trace !== null) {
    const say = inheritTime ? Say.ScheduleInherit : Say.Schedule;
    traceMove(s, say, g, p, m.id, null);
  }
  g.status = '_Grunning';
  g.waitReason = '';
  g.where = 'running';
  g.at = p.id;
  g.preempt = false;
  p.opEnd = NO;
  p.curg = gi;
  m.curg = gi;
  if (!inheritTime) p.schedtick++;
  s.counters['schedules'] = (s.counters['schedules'] ?? 0) + 1;
  startFirstOp(w, p, g);
}

/**
 * The G starts SCHEDULE_COST_NS from now. When what it does first is only a duration (an
 * interrupted op's remaining time, or a compute/spin), schedule its end directly: the times are
 * those of dispatching it after the switch, with one event fewer.
 */
function startFirstOp(w: World, p: PRec, g: GRec): void {
  const s = w.s;
  let d = NO;
  if (g.left !== NO) {
    d = g.left;
    g.left = NO;
  } else if (!g.preempt) {
    const op = w.code[g.prog]!.ops[g.pc];
    if (op !== undefined) {
      const def = w.defs[g.prog]![g.pc]!;
      if (def.durationOnly === true) d = def.run(w, g, op, p);
    }
  }
  if (d === NO) {
    kickP(s, p, SCHEDULE_COST_NS);
    return;
  }
  p.opEnd = s.now + SCHEDULE_COST_NS + d;
  kickP(s, p, SCHEDULE_COST_NS + d);
}

/** Fact 6, in the runtime's order (no GC, trace reader or finalizers in this model). */
export function findRunnable(w: World, p: PRec, m: MRec, out: Found): boolean {
  const s = w.s;
  checkTimers(w, p, p);
  // Fact 4: every 61st schedtick take one G from the global queue first.
  if (p.schedtick % GLOBAL_FAIRNESS_TICKS === 0 && globalRunqLen(s) > 0) {
    return fromGlobal(s, p, 1, out);
  }
  if (runqget(p, out)) return true;
  if (globalRunqLen(s) > 0) return fromGlobal(s, p, 0, out);
  // Non-blocking netpoll, skipped while another M blocks in netpoll (lastpoll == 0).
  if (s.netWaiters > 0 && s.lastpoll !== 0 && s.netReady.length > 0) {
    const list = netpoll(w);
    out.g = list.shift()!;
    out.inheritTime = false;
    injectglist(w, list, p);
    return true;
  }
  // Fact 8: spin (steal) only while at most half of the busy Ps have a spinning M.
  if (m.spinning || 2 * s.nmspinning < s.cfg.gomaxprocs - s.pidle.length) {
    if (!m.spinning) {
      m.spinning = true;
      s.nmspinning++;
    }
    if (stealWork(w, p, out)) return true;
  }
  return dropP(w, p, m, out);
}

function fromGlobal(s: Sched, p: PRec, max: number, out: Found): boolean {
  out.g = globrunqget(s, p, max);
  out.inheritTime = false;
  return true;
}

function anyTimer(w: World): boolean {
  const allp = w.s.allp;
  for (let i = 0; i < allp.length; i++) if (hasTimers(w, allp[i]!)) return true;
  return false;
}

function anyRunqWork(s: Sched): boolean {
  const allp = s.allp;
  for (let i = 0; i < allp.length; i++) {
    const q = allp[i]!;
    if (q.status !== '_Pidle' && !runqempty(q)) return true;
  }
  return false;
}

/** The end of findRunnable: release the P, re-check, then block in netpoll or stopm. */
function dropP(w: World, p: PRec, m: MRec, out: Found): boolean {
  const s = w.s;
  if (globalRunqLen(s) > 0) return fromGlobal(s, p, 0, out);
  pidleput(s, p);
  m.p = NO;
  m.curg = NO;
  if (m.spinning) {
    m.spinning = false;
    s.nmspinning--;
    // "Check all runqueues once again": work may have arrived while we were spinning.
    if (anyRunqWork(s)) {
      const again = pidleget(s);
      if (again !== null) {
        acquirep(m, again);
        m.spinning = true;
        s.nmspinning++;
        kickP(s, again, 0);
        return false;
      }
    }
  }
  if ((s.netWaiters > 0 || anyTimer(w)) && s.lastpoll !== 0 && s.pollerM === NO) {
    // This M blocks in netpoll until an fd is ready or the next timer is due (pollUntil);
    // sched.lastpoll = 0 meanwhile.
    s.pollerM = m.id;
    s.lastpoll = 0;
    m.p = NO;
    if (s.trace !== null) traceEvent(s, Say.BlocksInNetpoll, NO, NO, m.id);
    return false;
  }
  stopm(s, m);
  return false;
}
