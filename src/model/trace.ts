/**
 * A bounded ring of trace events for renderers and the transcript. Recording is skipped entirely
 * when the capacity is 0 (bench and CLI runs), so the hot path pays one comparison.
 *
 * An event is recorded as numbers in typed arrays (its sentence's number and operands, its places
 * as codes), and its `TraceEvent` and text are built only when `traceSince` reads it: a widget
 * reads once per frame, so most events of a fast-forward are overwritten unread, and a traced run
 * no longer makes five objects and a string per event.
 */
import type { GPlace, TraceEvent } from '../scenarios/types.ts';
import { NO, globalRunqLen, type Sched } from './state.ts';
import { KIND_OF, type Say, sentence } from './trace-text.ts';

/**
 * Per slot in `ints`: the sentence, g, p, m, then `from` and `to` as (place code, a, b), then the
 * sentence's string (an index into `names`). A waiting place keeps its reason's index in `a`.
 */
const INTS = 11;
const FROM = 4;
const TO = 7;
const STR = 10;
/** Per slot in `nums`: the time, then the sentence's three numbers. */
const NUMS = 4;

/** Place codes: GPlace kinds, 0 for none. */
const PLACE_KINDS = [
  undefined,
  'running',
  'runnext',
  'localq',
  'globalq',
  'waiting',
  'syscall',
  'netpoll',
  'dead',
] as const;
const LOCALQ = 3;
const WAITING = 5;
const SYSCALL = 6;
const DEAD = 8;

/**
 * The ring's columns, cloned with the state (typed arrays: a checkpoint copies them in one piece).
 * Slot `cap`, one past the ring, holds the `from` place noted before a move (`traceFrom`).
 */
export interface TraceRing {
  ints: Int32Array;
  nums: Float64Array;
  /** The strings events name (functions, wait reasons), each once. */
  names: string[];
}

/**
 * Derived from a ring, so kept beside it rather than in the state: the index of each of its names,
 * and the events `traceSince` built (a second read returns the same objects). A restored state
 * is a new ring and starts both afresh.
 */
const nameIndex = new WeakMap<TraceRing, Map<string, number>>();
const builtEvents = new WeakMap<TraceRing, (TraceEvent | undefined)[]>();
/** The last ring named into, and its index: one simulation records at a time. */
let lastRing: TraceRing | null = null;
let lastIndex = new Map<string, number>();

function nameOf(r: TraceRing, str: string): number {
  if (r !== lastRing) {
    let index = nameIndex.get(r);
    if (index === undefined) {
      index = new Map(r.names.map((n, i) => [n, i]));
      nameIndex.set(r, index);
    }
    lastRing = r;
    lastIndex = index;
  }
  let i = lastIndex.get(str);
  if (i === undefined) {
    i = r.names.length;
    r.names.push(str);
    lastIndex.set(str, i);
  }
  return i;
}

export function tracing(s: Sched): boolean {
  return s.cfg.traceCapacity > 0;
}

function newRing(cap: number): TraceRing {
  return {
    ints: new Int32Array((cap + 1) * INTS),
    nums: new Float64Array((cap + 1) * NUMS),
    names: [],
  };
}

/**
 * Records one event and returns its slot, for the operands and places below. Callers check
 * `tracing(s)` first. `g`, `p`, `m`: the event's fields (G by goid), NO when unset.
 */
export function emit(s: Sched, say: Say, g: number, p: number, m: number): number {
  const cap = s.cfg.traceCapacity;
  const r = (s.trace ??= newRing(cap));
  const slot = ++s.traceSeq % cap;
  const i = slot * INTS;
  r.ints[i] = say;
  r.ints[i + 1] = g;
  r.ints[i + 2] = p;
  r.ints[i + 3] = m;
  r.ints[i + FROM] = 0;
  r.ints[i + TO] = 0;
  r.nums[slot * NUMS] = s.now;
  return slot;
}

/** The sentence's numbers and string. */
export function traceArgs(s: Sched, slot: number, a: number, b = 0, c = 0): void {
  const n = s.trace!.nums;
  const j = slot * NUMS;
  n[j + 1] = a;
  n[j + 2] = b;
  n[j + 3] = c;
}

export function traceStr(s: Sched, slot: number, str: string): void {
  const r = s.trace!;
  r.ints[slot * INTS + STR] = nameOf(r, str);
}

/** Notes where G slot `gi` is before a move: the `from` of the next `traceMove`. */
export function traceFrom(s: Sched, gi: number): void {
  const cap = s.cfg.traceCapacity;
  writePlace(s, (s.trace ??= newRing(cap)), cap, FROM, gi);
}

/** The event moved G slot `gi` from the place `traceFrom` noted to where it is now. */
export function traceMove(s: Sched, slot: number, gi: number): void {
  const r = s.trace!;
  const cap = s.cfg.traceCapacity;
  const i = slot * INTS + FROM;
  const k = cap * INTS + FROM;
  r.ints[i] = r.ints[k]!;
  r.ints[i + 1] = r.ints[k + 1]!;
  r.ints[i + 2] = r.ints[k + 2]!;
  writePlace(s, r, slot, TO, gi);
}

/** The event put G slot `gi` where it is now (and it came from nowhere: `go`). */
export function traceTo(s: Sched, slot: number, gi: number): void {
  writePlace(s, s.trace!, slot, TO, gi);
}

