/**
 * Per-P timers (fact 27): one heap per P since Go 1.14, run by the P's own M in findRunnable, by
 * thieves in stealWork's last pass, and for idle Ps by an M woken for the timer.
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go
 */
import { pushTimerEvent } from './event-queue.ts';
import { goready } from './park.ts';
import { acquirep, kickP, pidleget, pidleremove, startm } from './m.ts';
import { M_WAKE_NS } from './constants.ts';
import type { World } from './program.ts';
import { firstWake, sleepers, sleepPopMin, sleepPush } from './sleep-heap.ts';
import { NO, type PRec } from './state.ts';
import { Say } from './trace-text.ts';
import { traceArgs, traceEvent } from './trace.ts';

/** Adds a timer for G `gi` to P `p`'s 4-ary heap (the runtime's timerHeapN). */
export function addTimer(w: World, p: PRec, when: number, gi: number): void {
  const s = w.s;
  sleepPush(p.timers, when, gi);
  pushTimerEvent(s.queue, when, p.id);
  if (s.trace !== null) traceArgs(s, traceEvent(s, Say.Sleep, gi, p.id, NO), when - s.now);
}

/**
 * Other timer kinds (AfterFunc, channel timers, context deadlines: stdlib/) live in their own
 * per-P heaps and register here, so the engine runs them at the same points as its sleep timers:
 * findRunnable's check, stealWork's last pass, and the M woken for an idle P's timer. A source
 * pushes an `EvKind.Timer` event for its P at each `when` it adds.
 */
export interface TimerSource {
  /** A timer of P `p` is due now. */
  due(w: World, p: PRec): boolean;
  /** P `p` holds timers, due or not (an idle M then blocks in netpoll until the next one). */
  pending(w: World, p: PRec): boolean;
  /** Runs `owner`'s due timers on `cur`, the P of the M running them; true if any ran. */
  run(w: World, owner: PRec, cur: PRec): boolean;
}

const sources: TimerSource[] = [];

export function registerTimerSource(source: TimerSource): void {
  if (!sources.includes(source)) sources.push(source);
}

export function hasDueTimer(w: World, p: PRec): boolean {
  if (firstWake(p.timers) <= w.s.now) return true;
  for (let i = 0; i < sources.length; i++) if (sources[i]!.due(w, p)) return true;
  return false;
}

export function hasTimers(w: World, p: PRec): boolean {
  if (sleepers(p.timers) > 0) return true;
  for (let i = 0; i < sources.length; i++) if (sources[i]!.pending(w, p)) return true;
  return false;
}

/**
 * Timer heaps the engine does not run itself (stdlib/'s, run by StdlibSimulation) still decide
 * how long sysmon sleeps: each registers its earliest `when` over every P (Infinity with none).
 */
export type EarliestTimer = (w: World) => number;
const earliestTimers: EarliestTimer[] = [];

export function registerEarliestTimer(earliest: EarliestTimer): void {
  if (!earliestTimers.includes(earliest)) earliestTimers.push(earliest);
}

/**
 * timeSleepUntil: the earliest timer over every P (Infinity with none), how long sysmon may sleep
 * while every P is idle. https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go
 */
export function timeSleepUntil(w: World): number {
  let next = Infinity;
  const allp = w.s.allp;
  for (let i = 0; i < allp.length; i++) {
    const first = firstWake(allp[i]!.timers);
    if (first < next) next = first;
  }
  for (let i = 0; i < earliestTimers.length; i++) next = Math.min(next, earliestTimers[i]!(w));
  return next;
}

/** `pp.timers.check(now)`: run `owner`'s due timers; each readies its G onto `cur` (the M's P). */
export function checkTimers(w: World, owner: PRec, cur: PRec): boolean {
  const s = w.s;
  let ran = false;
  while (firstWake(owner.timers) <= s.now) {
    const gi = sleepPopMin(owner.timers);
    ran = true;
    if (s.trace !== null) traceEvent(s, Say.SleepFires, gi, cur.id, NO);
    goready(w, gi, cur);
  }
  for (let i = 0; i < sources.length; i++) if (sources[i]!.run(w, owner, cur)) ran = true;
  return ran;
}

/**
 * A timer came due. A P with an M runs it at its next schedule(), or a thief does; an idle P's
 * timer wakes the M blocked in netpoll (its poll timeout is the next timer), or a new M.
 */
export function onTimer(w: World, pid: number): void {
  const s = w.s;
  let p = s.allp[pid]!;
  if (!hasDueTimer(w, p)) return;
  if (p.status !== '_Pidle') {
    // The P is busy: the M blocked in netpoll (its timeout was this timer) wakes, takes an idle P
    // and steals the timer in stealWork's last pass.
    const idle = s.pollerM === NO ? null : pidleget(s);
    if (idle === null) return;
    p = idle;
  } else {
    pidleremove(s, p);
  }
  if (s.pollerM !== NO) {
    const m = s.allm[s.pollerM]!;
    s.pollerM = NO;
    s.lastpoll = s.now;
    acquirep(m, p);
    kickP(s, p, M_WAKE_NS);
    return;
  }
  startm(w, p, false);
}
