/**
 * sysmon: the M without a P that watches the others (facts 9-12, 14).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go (sysmon, retake, preemptone)
 */
import {
  FORCE_GC_PERIOD_NS,
  FORCE_PREEMPT_NS,
  SYSCALL_RETAKE_NS,
  SYSMON_IDLE_ROUNDS,
  SYSMON_MAX_DELAY_NS,
  SYSMON_MIN_DELAY_NS,
  SYSMON_NETPOLL_NS,
} from './constants.ts';
import { EvKind, pushEventIn, SYSMON_RESUME } from './event-queue.ts';
import { handoffp, startm } from './m.ts';
import { injectglist, netpoll } from './netpoll.ts';
import type { World } from './program.ts';
import { preemptNow } from './run.ts';
import { runqempty } from './runq.ts';
import { NO, type PRec } from './state.ts';
import { hasDueTimer, timeSleepUntil } from './timers.ts';
import { Say } from './trace-text.ts';
import { traceEvent } from './trace.ts';

/**
 * One round of proc.go's sysmon loop, after its `usleep(delay)` (`resumed` false) or after its
 * `sched.sysmonwait` sleep (`resumed` true: the rest of that round).
 *
 * With every P idle, sysmon sets `sched.sysmonwait` and sleeps on `sched.sysmonnote` until the
 * next timer (`timeSleepUntil`), at most `forcegcperiod/2`. Only a syscall (entersyscall_sysmon,
 * exitsyscallfast_pidle, exitsyscall0) or startTheWorld wakes it earlier (wakeSysmon in m.ts), and
 * only such a wake resets `idle` and `delay` to 20µs; an M taking a P for a netpoll or timer
 * wake-up does not wake it. Either way the round then goes on with the network poll and retake.
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go (sysmon)
 */
export function sysmon(w: World, resumed: boolean): void {
  const s = w.s;
  if (resumed) {
    s.sysmonWait = false;
  } else if (s.pidle.length === s.cfg.gomaxprocs) {
    const next = timeSleepUntil(w);
    if (next > s.now) {
      s.sysmonWait = true;
      const sleep = Math.min(next - s.now, FORCE_GC_PERIOD_NS / 2);
      pushEventIn(s, sleep, EvKind.Sysmon, SYSMON_RESUME, s.sysmonGen);
      return;
    }
  }
  // Fact 11: poll the network if nobody has for 10ms.
  if (s.netWaiters > 0 && s.lastpoll !== 0 && s.lastpoll + SYSMON_NETPOLL_NS < s.now) {
    s.lastpoll = s.now;
    injectglist(w, netpoll(w), null);
  }
  // An overdue timer on a P nobody runs: start an M for an idle P (it steals the timer).
  if (s.pidle.length > 0 && overdueTimer(w)) startm(w, null, false);
  // Fact 10: idle resets only when retake took a P from a syscall.
  if (retake(w) !== 0) s.sysmonIdle = 0;
  else s.sysmonIdle++;
  if (s.sysmonIdle === 0) s.sysmonDelay = SYSMON_MIN_DELAY_NS;
  else if (s.sysmonIdle > SYSMON_IDLE_ROUNDS) s.sysmonDelay *= 2;
  if (s.sysmonDelay > SYSMON_MAX_DELAY_NS) s.sysmonDelay = SYSMON_MAX_DELAY_NS;
  pushEventIn(s, s.sysmonDelay, EvKind.Sysmon, 0, s.sysmonGen);
}

function overdueTimer(w: World): boolean {
  const allp = w.s.allp;
  for (let i = 0; i < allp.length; i++) {
    const p = allp[i]!;
    if (p.status !== '_Prunning' && hasDueTimer(w, p)) return true;
  }
  return false;
}

/** Facts 9 and 14. Returns how many Ps were taken from syscalls. */
export function retake(w: World): number {
  const s = w.s;
  let n = 0;
  const allp = s.allp;
  for (let i = 0; i < allp.length; i++) {
    const p = allp[i]!;
    const pd = p.sysmontick;
    let sysretake = false;
    if (p.status === '_Prunning' || p.status === '_Psyscall') {
      if (pd.schedtick !== p.schedtick) {
        pd.schedtick = p.schedtick;
        pd.schedwhen = s.now;
      } else if (pd.schedwhen + FORCE_PREEMPT_NS <= s.now) {
        preemptone(w, p);
        sysretake = true;
      }
    }
    if (p.status !== '_Psyscall') continue;
    // Retake only after the P sat in the same syscall for a whole sysmon tick (≥ 20µs)...
    if (!sysretake && pd.syscalltick !== p.syscalltick) {
      pd.syscalltick = p.syscalltick;
      pd.syscallwhen = s.now;
      continue;
    }
    // ...and only if there is other work, nobody to do it, or the syscall has lasted 10ms.
    if (
      runqempty(p) &&
      s.nmspinning + s.pidle.length > 0 &&
      pd.syscallwhen + SYSCALL_RETAKE_NS > s.now
    ) {
      continue;
    }
    p.status = '_Pidle';
    p.syscalltick++;
    n++;
    handoffp(w, p);
  }
  return n;
}

/**
 * Fact 12: preemptone sets gp.preempt (stackguard0 = stackPreempt, seen at the next function
 * prologue) and, with async preemption (Go 1.14+), signals the M with SIGURG so asyncPreempt
 * stops the G at once. Without it a call-free loop runs on until it makes a call.
 */
export function preemptone(w: World, p: PRec): void {
  const s = w.s;
  if (p.curg === NO) return;
  const g = s.allgs[p.curg]!;
  g.preempt = true;
  const op = w.code[g.prog]!.ops[g.pc];
  const callFree = op !== undefined && p.opEnd !== NO && w.defs[g.prog]![g.pc]!.callFree === true;
  if (s.cfg.asyncPreempt || !callFree) {
    preemptNow(w, p, g, s.cfg.asyncPreempt ? 'SIGURG → asyncPreempt' : 'at its next call');
  } else if (s.trace !== null) {
    traceEvent(s, Say.NoCalls, g.idx, p.id, NO);
  }
}
