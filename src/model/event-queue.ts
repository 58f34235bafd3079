/**
 * The simulation's agenda: a binary min-heap of events ordered by (time, priority, seq), the same
 * key SimPy uses (`heappush(queue, (now + delay, priority, next(eid), event))`), so events at the
 * same instant run in a fixed order and equal keys stay FIFO. Typed arrays (times as float64, exact
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

/**
 * (priority, seq) packed in one number, `priority * 2^44 + seq`, so the heap compares two numbers
 * per entry instead of three. Exact while seq < 2^44 (17 trillion events) and priority < 2^9.
 */
const PRIORITY_SHIFT = 2 ** 44;

/** Struct-of-arrays heap; slot i holds the i-th heap entry. Capacity doubles when full. */
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
}

const INITIAL_CAPACITY = 64;

export function newEventQueue(capacity = INITIAL_CAPACITY): EventQueue {
  return {
    t: new Float64Array(capacity),
    key: new Float64Array(capacity),
    kind: new Int32Array(capacity),
    a: new Int32Array(capacity),
    b: new Float64Array(capacity),
    size: 0,
    nextSeq: 0,
  };
}

function grow(q: EventQueue): void {
  const bigger = newEventQueue(2 * q.t.length);
  bigger.t.set(q.t);
  bigger.key.set(q.key);
  bigger.kind.set(q.kind);
  bigger.a.set(q.a);
  bigger.b.set(q.b);
  q.t = bigger.t;
  q.key = bigger.key;
  q.kind = bigger.kind;
  q.a = bigger.a;
  q.b = bigger.b;
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
  if (q.size === 0) return false;
  out.t = q.t[0]!;
  out.kind = q.kind[0] as EvKind;
  out.a = q.a[0]!;
  out.b = q.b[0]!;
  const last = --q.size;
  if (last === 0) return true;
  // Sift the hole at the root down, then drop the last entry in.
  const t = q.t[last]!;
  const key = q.key[last]!;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= last) break;
    const r = l + 1;
    let c = l;
    let ct = q.t[l]!;
    if (r < last) {
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
  move(q, last, i);
  return true;
}

export interface PoppedEvent {
  t: number;
  kind: EvKind;
  a: number;
  b: number;
}
