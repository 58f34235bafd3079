/**
 * Timers: the table of timers and each P's 4-ary heap, with the user API on top (`time.Sleep`,
 * `time.AfterFunc`, `NewTimer`/`After`, `Stop`, `Reset`). Plain data; firing a timer returns what
 * must happen (ready a G, start `go f()`, send on `t.C`) and the engine does it.
 *
 * There is no goroutine per pending timer: a timer is an entry in the heap of the P that started
 * it, holding its closure. Only when an `AfterFunc` timer fires does `goFunc` start a new goroutine.
 *
 * Go 1.23 changed channel timers (`NewTimer`, `After`, `Tick`): their channel is synchronous and
 * the timer sits in a heap only while a goroutine is blocked on it (`t.blocked > 0`), so an
 * unreferenced timer can be collected before it fires. Before 1.23 every started timer stays in the
 * heap until it fires or is stopped: `time.After` in a loop holds memory until each fires.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go (needsAdd, maybeRunChan)
 * @see https://github.com/golang/go/blob/go1.25.0/src/time/sleep.go (AfterFunc, goFunc)
 */
import {
  heapFilter,
  heapLen,
  heapPopMin,
  heapPush,
  newTimerHeap,
  type TimerHeap,
} from './timer-heap.ts';
import type { GoMinor } from './wait-reasons.ts';
import { idDelete, idGet, idSet, newIdTable, type IdTable } from './id-table.ts';

/** What firing a timer does. */
export type TimerFire =
  /** `time.Sleep` (and the scheduler's own sleep timers): `goready` the sleeping G. */
  | { readonly kind: 'ready'; readonly g: number }
  /**
   * `AfterFunc`: `goFunc` runs `go f()`. `fn` names the function for the scenario; `arg` is what
   * the closure captured (an id the scenario understands).
   */
  | { readonly kind: 'go'; readonly fn: string; readonly arg: number }
  /** A channel timer: `sendTime` on `t.C` without blocking. */
  | { readonly kind: 'send'; readonly chan: number }
  /**
   * Not a Go timer function: the model's clock for something outside the program (clients of
   * a server) that acts at set times. `handler` names a function registered with the engine bridge.
   */
  | { readonly kind: 'external'; readonly handler: string; readonly arg: number };

export interface Timer {
  id: number;
  /** The P whose heap holds (or last held) the timer. */
  p: number;
  /** When it is due, ns; meaningful while `pending`. */
  when: number;
  /** Ticker period, ns; 0 for one-shot timers. */
  period: number;
  fire: TimerFire;
  /** Bytes the timer keeps reachable while pending: its closure and what that captures. */
  bytes: number;
  /** Started and neither fired (one-shot) nor stopped. */
  pending: boolean;
  /** In a heap right now (Go 1.23 channel timers leave the heap while nobody waits on them). */
  heaped: boolean;
  isChan: boolean;
  /** Goroutines blocked receiving from `t.C` (Go 1.23's `t.blocked`). */
  blocked: number;
  /** The `seq` of this timer's live heap entry. */
  heapSeq: number;
}

export interface TimerState {
  goMinor: GoMinor;
  nextId: number;
  nextHeapSeq: number;
  timers: IdTable<Timer>;
  /**
   * One heap per P. Entries hold their timer record (the runtime's heap holds `*timer` too):
   * whether the top entry is live, on every look at a heap, is read off the record without an
   * id-table lookup. A record freed and reused under a new id is not mistaken for the old one: it
   * is out of every heap (`heaped` false) or heaped under a newer `heapSeq`.
   */
  heaps: TimerHeap<Timer>[];
  /** Stopped timers still in a heap ("zombies"), per P, cleaned when they pass a quarter of it. */
  zombies: number[];
  /** Pending timers and the bytes they hold: what a reader sees pile up. */
  pending: number;
  /** Of those, func timers (`AfterFunc`, context deadlines): channel timers left out. */
  pendingFunc: number;
  /** Per P, the most entries its heap has held (the heap slice keeps that capacity). */
  maxHeapLen: number[];
  heldBytes: number;
  /** Timers that fired (one-shots and ticker ticks). */
  fired: number;
  /** Freed timer records, reused by `addTimer` (a server starts one or more per request). */
  free: Timer[];
  /**
   * Counts the changes that can move a heap's earliest live timer (a push, a pop of a due timer,
   * a timer leaving its heap), so a caller can keep the earliest timer until the next change
   * instead of looking at every heap on every event (StdlibSimulation). Dropping zombies off a
   * heap's top does not count: the earliest live timer stays the same.
   */
  changes: number;
}

