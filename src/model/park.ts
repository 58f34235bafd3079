/**
 * gopark / goready (fact 2, section D: the woken G goes to the waker's runnext).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go
 */
import { FORCE_GC_PERIOD_NS } from './constants.ts';
import { dropg, wakep } from './m.ts';
import type { World } from './program.ts';
import { runqput } from './runq.ts';
import { NO, type GRec, type PRec, type Where } from './state.ts';
import { Say } from './trace-text.ts';
import { traceMove } from './trace.ts';

/** The running G gives up its P with a wait reason (fact 24); the M then calls schedule(). */
export function gopark(w: World, g: GRec, p: PRec, reason: string, where: Where = 'waiting'): void {
  const s = w.s;
  g.status = '_Gwaiting';
  g.waitReason = reason;
  g.where = where;
  g.at = NO;
  g.parkedGc = Math.floor(s.now / FORCE_GC_PERIOD_NS);
  dropg(s, p);
  if (s.trace !== null) traceMove(s, Say.Park, g, p, NO, reason);
}

/** ready(): `runqput(pp, gp, next=true)` on the waker's P, then wakep(). */
export function goready(w: World, gi: number, p: PRec): void {
  const s = w.s;
  if (s.trace !== null) traceMove(s, Say.Ready, s.allgs[gi]!, p, NO, null);
  runqput(s, p, gi, true);
  wakep(w);
}