/** `from` is where G slot `gi` is now and `to` is dead (goexit). */
export function traceExit(s: Sched, slot: number, gi: number): void {
  writePlace(s, s.trace!, slot, FROM, gi);
  s.trace!.ints[slot * INTS + TO] = DEAD;
}

/** `from` is P `p`'s local queue, index 0 (a steal); `to` is where G slot `gi` is now. */
export function traceStolen(s: Sched, slot: number, p: number, gi: number): void {
  const i = slot * INTS + FROM;
  const ints = s.trace!.ints;
  ints[i] = LOCALQ;
  ints[i + 1] = p;
  ints[i + 2] = 0;
  writePlace(s, s.trace!, slot, TO, gi);
}

/** `from` is a syscall on M `m`; `to` is where G slot `gi` is now. */
export function traceFromSyscall(s: Sched, slot: number, m: number, gi: number): void {
  const i = slot * INTS + FROM;
  const ints = s.trace!.ints;
  ints[i] = SYSCALL;
  ints[i + 1] = m;
  writePlace(s, s.trace!, slot, TO, gi);
}

/**
 * Where G slot `gi` is, as a place code and two operands. A G taken off a queue keeps its `where`
 * until it is put somewhere else: its index is then the local queue's length, or 0 in the global
 * queue.
 */
function writePlace(s: Sched, r: TraceRing, slot: number, side: number, gi: number): void {
  const g = s.allgs[gi]!;
  const i = slot * INTS + side;
  const ints = r.ints;
  switch (g.where) {
    case 'running':
      ints[i] = 1;
      ints[i + 1] = g.at;
      ints[i + 2] = s.allp[g.at]!.m;
      return;
    case 'runnext':
      ints[i] = 2;
      ints[i + 1] = g.at;
      return;
    case 'localq': {
      const p = s.allp[g.at]!;
      ints[i] = LOCALQ;
      ints[i + 1] = g.at;
      ints[i + 2] = g.runqpos >= p.runqhead ? g.runqpos - p.runqhead : p.runqtail - p.runqhead;
      return;
    }
    case 'globalq': {
      const taken = s.runqPuts - globalRunqLen(s);
      ints[i] = 4;
      ints[i + 2] = g.runqpos >= taken ? g.runqpos - taken : 0;
      return;
    }
    case 'waiting':
      ints[i] = WAITING;
      ints[i + 1] = nameOf(r, g.waitReason);
      return;
    case 'syscall':
      ints[i] = SYSCALL;
      ints[i + 1] = g.at;
      return;
    case 'netpoll':
      ints[i] = 7;
      return;
    case 'dead':
      ints[i] = DEAD;
      return;
  }
}

function readPlace(r: TraceRing, slot: number, side: number): GPlace | undefined {
  const i = slot * INTS + side;
  const a = r.ints[i + 1]!;
  const b = r.ints[i + 2]!;
  switch (PLACE_KINDS[r.ints[i]!]) {
    case undefined:
      return undefined;
    case 'running':
      return { kind: 'running', p: a, m: b };
    case 'runnext':
      return { kind: 'runnext', p: a };
    case 'localq':
      return { kind: 'localq', p: a, index: b };
    case 'globalq':
      return { kind: 'globalq', index: b };
    case 'waiting':
      return { kind: 'waiting', reason: r.names[a]! };
    case 'syscall':
      return { kind: 'syscall', m: a };
    case 'netpoll':
      return { kind: 'netpoll' };
    case 'dead':
      return { kind: 'dead' };
  }
}

function field(v: number): number | undefined {
  return v === NO ? undefined : v;
}

function build(r: TraceRing, slot: number, seq: number): TraceEvent {
  const i = slot * INTS;
  const j = slot * NUMS;
  const say = r.ints[i]!;
  const g = r.ints[i + 1]!;
  const p = r.ints[i + 2]!;
  const m = r.ints[i + 3]!;
  const str = r.names[r.ints[i + STR]!];
  const text = sentence(say, g, p, m, r.nums[j + 1]!, r.nums[j + 2]!, r.nums[j + 3]!, str);
  return {
    seq,
    tNs: r.nums[j]!,
    kind: KIND_OF[say]!,
    text,
    g: field(g),
    p: field(p),
    m: field(m),
    from: readPlace(r, slot, FROM),
    to: readPlace(r, slot, TO),
  };
}

/** Events with seq > afterSeq still in the ring, oldest first. */
export function traceSince(s: Sched, afterSeq: number): TraceEvent[] {
  const cap = s.cfg.traceCapacity;
  const r = s.trace;
  if (cap === 0 || r === null) return [];
  const first = Math.max(afterSeq + 1, s.traceSeq - cap + 1, 1);
  let built = builtEvents.get(r);
  if (built === undefined) builtEvents.set(r, (built = new Array<undefined>(cap).fill(undefined)));
  const out: TraceEvent[] = [];
  for (let seq = first; seq <= s.traceSeq; seq++) {
    const slot = seq % cap;
    let ev = built[slot];
    if (ev === undefined || ev.seq !== seq) built[slot] = ev = build(r, slot, seq);
    out.push(ev);
  }
  return out;
}

/** A one-slot ring for `placeOf`, reused: a view asks for thousands of places. */
const scratch = newRing(0);

/** The public place of G slot `gi` (views). */
export function placeOf(s: Sched, gi: number): GPlace {
  writePlace(s, scratch, 0, FROM, gi);
  return readPlace(scratch, 0, FROM)!;
}