export function newTimerState(gomaxprocs: number, goMinor: GoMinor): TimerState {
  return {
    goMinor,
    nextId: 1,
    nextHeapSeq: 1,
    timers: newIdTable(),
    heaps: Array.from({ length: gomaxprocs }, () => newTimerHeap<Timer>()),
    zombies: Array.from({ length: gomaxprocs }, () => 0),
    pending: 0,
    pendingFunc: 0,
    maxHeapLen: Array.from({ length: gomaxprocs }, () => 0),
    heldBytes: 0,
    fired: 0,
    free: [],
    changes: 0,
  };
}

function timerOf(ts: TimerState, id: number): Timer {
  const t = idGet(ts.timers, id);
  if (t === undefined) throw new Error(`no timer ${id}`);
  return t;
}

/** `needsAdd`: func timers always; channel timers from 1.23 only while someone is blocked on them. */
function needsHeap(ts: TimerState, t: Timer): boolean {
  return t.pending && (!t.isChan || ts.goMinor < 23 || t.blocked > 0);
}

function unheap(ts: TimerState, t: Timer): void {
  if (!t.heaped) return;
  t.heaped = false;
  ts.changes++;
  const heap = ts.heaps[t.p] as TimerHeap<Timer>;
  const zombies = (ts.zombies[t.p] ?? 0) + 1;
  ts.zombies[t.p] = zombies;
  // `adjust`: once zombies pass a quarter of the heap, sweep them out in one pass.
  if (zombies > heapLen(heap) / 4) {
    heapFilter(heap, isLive);
    ts.zombies[t.p] = 0;
  }
}

/** Whether a heap entry (`t` armed as `seq`) is the timer's live one, not a zombie. */
function isLive(t: Timer, seq: number): boolean {
  return t.heaped && t.heapSeq === seq;
}

function heapIfNeeded(ts: TimerState, t: Timer, p: number): void {
  if (t.heaped || !needsHeap(ts, t)) return;
  t.p = p;
  t.heaped = true;
  t.heapSeq = ts.nextHeapSeq++;
  const heap = ts.heaps[p] as TimerHeap<Timer>;
  heapPush(heap, t.when, t.heapSeq, t);
  ts.changes++;
  const n = heapLen(heap);
  if (n > (ts.maxHeapLen[p] ?? 0)) ts.maxHeapLen[p] = n;
}

function countPending(ts: TimerState, t: Timer, delta: 1 | -1): void {
  ts.pending += delta;
  if (!t.isChan) ts.pendingFunc += delta;
  ts.heldBytes += delta * t.bytes;
}

function start(ts: TimerState, t: Timer, when: number, p: number): void {
  if (!t.pending) countPending(ts, t, 1);
  t.pending = true;
  t.when = when;
  if (t.heaped) {
    // Re-arming a heaped timer: the old entry becomes a zombie, the new one goes in.
    unheap(ts, t);
  }
  heapIfNeeded(ts, t, p);
}

/**
 * Create and start a timer on P `p` due at `when`. `bytes` is what its closure keeps alive.
 * Returns the timer's id.
 */
export function addTimer(
  ts: TimerState,
  p: number,
  when: number,
  fire: TimerFire,
  options: { bytes?: number; period?: number; isChan?: boolean } = {},
): number {
  const id = ts.nextId++;
  const period = options.period ?? 0;
  const bytes = options.bytes ?? 0;
  const isChan = options.isChan ?? false;
  let t = ts.free.pop();
  if (t === undefined) {
    t = {
      id,
      p,
      when,
      period,
      fire,
      bytes,
      pending: false,
      heaped: false,
      isChan,
      blocked: 0,
      heapSeq: 0,
    };
  } else {
    t.id = id;
    t.p = p;
    t.when = when;
    t.period = period;
    t.fire = fire;
    t.bytes = bytes;
    t.pending = false;
    t.heaped = false;
    t.isChan = isChan;
    t.blocked = 0;
    t.heapSeq = 0;
  }
  idSet(ts.timers, id, t);
  start(ts, t, when, p);
  return id;
}

