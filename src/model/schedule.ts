/**
 * One round of the scheduler: schedule → findRunnable → execute (facts 4, 5, 6, 8, 9).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go
 */
import { GLOBAL_FAIRNESS_TICKS, SCHEDULE_COST_NS } from './constants.ts';
import { acquirep, kickP, pidleget, pidleput, resetspinning, stopm } from './m.ts';
import { injectglist, netpoll } from './netpoll.ts';
import type { World } from './program.ts';
import { globrunqget, runqempty, runqget } from './runq.ts';
import { NO, globalRunqLen, type MRec, type PRec } from './state.ts';
import { stealWork, type Found } from './steal.ts';
import { checkTimers } from './timers.ts';
import { emit, placeOf, tracing } from './trace.ts';

/** The M on P `p` looks for a G and runs it, or gives up the P and parks. */
export function schedule(w: World, p: PRec): void {
  const s = w.s;
  if (s.done) return;
  const m = s.allm[p.m]!;
  const found = findRunnable(w, p, m);
  if (found === null) return;
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
  const from = tracing(s) ? placeOf(s, gi) : null;
  g.status = '_Grunning';
  g.waitReason = '';
  g.where = 'running';
  g.at = p.id;
  g.preempt = false;
  g.opEnd = NO;
  p.curg = gi;
  m.curg = gi;
  if (!inheritTime) p.schedtick++;
  s.counters['schedules'] = (s.counters['schedules'] ?? 0) + 1;
  if (from !== null) {
    emit(s, 'schedule', `P${p.id} runs G${g.goid}${inheritTime ? ' (inherits the time slice)' : ''}`, {
      g: g.goid,
      p: p.id,
      m: m.id,
      from,
      to: placeOf(s, gi),
    });
  }
  kickP(s, p, SCHEDULE_COST_NS);
}

/** Fact 6, in the runtime's order (no GC, trace reader or finalizers in this model). */
export function findRunnable(w: World, p: PRec, m: MRec): Found | null {
  const s = w.s;
  checkTimers(w, p, p);
  // Fact 4: every 61st schedtick take one G from the global queue first.
  if (p.schedtick % GLOBAL_FAIRNESS_TICKS === 0 && globalRunqLen(s) > 0) {
    return { g: globrunqget(s, p, 1), inheritTime: false };
  }
  const local = runqget(p);
  if (local !== null) return local;
  if (globalRunqLen(s) > 0) return { g: globrunqget(s, p, 0), inheritTime: false };
  // Non-blocking netpoll, skipped while another M blocks in netpoll (lastpoll == 0).
  if (s.netWaiters > 0 && s.lastpoll !== 0 && s.netReady.length > 0) {
    const list = netpoll(w);
    const g = list.shift()!;
    injectglist(w, list, p);
    return { g, inheritTime: false };
  }
  // Fact 8: spin (steal) only while at most half of the busy Ps have a spinning M.
  if (m.spinning || 2 * s.nmspinning < s.cfg.gomaxprocs - s.pidle.length) {
    if (!m.spinning) {
      m.spinning = true;
      s.nmspinning++;
    }
    const stolen = stealWork(w, p);
    if (stolen !== null) return stolen;
  }
  return dropP(w, p, m);
}

/** The end of findRunnable: release the P, re-check, then block in netpoll or stopm. */
function dropP(w: World, p: PRec, m: MRec): Found | null {
  const s = w.s;
  if (globalRunqLen(s) > 0) return { g: globrunqget(s, p, 0), inheritTime: false };
  pidleput(s, p);
  m.p = NO;
  m.curg = NO;
  if (m.spinning) {
    m.spinning = false;
    s.nmspinning--;
    // "Check all runqueues once again": work may have arrived while we were spinning.
    if (s.allp.some((q) => q.status !== '_Pidle' && !runqempty(q))) {
      const again = pidleget(s);
      if (again !== null) {
        acquirep(m, again);
        m.spinning = true;
        s.nmspinning++;
        kickP(s, again, 0);
        return null;
      }
    }
  }
  if (s.netWaiters > 0 && s.lastpoll !== 0 && s.pollerM === NO) {
    // This M blocks in netpoll until an fd is ready (sched.lastpoll = 0 meanwhile).
    s.pollerM = m.id;
    s.lastpoll = 0;
    m.p = NO;
    if (tracing(s)) emit(s, 'm-park', `M${m.id} blocks in netpoll`, { m: m.id });
    return null;
  }
  stopm(s, m);
  return null;
}
