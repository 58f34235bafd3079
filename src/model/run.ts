/**
 * What an M does with its P between scheduler rounds: run the current G's ops in order.
 */
import { kickP } from './m.ts';
import { dropg } from './m.ts';
import { goexit } from './proc.ts';
import { OP_BLOCKED, OP_DETACHED, type World } from './program.ts';
import { globrunqput } from './runq.ts';
import { schedule } from './schedule.ts';
import { NO, type GRec, type PRec } from './state.ts';
import { Say } from './trace-text.ts';
import { traceArgs, traceMove } from './trace.ts';

/** Handles a RunP event: the op in progress has ended, or a new G starts, or the M looks for work. */
export function runP(w: World, p: PRec): void {
  const s = w.s;
  if (p.curg === NO) {
    schedule(w, p);
    return;
  }
  const g = s.allgs[p.curg]!;
  if (p.opEnd !== NO) {
    p.opEnd = NO;
    g.pc++;
  }
  const ops = w.code[g.prog]!.ops;
  const defs = w.defs[g.prog]!;
  for (;;) {
    if (s.done) return;
    if (g.pc >= ops.length) {
      goexit(w, g, p);
      schedule(w, p);
      return;
    }
    if (g.left !== NO) {
      // Resume an op that preemption interrupted: only its remaining time is left.
      const d = g.left;
      g.left = NO;
      p.opEnd = s.now + d;
      kickP(s, p, d);
      return;
    }
    const op = ops[g.pc]!;
    const def = defs[g.pc]!;
    // Cooperative preemption point: a pending gp.preempt is honoured at the next call.
    if (g.preempt && def.callFree !== true) {
      preemptNow(w, p, g, 'at a call (stack guard check)');
      return;
    }
    const d = def.run(w, g, op, p);
    if (d === OP_BLOCKED) {
      g.pc++;
      schedule(w, p);
      return;
    }
    if (d === OP_DETACHED) {
      g.pc++;
      return;
    }
    if (d > 0) {
      p.opEnd = s.now + d;
      kickP(s, p, d);
      return;
    }
    g.pc++;
  }
}

/**
 * gopreempt_m → goschedImpl(gp, preempted=true): the G goes to the global queue (fact 13) and the
 * M schedules. An op in progress keeps its remaining time for when the G runs again.
 */
export function preemptNow(w: World, p: PRec, g: GRec, how: string): void {
  const s = w.s;
  if (p.opEnd !== NO) {
    g.left = Math.max(0, p.opEnd - s.now);
    p.opEnd = NO;
  }
  g.preempt = false;
  dropg(s, p);
  globrunqput(s, g.idx);
  s.counters['preemptions'] = (s.counters['preemptions'] ?? 0) + 1;
  if (s.trace !== null) {
    const e = traceMove(s, Say.Preempt, g, p, NO, how);
    traceArgs(s, e, s.now - p.sysmontick.schedwhen);
  }
  // The M is interrupted mid-op: drop whatever it had pending and run the scheduler.
  p.gen++;
  schedule(w, p);
}
