/**
 * The simulation's agenda: a binary min-heap of events ordered by (time, priority, seq), the same
 * key SimPy uses (`heappush(queue, (now + delay, priority, next(eid), event))`), so events at the
 * same instant run in a fixed order and equal keys stay FIFO; each P's latest RunP event waits in
 * a slot of its own beside the heap (RunSlots). Typed arrays (times as float64, exact
 * to 2^53 ns; kinds and G/P/M operands as int32): no boxed numbers, no element-kind changes, and a
 * checkpoint (`structuredClone`) copies them as they are.
 */
export const EvKind = {
  /** The M on P `a` carries on (op finished, or it starts/ends a scheduling round); `b` = P.gen. */
  RunP: 0,
  /**
   * `sysmon` wakes up: `a` = 0 after its `usleep(delay)`, 1 from its `sched.sysmonwait` sleep;
   * `b` = `Sched.sysmonGen` (an older one is stale).
   */
  Sysmon: 1,
  /** The syscall of G `a` returns on M `b`. */
  SyscallExit: 2,
  /** The fd G `a` waits on becomes ready (the kernel side of the netpoller). */
  NetReady: 3,
  /** A timer on P `a` is due. */
  Timer: 4,
} as const;
export type EvKind = (typeof EvKind)[keyof typeof EvKind];

/** `a` of a Sysmon event that ends sysmon's `sched.sysmonwait` sleep (0: the end of a usleep). */
export const SYSMON_RESUME = 1;

/** At one instant: the outside world first (I/O, syscalls, timers), then sysmon, then the Ps. */
const PRIORITY: readonly number[] = [2, 1, 0, 0, 0];
const TIMER_PRIORITY = PRIORITY[EvKind.Timer]!;

/**
 * (priority, seq) packed in one number, `priority * 2^44 + seq`, so the heap compares two numbers
 * per entry instead of three. Exact while seq < 2^44 (17 trillion events) and priority < 2^9.
 */
const PRIORITY_SHIFT = 2 ** 44;

/**
 * Struct-of-arrays heap; slot i holds the i-th heap entry. Capacity doubles when full.
 *
 * Beside the heap, a sorted lane: most events far in the future are timers that come in the order
 * they fall due (a server's `time.Sleep`s of one length: ~3,700 of them at 1,000 qps), and sifting
 * each through a heap that deep was the hottest part of the engine loop. A timer not earlier than
 * the lane's last joins the lane's tail instead; only the lane's first event is in the heap, so the
 * heap's root is still the earliest event of all (`t[0]`; `size` is 0 only when nothing is
 * pending), and the events come out in exactly the same order.
 */
export interface EventQueue {
  t: Float64Array;
  /** (priority, seq) of each entry, see PRIORITY_SHIFT. */
  key: Float64Array;
  kind: Int32Array;
  a: Int32Array;
  /** Float64: `b` carries a P's `gen`, which only grows. */
  b: Float64Array;
  size: number;
  nextSeq: number;
  lane: Lane;
  run: RunSlots;
}

/**
 * Each P's RunP event, outside the heap: a P has at most one live RunP event (kickP bumps `p.gen`
 * and pushes the next), and RunP events are 85% of a gmp run's, so they skip the heap's five-array
 * sifts. A slot's event replaced by a newer one is stale: it would only have been skipped when
 * popped, so it is dropped, and only the latest (time, key) of the dropped ones is kept, for
 * `pendingAfter`. The earliest slot is the root of a winner tree over the Ps.
 */
export interface RunSlots {
  /** Time of each P's event; Infinity: none (also the padding past the last P). */
  t: Float64Array;
  key: Float64Array;
  /** The `gen` of each event, `b` of the popped event (an older gen than the P's: stale). */
  gen: Float64Array;
  /** Winner tree: node k (1 <= k < n) holds the earlier P of nodes 2k and 2k+1; leaf n + p holds p. */
  win: Int32Array;
  /** Leaves: a power of two, at least the number of Ps. */
  n: number;
  /**
   * A P whose event was popped and whose path in the tree is not replayed yet, or -1. The M on it
   * usually pushes its next RunP at once, and one replay then serves both; heapFirst replays it
   * before anything reads the tree.
   */
  popped: number;
  /** The latest (time, key) of the stale events dropped from the slots; -Infinity: none. */
  staleT: number;
  staleKey: number;
}

