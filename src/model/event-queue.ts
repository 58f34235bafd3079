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

/** Is entry (t1, p1, s1) earlier than (t2, p2, s2)? */
function before(t1: number, p1: number, s1: number, t2: number, p2: number, s2: number): boolean {
  if (t1 !== t2) return t1 < t2;
  if (p1 !== p2) return p1 < p2;
  return s1 < s2;
}

/** Writes an entry into slot i. */
function place(
  q: EventQueue,
  i: number,
  t: number,
  prio: number,
  seq: number,
  kind: EvKind,
  a: number,
  b: number,
): void {
  q.t[i] = t;
  q.prio[i] = prio;
  q.seq[i] = seq;
  q.kind[i] = kind;
  q.a[i] = a;
  q.b[i] = b;
}

/** Moves the entry in slot `from` to slot `to`. */
function move(q: EventQueue, from: number, to: number): void {
  place(q, to, q.t[from]!, q.prio[from]!, q.seq[from]!, q.kind[from]!, q.a[from]!, q.b[from]!);
}

export function pushEvent(q: EventQueue, t: number, kind: EvKind, a: number, b: number): void {
  const prio = PRIORITY[kind]!;
  const seq = q.nextSeq++;
  // Sift the hole up from the end, then drop the new entry in.
  let i = q.size++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(t, prio, seq, q.t[parent]!, q.prio[parent]!, q.seq[parent]!)) break;
    move(q, parent, i);
    i = parent;
  }
  place(q, i, t, prio, seq, kind, a, b);
}

/** Removes the earliest event into `out` (reused to avoid allocation). False when empty. */
export function popEvent(q: EventQueue, out: PoppedEvent): boolean {
  if (q.size === 0) return false;
  out.t = q.t[0]!;
  out.kind = q.kind[0]!;
  out.a = q.a[0]!;
  out.b = q.b[0]!;
  const last = --q.size;
  if (last === 0) return true;
  // Sift the hole at the root down, then drop the last entry in.
  const t = q.t[last]!;
  const prio = q.prio[last]!;
  const seq = q.seq[last]!;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= last) break;
    const r = l + 1;
    const c =
      r < last && before(q.t[r]!, q.prio[r]!, q.seq[r]!, q.t[l]!, q.prio[l]!, q.seq[l]!) ? r : l;
    if (!before(q.t[c]!, q.prio[c]!, q.seq[c]!, t, prio, seq)) break;
    move(q, c, i);
    i = c;
  }
  place(q, i, t, prio, seq, q.kind[last]!, q.a[last]!, q.b[last]!);
  return true;
}

export interface PoppedEvent {
  t: number;
  kind: EvKind;
  a: number;
  b: number;
}
