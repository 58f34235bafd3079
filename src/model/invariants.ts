/**
 * The model's structural invariants (design.md "Tests"), checked by the property tests after
 * every event: each G is in exactly one place and its record agrees with the container holding
 * it; counts add up; at most GOMAXPROCS Gs run; no local queue exceeds 256.
 * Returns the first violation found, or null.
 */
import { LOCAL_RUNQ_SIZE } from './constants.ts';
import { NO, type Sched, type Where } from './state.ts';

export function checkInvariants(s: Sched): string | null {
  const seen = new Map<number, Where>();
  const put = (gi: number, where: Where): string | null => {
    const prev = seen.get(gi);
    if (prev !== undefined) return `G slot ${gi} is both ${prev} and ${where}`;
    seen.set(gi, where);
    const g = s.allgs[gi];
    if (g === undefined) return `unknown G slot ${gi} in ${where}`;
    if (g.where !== where) return `G${g.goid} is in ${where} but its record says ${g.where}`;
    return null;
  };
  let running = 0;
  for (const p of s.allp) {
    const len = p.runqtail - p.runqhead;
    if (len < 0 || len > LOCAL_RUNQ_SIZE) return `P${p.id} local queue holds ${len}`;
    for (let i = p.runqhead; i < p.runqtail; i++) {
      const gi = p.runq[i & (LOCAL_RUNQ_SIZE - 1)]!;
      const err = put(gi, 'localq');
      if (err !== null) return err;
      if (s.allgs[gi]!.runqpos !== i)
        return `G slot ${gi} at P${p.id}'s ring slot ${i} says ${s.allgs[gi]!.runqpos}`;
    }
    if (p.runnext !== NO) {
      const err = put(p.runnext, 'runnext');
      if (err !== null) return err;
    }
    if (p.curg !== NO) {
      if (p.status !== '_Prunning') return `P${p.id} is ${p.status} with a current G`;
      const err = put(p.curg, 'running');
      if (err !== null) return err;
      running++;
    }
    if (p.status === '_Pidle' && (len > 0 || p.runnext !== NO))
      return `idle P${p.id} has queued Gs`;
  }
  if (running > s.cfg.gomaxprocs)
    return `${running} Gs running with GOMAXPROCS=${s.cfg.gomaxprocs}`;
  const taken = s.runqPuts - (s.runq.length - s.runqHead);
  for (let i = s.runqHead; i < s.runq.length; i++) {
    const err = put(s.runq[i]!, 'globalq');
    if (err !== null) return err;
    const pos = taken + i - s.runqHead;
    if (s.allgs[s.runq[i]!]!.runqpos !== pos)
      return `G slot ${s.runq[i]!} in the global queue at ${pos} says ${s.allgs[s.runq[i]!]!.runqpos}`;
  }
  let live = 0;
  for (const g of s.allgs) {
    if (g.where === 'dead') {
      if (g.status !== '_Gdead') return `dead G${g.goid} has status ${g.status}`;
      continue;
    }
    live++;
    if (g.where === 'waiting' || g.where === 'netpoll') {
      if (g.status !== '_Gwaiting' && !(g.where === 'netpoll' && g.status === '_Grunnable')) {
        return `G${g.goid} in ${g.where} has status ${g.status}`;
      }
      const err = put(g.idx, g.where);
      if (err !== null) return err;
    } else if (g.where === 'syscall') {
      const m = s.allm[g.at];
      if (m === undefined || !m.inSyscall || m.curg !== g.idx)
        return `G${g.goid} in a syscall without its M`;
      const err = put(g.idx, 'syscall');
      if (err !== null) return err;
    } else if (!seen.has(g.idx)) {
      return `G${g.goid} says ${g.where} but no queue holds it`;
    }
  }
  if (live !== s.ngLive) return `ngLive=${s.ngLive} but ${live} Gs are alive`;
  if (s.pidle.length + s.allp.filter((p) => p.status !== '_Pidle').length !== s.allp.length) {
    return 'pidle list disagrees with P statuses';
  }
  return null;
}
