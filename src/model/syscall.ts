/**
 * System calls (fact 14): entersyscall leaves the P in `_Psyscall`; sysmon's retake may hand it
 * off; exitsyscall re-takes the old P (exitsyscallfast), else an idle P, else queues the G on the
 * global queue and parks the M (exitsyscall0 → stopm).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go
 */
import { EvKind, pushEventIn } from './event-queue.ts';
import { acquirep, handoffp, kickP, pidleget, stopm, wakeSysmon } from './m.ts';
import type { World } from './program.ts';
import { globrunqput } from './runq.ts';
import { NO, type GRec, type PRec } from './state.ts';
import { Say } from './trace-text.ts';
import { traceArgs, traceEvent, traceMove } from './trace.ts';

export function entersyscall(w: World, g: GRec, p: PRec, ns: number): void {
  const s = w.s;
  const m = s.allm[p.m]!;
  // reentersyscall: sysmon asleep in sched.sysmonwait is woken (entersyscall_sysmon).
  wakeSysmon(w);
  g.status = '_Gsyscall';
  g.where = 'syscall';
  g.at = m.id;
  m.inSyscall = true;
  m.oldp = p.id;
  m.p = NO;
  p.status = '_Psyscall';
  p.m = NO;
  p.curg = NO;
  p.syscalltick++;
  s.inSyscall++;
  pushEventIn(s, ns, EvKind.SyscallExit, g.idx, m.id);
  if (s.trace !== null) traceArgs(s, traceMove(s, Say.SyscallEnter, g, p, m.id, null), ns);
}

/**
 * entersyscallblock: for a call known to block (e.g. a blocking read on a pipe), the P is handed
 * off at once instead of waiting for sysmon (fact 14).
 */
export function entersyscallblock(w: World, g: GRec, p: PRec, ns: number): void {
  entersyscall(w, g, p, ns);
  w.s.allm[g.at]!.oldp = NO;
  p.status = '_Pidle';
  p.syscalltick++;
  handoffp(w, p);
}

export function exitsyscall(w: World, gi: number, mi: number): void {
  const s = w.s;
  const g = s.allgs[gi]!;
  const m = s.allm[mi]!;
  s.inSyscall--;
  m.inSyscall = false;
  const oldp = m.oldp === NO ? null : s.allp[m.oldp]!;
  m.oldp = NO;
  // exitsyscallfast: our old P is still ours if nobody retook it; else any idle P, which wakes
  // sysmon if it sleeps in sched.sysmonwait (exitsyscallfast_pidle).
  let p: PRec | null = oldp !== null && oldp.status === '_Psyscall' ? oldp : null;
  if (p === null) {
    p = pidleget(s);
    if (p !== null) wakeSysmon(w);
  }
  if (p !== null) {
    acquirep(m, p);
    g.status = '_Grunning';
    g.where = 'running';
    g.at = p.id;
    p.opEnd = NO;
    p.curg = gi;
    m.curg = gi;
    kickP(s, p, 0);
    if (s.trace !== null) traceEvent(s, Say.SyscallKeepsP, gi, p.id, m.id);
    return;
  }
  // exitsyscall0: no P for us; the G waits on the global queue and this M parks.
  globrunqput(s, gi);
  if (s.trace !== null) traceMove(s, Say.SyscallNoP, g, null, m.id, null);
  stopm(s, m);
}