/**
 * A ring of timer events (pushTimerEvent) in (time, key) order that follow the one lane event in
 * the heap (`leadKey`). Other events are due soon (a P's next step) or few: passing them through
 * the lane too cost the gmp bench 10%, and the view finds sysmon's next tick among the heap's.
 */
export interface Lane {
  t: Float64Array;
  key: Float64Array;
  /** The P of each timer event. */
  p: Int32Array;
  head: number;
  size: number;
  /** Key of the lane's event in the heap, or -1: none, the lane is empty. */
  leadKey: number;
  /** Time of the lane's last event (in the ring, or the lead when the ring is empty). */
  lastT: number;
}

const INITIAL_CAPACITY = 64;
const NO_LEAD = -1;

/** An agenda for `procs` Ps. */
export function newEventQueue(procs: number, capacity = INITIAL_CAPACITY): EventQueue {
  let n = 1;
  while (n < procs) n *= 2;
  const win = new Int32Array(2 * n);
  for (let p = 0; p < n; p++) win[n + p] = p;
  for (let k = n - 1; k >= 1; k--) win[k] = win[2 * k]!;
  return {
    t: new Float64Array(capacity),
    key: new Float64Array(capacity),
    kind: new Int32Array(capacity),
    a: new Int32Array(capacity),
    b: new Float64Array(capacity),
    size: 0,
    nextSeq: 0,
    lane: {
      t: new Float64Array(INITIAL_CAPACITY),
      key: new Float64Array(INITIAL_CAPACITY),
      p: new Int32Array(INITIAL_CAPACITY),
      head: 0,
      size: 0,
      leadKey: NO_LEAD,
      lastT: 0,
    },
    run: {
      t: new Float64Array(n).fill(Infinity),
      key: new Float64Array(n),
      gen: new Float64Array(n),
      win,
      n,
      popped: -1,
      staleT: -Infinity,
      staleKey: -1,
    },
  };
}

function grow(q: EventQueue): void {
  const n = 2 * q.t.length;
  q.t = copied(new Float64Array(n), q.t);
  q.key = copied(new Float64Array(n), q.key);
  q.kind = copied(new Int32Array(n), q.kind);
  q.a = copied(new Int32Array(n), q.a);
  q.b = copied(new Float64Array(n), q.b);
}

function copied<A extends Float64Array | Int32Array>(to: A, from: A): A {
  to.set(from);
  return to;
}

/** Doubles a full ring, unwrapping it so that its events start at slot 0. */
function growLane(l: Lane): void {
  const n = 2 * l.t.length;
  l.t = unwrapped(new Float64Array(n), l.t, l.head);
  l.key = unwrapped(new Float64Array(n), l.key, l.head);
  l.p = unwrapped(new Int32Array(n), l.p, l.head);
  l.head = 0;
}

function unwrapped<A extends Float64Array | Int32Array>(to: A, from: A, head: number): A {
  to.set(from.subarray(head));
  to.set(from.subarray(0, head), from.length - head);
  return to;
}

/** Moves the entry in slot `from` to slot `to`. */
function move(q: EventQueue, from: number, to: number): void {
  q.t[to] = q.t[from]!;
  q.key[to] = q.key[from]!;
  q.kind[to] = q.kind[from]!;
  q.a[to] = q.a[from]!;
  q.b[to] = q.b[from]!;
}

export function pushEvent(q: EventQueue, t: number, kind: EvKind, a: number, b: number): void {
  if (q.size === q.t.length) grow(q);
  q.t[q.size] = t;
  siftUpLast(q, kind, a, b);
}

/**
 * pushEvent at `delay` after `clock.now`. The sum is computed here and goes straight into the
 * typed array: a time past 2^31 ns is a double, and a double passed to a call that is not inlined
 * is boxed (an allocation per event); a delay is usually small.
 */
