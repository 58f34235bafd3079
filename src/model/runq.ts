/**
 * Run queues: the per-P `runnext` slot and 256-slot ring, and the global queue (facts 1-5, 7).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go (runqput, runqputslow, runqget,
 * runqgrab, runqsteal, globrunqput, globrunqgetbatch).
 */
import { LOCAL_RUNQ_SIZE } from './constants.ts';
import { NO, globalRunqLen, type PRec, type Sched } from './state.ts';

const HALF = LOCAL_RUNQ_SIZE / 2;

function toLocal(s: Sched, p: PRec, gi: number): void {
  p.runq[p.runqtail & (LOCAL_RUNQ_SIZE - 1)] = gi;
  const g = s.allgs[gi]!;
  g.runqpos = p.runqtail++;
  g.where = 'localq';
  g.at = p.id;
}

/**
 * Fact 2: with `next`, the G takes `runnext` and the G already there moves to the tail of the
 * ring. Fact 3: a full ring sends half of it plus the G to the global queue (runqputslow).
 */
export function runqput(s: Sched, p: PRec, gi: number, next: boolean): void {
  const g = s.allgs[gi]!;
  g.status = '_Grunnable';
  g.waitReason = '';
  if (next) {
    const old = p.runnext;
    p.runnext = gi;
    g.where = 'runnext';
    g.at = p.id;
    if (old === NO) return;
    gi = old;
  }
  if (p.runqtail - p.runqhead < LOCAL_RUNQ_SIZE) {
    toLocal(s, p, gi);
    return;
  }
  runqputslow(s, p, gi);
}

/** Fact 3: `var batch [len(pp.runq)/2 + 1]*g` — 128 from the head plus gp, in order. */
export function runqputslow(s: Sched, p: PRec, gi: number): void {
  for (let i = 0; i < HALF; i++) {
    globrunqput(s, p.runq[p.runqhead & (LOCAL_RUNQ_SIZE - 1)]!);
    p.runqhead++;
  }
  globrunqput(s, gi);
}

/** A G found to run, and whether it inherits the current time slice (fact 9). Reused, not allocated. */
export interface Found {
  g: number;
  inheritTime: boolean;
}

/** Fact 2: `runnext` first (the G inherits the time slice), then the head of the ring. */
export function runqget(p: PRec, out: Found): boolean {
  if (p.runnext !== NO) {
    out.g = p.runnext;
    out.inheritTime = true;
    p.runnext = NO;
    return true;
  }
  if (p.runqhead === p.runqtail) return false;
  out.g = p.runq[p.runqhead & (LOCAL_RUNQ_SIZE - 1)]!;
  out.inheritTime = false;
  p.runqhead++;
  return true;
}

export function runqempty(p: PRec): boolean {
  return p.runqhead === p.runqtail && p.runnext === NO;
}

export function globrunqput(s: Sched, gi: number): void {
  s.runq.push(gi);
  const g = s.allgs[gi]!;
  g.runqpos = s.runqPuts++;
  g.status = '_Grunnable';
  g.where = 'globalq';
  g.at = NO;
}

function globrunqpop(s: Sched): number {
  const gi = s.runq[s.runqHead++]!;
  // Compact now and then so the array does not grow without bound. slice is a memcpy; a generic
  // Array copyWithin goes element by element and cost 7% of the gmp bench in a profile.
  if (s.runqHead > 1024 && s.runqHead * 2 > s.runq.length) {
    s.runq = s.runq.slice(s.runqHead);
    s.runqHead = 0;
  }
  return gi;
}

/**
 * Fact 5 (globrunqgetbatch in 1.25, globrunqget(pp, 0) before): take
 * n = min(globalSize, globalSize/GOMAXPROCS + 1, len(runq)/2), return the first, queue the rest
 * locally. With `max` > 0 (the 1-in-61 fairness check, fact 4) take at most `max`.
 */
export function globrunqget(s: Sched, p: PRec, max: number): number {
  const size = globalRunqLen(s);
  if (size === 0) return NO;
  let n = Math.min(size, Math.floor(size / s.cfg.gomaxprocs) + 1);
  if (max > 0 && n > max) n = max;
  if (n > HALF) n = HALF;
  const gi = globrunqpop(s);
  for (let i = 1; i < n; i++) runqput(s, p, globrunqpop(s), false);
  return gi;
}

/** What runqsteal took: the G to run and how many Gs moved. Reused: a steal allocates nothing. */
export interface Stolen {
  g: number;
  n: number;
}
const stolen: Stolen = { g: NO, n: 0 };

/**
 * Fact 7: runqgrab takes `n - n/2` (half, rounded up) from the victim's ring; only when the ring
 * is empty and `stealRunNextG` is set does it take the victim's `runnext`. runqsteal runs the last
 * grabbed G and puts the others on the thief's tail. Returns the G to run and how many moved (one
 * shared record, valid until the next call), or null.
 */
export function runqsteal(
  s: Sched,
  thief: PRec,
  victim: PRec,
  stealRunNextG: boolean,
): Readonly<Stolen> | null {
  let n = victim.runqtail - victim.runqhead;
  n = n - Math.floor(n / 2);
  if (n === 0) {
    if (!stealRunNextG || victim.runnext === NO) return null;
    // The real thief first sleeps 3µs (usleep(3)) to let a running victim schedule its runnext;
    // the model takes the G at once: no event happens on the victim in between.
    stolen.g = victim.runnext;
    stolen.n = 1;
    victim.runnext = NO;
    return stolen;
  }
  // All but the last grabbed go to the thief's tail in order; the last one runs.
  for (let i = 1; i < n; i++) {
    toLocal(s, thief, victim.runq[victim.runqhead & (LOCAL_RUNQ_SIZE - 1)]!);
    victim.runqhead++;
  }
  stolen.g = victim.runq[victim.runqhead & (LOCAL_RUNQ_SIZE - 1)]!;
  stolen.n = n;
  victim.runqhead++;
  return stolen;
}
