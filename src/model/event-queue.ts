/**
 * The simulation's agenda: a binary min-heap of events ordered by (time, priority, seq), the same
 * key SimPy uses (`heappush(queue, (now + delay, priority, next(eid), event))`), so events at the
 * same instant run in a fixed order and equal keys stay FIFO. Plain arrays of numbers: a
 * checkpoint is a copy.
 */
export const EvKind = {
  /** The M on P `a` carries on (op finished, or it starts/ends a scheduling round); `b` = P.gen. */
  RunP: 0,
  /** `sysmon` wakes up. */
  Sysmon: 1,
  /** The syscall of G `a` returns on M `b`. */
  SyscallExit: 2,
  /** The fd G `a` waits on becomes ready (the kernel side of the netpoller). */
  NetReady: 3,
  /** A timer on P `a` is due. */
  Timer: 4,
} as const;
export type EvKind = (typeof EvKind)[keyof typeof EvKind];

/** At one instant: the outside world first (I/O, syscalls, timers), then sysmon, then the Ps. */
const PRIORITY: readonly number[] = [2, 1, 0, 0, 0];

/** Struct-of-arrays heap; slot i holds the i-th heap entry. */
export interface EventQueue {
  t: number[];
  prio: number[];
  seq: number[];
  kind: EvKind[];
  a: number[];
  b: number[];
  size: number;
  nextSeq: number;
}

export function newEventQueue(): EventQueue {
  return { t: [], prio: [], seq: [], kind: [], a: [], b: [], size: 0, nextSeq: 0 };
}

function less(q: EventQueue, i: number, j: number): boolean {
  const ti = q.t[i]!;
  const tj = q.t[j]!;
  if (ti !== tj) return ti < tj;
  const pi = q.prio[i]!;
  const pj = q.prio[j]!;
  if (pi !== pj) return pi < pj;
  return q.seq[i]! < q.seq[j]!;
}

function swap(q: EventQueue, i: number, j: number): void {
  swapIn(q.t, i, j);
  swapIn(q.prio, i, j);
  swapIn(q.seq, i, j);
  swapIn(q.kind, i, j);
  swapIn(q.a, i, j);
  swapIn(q.b, i, j);
}

function swapIn<T>(arr: T[], i: number, j: number): void {
  const x = arr[i]!;
  arr[i] = arr[j]!;
  arr[j] = x;
}

export function pushEvent(q: EventQueue, t: number, kind: EvKind, a: number, b: number): void {
  let i = q.size++;
  q.t[i] = t;
  q.prio[i] = PRIORITY[kind]!;
  q.seq[i] = q.nextSeq++;
  q.kind[i] = kind;
  q.a[i] = a;
  q.b[i] = b;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(q, i, parent)) break;
    swap(q, i, parent);
    i = parent;
  }
}

/** Removes the earliest event into `out` (reused to avoid allocation). False when empty. */
export function popEvent(q: EventQueue, out: PoppedEvent): boolean {
  if (q.size === 0) return false;
  out.t = q.t[0]!;
  out.kind = q.kind[0]!;
  out.a = q.a[0]!;
  out.b = q.b[0]!;
  const last = --q.size;
  if (last > 0) {
    q.t[0] = q.t[last]!;
    q.prio[0] = q.prio[last]!;
    q.seq[0] = q.seq[last]!;
    q.kind[0] = q.kind[last]!;
    q.a[0] = q.a[last]!;
    q.b[0] = q.b[last]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && less(q, r, l) ? r : l;
      if (!less(q, c, i)) break;
      swap(q, c, i);
      i = c;
    }
  }
  return true;
}

export interface PoppedEvent {
  t: number;
  kind: EvKind;
  a: number;
  b: number;
}

export function peekTime(q: EventQueue): number {
  return q.size === 0 ? Infinity : q.t[0]!;
}