/** `Timer.Stop`: true if it stopped the timer, false if it had already fired or been stopped. */
export function stopTimer(ts: TimerState, id: number): boolean {
  const t = timerOf(ts, id);
  if (!t.pending) return false;
  t.pending = false;
  countPending(ts, t, -1);
  unheap(ts, t);
  return true;
}

/** `Timer.Reset`: re-arm at `when` on P `p`; true if the timer had been pending. */
export function resetTimer(ts: TimerState, id: number, p: number, when: number): boolean {
  const t = timerOf(ts, id);
  const wasPending = t.pending;
  start(ts, t, when, p);
  return wasPending;
}

/** Forget a timer nothing references any more (after it fired or was stopped). */
export function freeTimer(ts: TimerState, id: number): void {
  const t = idGet(ts.timers, id);
  if (t === undefined) return;
  if (t.pending) stopTimer(ts, id);
  idDelete(ts.timers, id);
  ts.free.push(t);
}

/** Go 1.23 `blockTimerChan`/`unblockTimerChan`: a receiver starts or stops waiting on `t.C`. */
export function timerChanBlocked(ts: TimerState, id: number, p: number, delta: 1 | -1): void {
  const t = idGet(ts.timers, id);
  if (t === undefined) return;
  t.blocked += delta;
  if (needsHeap(ts, t)) heapIfNeeded(ts, t, p);
  else if (t.heaped && t.isChan && ts.goMinor >= 23) unheap(ts, t);
}

/**
 * Go 1.23 `maybeRunChan`: a channel timer out of the heap that is already due fires now, when
 * someone looks at its channel. Returns what to do, or null.
 */
export function maybeRunChan(ts: TimerState, id: number, now: number): TimerFire | null {
  const t = idGet(ts.timers, id);
  if (t === undefined || t.heaped || !t.pending || t.when > now) return null;
  return fireTimer(ts, t, now);
}

function fireTimer(ts: TimerState, t: Timer, now: number): TimerFire {
  ts.fired++;
  if (t.period > 0) {
    // A ticker re-arms at its next multiple, skipping ticks it is too late for (`unlockAndRun`).
    const late = now - t.when;
    t.when += t.period * (1 + Math.floor(late / t.period));
    t.heaped = false;
    heapIfNeeded(ts, t, t.p);
  } else {
    t.pending = false;
    t.heaped = false;
    countPending(ts, t, -1);
  }
  return t.fire;
}

/**
 * Drops zombies from the top of P `p`'s heap; true if a live timer is left on top. Its `when` is
 * the heap's `ws[0]`, which hot callers read themselves: a time past 2^31 ns is a double, and a
 * double returned from a call that is not inlined is boxed (an allocation per call).
 */
export function hasLiveTop(ts: TimerState, p: number): boolean {
  const heap = ts.heaps[p] as TimerHeap<Timer>;
  while (heapLen(heap) > 0) {
    if (isLive(heap.timers[0] as Timer, heap.ws[1] as number)) return true;
    heapPopMin(heap);
    ts.zombies[p] = Math.max(0, (ts.zombies[p] ?? 0) - 1);
  }
  return false;
}

/** The earliest `when` in P `p`'s heap (Infinity when it has none), dropping zombies on top. */
export function nextWhen(ts: TimerState, p: number): number {
  return hasLiveTop(ts, p) ? ((ts.heaps[p] as TimerHeap<Timer>).ws[0] as number) : Infinity;
}

/** The earliest due time over every P. */
export function nextWhenAnyP(ts: TimerState): number {
  let earliest = Infinity;
  for (let p = 0; p < ts.heaps.length; p++) earliest = Math.min(earliest, nextWhen(ts, p));
  return earliest;
}

/**
 * `timers.check` → `run`: fire every timer in P `p`'s heap due at or before `now`, in heap order.
 * Returns the actions for the engine to carry out.
 */
export function runDueTimers(ts: TimerState, p: number, now: number): TimerFire[] {
  const fires: TimerFire[] = [];
  popDueTimers(ts, p, now, fires);
  return fires;
}

/** `runDueTimers` appending to `out` (the engine's hot path reuses one array). */
export function popDueTimers(ts: TimerState, p: number, now: number, out: TimerFire[]): void {
  const heap = ts.heaps[p] as TimerHeap<Timer>;
  while (hasLiveTop(ts, p) && (heap.ws[0] as number) <= now) {
    const t = heap.timers[0] as Timer;
    heapPopMin(heap);
    ts.changes++;
    out.push(fireTimer(ts, t, now));
  }
}