export function pushEventIn(
  clock: { readonly now: number; readonly queue: EventQueue },
  delay: number,
  kind: EvKind,
  a: number,
  b: number,
): void {
  const q = clock.queue;
  if (q.size === q.t.length) grow(q);
  q.t[q.size] = clock.now + delay;
  siftUpLast(q, kind, a, b);
}

/**
 * The RunP event of P `p` (`gen` = its P.gen) at `delay` after `clock.now`, into the P's slot. The
 * slot's previous event is stale now (its gen is older): it is only remembered in `staleT` and
 * `staleKey` if it is the latest stale one (see RunSlots).
 */
export function pushRunPIn(
  clock: { readonly now: number; readonly queue: EventQueue },
  delay: number,
  p: number,
  gen: number,
): void {
  const q = clock.queue;
  const r = q.run;
  const oldT = r.t[p]!;
  if (oldT !== Infinity && (oldT > r.staleT || (oldT === r.staleT && r.key[p]! > r.staleKey))) {
    r.staleT = oldT;
    r.staleKey = r.key[p]!;
  }
  r.t[p] = clock.now + delay;
  r.key[p] = PRIORITY[EvKind.RunP]! * PRIORITY_SHIFT + q.nextSeq++;
  r.gen[p] = gen;
  if (r.popped !== p && r.popped !== -1) replay(r, r.popped);
  r.popped = -1;
  replay(r, p);
}

/**
 * Whether the agenda still holds an event after the popped `ev`, counting the stale RunP events a
 * single heap would still hold: `finish` calls a run that stops at its horizon with nothing else
 * pending a deadlock, and the engine has always counted those.
 */
export function pendingAfter(q: EventQueue, ev: PoppedEvent): boolean {
  const r = q.run;
  return (
    nextEventTime(q) !== Infinity || r.staleT > ev.t || (r.staleT === ev.t && r.staleKey > ev.key)
  );
}

/** The winner tree after P `p`'s slot changed: the matches on its path to the root. */
function replay(r: RunSlots, p: number): void {
  const t = r.t;
  const key = r.key;
  const win = r.win;
  for (let k = (r.n + p) >> 1; k >= 1; k >>= 1) {
    const x = win[2 * k]!;
    const y = win[2 * k + 1]!;
    const xt = t[x]!;
    const yt = t[y]!;
    win[k] = xt < yt || (xt === yt && key[x]! < key[y]!) ? x : y;
  }
}

/** Whether the earliest pending event is the heap's root (false: a P's slot, or none at all). */
export function heapFirst(q: EventQueue): boolean {
  const r = q.run;
  if (r.popped !== -1) {
    replay(r, r.popped);
    r.popped = -1;
  }
  if (q.size === 0) return false;
  const p = r.win[1]!;
  const rt = r.t[p]!;
  const ht = q.t[0]!;
  return ht < rt || (ht === rt && q.key[0]! < r.key[p]!);
}

/** Time of the earliest pending event; Infinity when none. (Per-event callers read it in place.) */
export function nextEventTime(q: EventQueue): number {
  return heapFirst(q) ? q.t[0]! : q.run.t[q.run.win[1]!]!;
}

/**
 * pushEvent of an EvKind.Timer for P `p` at `when`: to the lane's tail when it comes no earlier
 * than the lane's last event, else to the heap (where it starts the lane if the lane is empty).
 */
export function pushTimerEvent(q: EventQueue, when: number, p: number): void {
  const l = q.lane;
  // No earlier than the lane's last event (at the same time it comes after it: timers share one
  // priority, so the later push has the larger key): to the lane's tail.
  if (l.leadKey !== NO_LEAD && when >= l.lastT) {
    if (l.size === l.t.length) growLane(l);
    const i = (l.head + l.size++) & (l.t.length - 1);
    l.t[i] = when;
    l.key[i] = TIMER_PRIORITY * PRIORITY_SHIFT + q.nextSeq++;
    l.p[i] = p;
    l.lastT = when;
    return;
  }
  // Into the heap: it starts the lane if the lane is empty (with the key pushEvent gives it),
  // else it is due before the lane's last event and the heap sorts it in.
  if (l.leadKey === NO_LEAD) {
    l.leadKey = TIMER_PRIORITY * PRIORITY_SHIFT + q.nextSeq;
    l.lastT = when;
  }
  pushEvent(q, when, EvKind.Timer, p, 0);
}

