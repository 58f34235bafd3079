/**
 * The netpoller: a G waiting for I/O parks in `IO wait` and holds no M; when its fd is ready it
 * is handed back by a netpoll call and injectglist (fact 15).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/netpoll.go and proc.go
 */
import { M_WAKE_NS } from './constants.ts';
import { EvKind, pushEventIn } from './event-queue.ts';
import { acquirep, kickP, pidleget, startm, stopm, wakep } from './m.ts';
import { gopark } from './park.ts';
import type { World } from './program.ts';
import { globrunqput, runqput } from './runq.ts';
import { NO, type GRec, type PRec } from './state.ts';
import { Say } from './trace-text.ts';
import { traceEvent } from './trace.ts';
import { truncate } from './truncate.ts';

/** A network read that waits `ns` for data: the G parks in the poller and its M moves on. */
export function netpollBlock(w: World, g: GRec, p: PRec, ns: number): void {
  const s = w.s;
  gopark(w, g, p, 'IO wait', 'netpoll');
  s.netWaiters++;
  pushEventIn(s, ns, EvKind.NetReady, g.idx, 0);
}

/** The kernel says the fd is ready. An M blocked in netpoll returns at once; else it waits for a poll. */
export function onNetReady(w: World, gi: number): void {
  const s = w.s;
  s.netReady.push(gi);
  if (s.pollerM === NO) return;
  const m = s.allm[s.pollerM]!;
  s.pollerM = NO;
  s.lastpoll = s.now;
  const list = netpoll(w);
  const p = pidleget(s);
  if (p === null) {
    injectglist(w, list, null);
    stopm(s, m);
    return;
  }
  // findRunnable after a blocking netpoll: acquire an idle P, run the first G, inject the rest.
  acquirep(m, p);
  runqput(s, p, list.shift()!, false);
  injectglist(w, list, p);
  kickP(s, p, M_WAKE_NS);
}

/**
 * The list netpoll returns, reused (its callers hand it straight to injectglist, which never
 * polls again): no array per poll.
 */
const polled: number[] = [];

/** netpoll(0): every G whose fd is ready, now runnable (valid until the next netpoll). */
export function netpoll(w: World): number[] {
  const s = w.s;
  const list = polled;
  truncate(list, 0);
  for (let i = 0; i < s.netReady.length; i++) list.push(s.netReady[i]!);
  truncate(s.netReady, 0);
  s.netWaiters -= list.length;
  for (const gi of list) {
    const g = s.allgs[gi]!;
    g.status = '_Grunnable';
    g.waitReason = '';
    if (s.trace !== null) traceEvent(s, Say.Netpoll, gi, NO, NO);
  }
  return list;
}

/**
 * Fact 15: with no P, all go to the global queue and an M starts per idle P; with a P, one G per
 * idle P goes global (and an M is started for it), the rest to the local queue.
 */
export function injectglist(w: World, list: readonly number[], p: PRec | null): void {
  const s = w.s;
  if (list.length === 0) return;
  if (p === null) {
    for (const gi of list) globrunqput(s, gi);
    for (let i = 0; i < list.length && s.pidle.length > 0; i++) startm(w, null, false);
    return;
  }
  const npidle = s.pidle.length;
  let n = 0;
  for (; n < npidle && n < list.length; n++) globrunqput(s, list[n]!);
  for (let i = 0; i < n && s.pidle.length > 0; i++) startm(w, null, false);
  for (let i = n; i < list.length; i++) runqput(s, p, list[i]!, false);
  wakep(w);
}