/** Adds the entry whose time is already in the slot past the end, keeping the heap order. */
function siftUpLast(q: EventQueue, kind: EvKind, a: number, b: number): void {
  const t = q.t[q.size]!;
  const key = PRIORITY[kind]! * PRIORITY_SHIFT + q.nextSeq++;
  // Sift the hole up from the end, then drop the new entry in.
  let i = q.size++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pt = q.t[parent]!;
    if (pt < t || (pt === t && q.key[parent]! < key)) break;
    move(q, parent, i);
    i = parent;
  }
  q.t[i] = t;
  q.key[i] = key;
  q.kind[i] = kind;
  q.a[i] = a;
  q.b[i] = b;
}

/** Removes the earliest event into `out` (reused to avoid allocation). False when empty. */
export function popEvent(q: EventQueue, out: PoppedEvent): boolean {
  if (!heapFirst(q)) {
    const r = q.run;
    const p = r.win[1]!;
    if (r.t[p]! === Infinity) return false;
    out.t = r.t[p]!;
    out.key = r.key[p]!;
    out.kind = EvKind.RunP;
    out.a = p;
    out.b = r.gen[p]!;
    r.t[p] = Infinity;
    r.popped = p;
    return true;
  }
  out.t = q.t[0]!;
  out.key = q.key[0]!;
  out.kind = q.kind[0] as EvKind;
  out.a = q.a[0]!;
  out.b = q.b[0]!;
  if (q.kind[0] === EvKind.Timer && q.key[0] === q.lane.leadKey && promoteLane(q)) return true;
  // The last entry fills the root's slot.
  const last = --q.size;
  if (last > 0) fillRoot(q, last, q.kind[last] as EvKind, q.a[last]!, q.b[last]!);
  return true;
}

/**
 * The lane's event is leaving the heap's root: the next one in the lane takes its slot (true), or
 * the lane is now empty (false).
 */
function promoteLane(q: EventQueue): boolean {
  const l = q.lane;
  if (l.size === 0) {
    l.leadKey = NO_LEAD;
    return false;
  }
  const i = l.head;
  l.head = (i + 1) & (l.t.length - 1);
  l.size--;
  l.leadKey = l.key[i]!;
  if (q.size === q.t.length) grow(q);
  q.t[q.size] = l.t[i]!;
  q.key[q.size] = l.key[i]!;
  fillRoot(q, q.size, EvKind.Timer, l.p[i]!, 0);
  return true;
}

/**
 * Fills the root's empty slot with the entry whose time and key are in slot `from` (the last
 * one, or the slot past the end; doubles passed to a call that is not inlined would be boxed),
 * sifting the hole down past earlier children of the `size` entries.
 */
function fillRoot(q: EventQueue, from: number, kind: EvKind, a: number, b: number): void {
  const t = q.t[from]!;
  const key = q.key[from]!;
  const n = q.size;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    let c = l;
    let ct = q.t[l]!;
    if (r < n) {
      const rt = q.t[r]!;
      if (rt < ct || (rt === ct && q.key[r]! < q.key[l]!)) {
        c = r;
        ct = rt;
      }
    }
    if (ct > t || (ct === t && q.key[c]! > key)) break;
    move(q, c, i);
    i = c;
  }
  q.t[i] = t;
  q.key[i] = key;
  q.kind[i] = kind;
  q.a[i] = a;
  q.b[i] = b;
}

export interface PoppedEvent {
  t: number;
  /** (priority, seq), see PRIORITY_SHIFT. */
  key: number;
  kind: EvKind;
  a: number;
  b: number;
}
