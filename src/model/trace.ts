/**
 * A bounded ring of trace events for renderers and the transcript. Recording is skipped entirely
 * when the capacity is 0 (bench and CLI runs), so the hot path pays one comparison.
 *
 * An event is recorded as numbers (its sentence's number and operands, its places as codes), and
 * its `TraceEvent` and text are built only when `traceSince` reads it: a widget reads once per
 * frame, so most events of a fast-forward are overwritten unread, and a traced run no longer makes
 * five objects and a string per event.
 */
import type { GPlace, TraceEvent } from '../scenarios/types.ts';
import { NO, globalRunqLen, type Sched } from './state.ts';
import { KIND_OF, type Say, sentence } from './trace-text.ts';

/**
 * A slot is 64 bytes, one cache line: float64s 0-3 are the time and the sentence's three numbers;
 * int32s 8-15 are a word (the sentence, the codes of `from` and `to`, the index of the sentence's
 * string in `names`), g, p, m, then the operands of `from` and `to` (two each).
 */
const F64 = 8;
const I32 = 16;
const WORD = 8;
const G = 9;
const P = 10;
const M = 11;
const FROM = 12;
const TO = 14;
const FROM_SHIFT = 8;
const TO_SHIFT = 12;
const NAME_SHIFT = 16;
const MAX_NAMES = 1 << 16;

/** Place codes: GPlace kinds, 0 for none. A waiting place's first operand is its reason's name. */
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
const RUNNING = 1;
const RUNNEXT = 2;
const LOCALQ = 3;
const GLOBALQ = 4;
const WAITING = 5;
const SYSCALL = 6;
const NETPOLL = 7;
const DEAD = 8;

/** The ring: plain data cloned with the state (the two views share one buffer, and so do their copies). */
export interface TraceRing {
  f64: Float64Array;
  i32: Int32Array;
  /** The slot of the next event: `(traceSeq + 1) % cap`, kept so recording never divides. */
  next: number;
  /** The code of the place `traceFrom` noted, for the next event. */
  fromCode: number;
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
    if (i === MAX_NAMES) throw new Error(`trace: more than ${MAX_NAMES} names`);
    r.names.push(str);
    lastIndex.set(str, i);
  }
  return i;
}

export function tracing(s: Sched): boolean {
  return s.cfg.traceCapacity > 0;
}

function newRing(cap: number): TraceRing {
  const buffer = new ArrayBuffer(cap * I32 * 4);
  return {
    f64: new Float64Array(buffer),
    i32: new Int32Array(buffer),
    next: 1 % cap,
    fromCode: 0,
    names: [],
  };
}

function ringOf(s: Sched): TraceRing {
  return (s.trace ??= newRing(s.cfg.traceCapacity));
}

/**
 * Records one event and returns its slot, for the operands and places below. Callers check
 * `tracing(s)` first. `g`, `p`, `m`: the event's fields (G by goid), NO when unset.
 */
export function emit(s: Sched, say: Say, g: number, p: number, m: number): number {
  const r = ringOf(s);
  const slot = r.next;
  r.next = slot + 1 === s.cfg.traceCapacity ? 0 : slot + 1;
  s.traceSeq++;
  const i = slot * I32;
  r.i32[i + WORD] = say;
  r.i32[i + G] = g;
  r.i32[i + P] = p;
  r.i32[i + M] = m;
  r.f64[slot * F64] = s.now;
  return slot;
}

/** The sentence's numbers. */
export function traceArgs(s: Sched, slot: number, a: number, b = 0, c = 0): void {
  const f = s.trace!.f64;
  const j = slot * F64;
  f[j + 1] = a;
  f[j + 2] = b;
  f[j + 3] = c;
}

/** The sentence's string. */
export function traceStr(s: Sched, slot: number, str: string): void {
  const r = s.trace!;
  const i = slot * I32 + WORD;
  r.i32[i] = r.i32[i]! | (nameOf(r, str) << NAME_SHIFT);
}

/**
 * Notes where G slot `gi` is before a move, straight into the next event's slot: the next event
 * recorded must be the move's (`traceMove`).
 */
export function traceFrom(s: Sched, gi: number): void {
  const r = ringOf(s);
  r.fromCode = writePlace(s, r, r.next * I32 + FROM, gi);
}

/** The event moved G slot `gi` from the place `traceFrom` noted to where it is now. */
export function traceMove(s: Sched, slot: number, gi: number): void {
  const r = s.trace!;
  const i = slot * I32;
  const to = writePlace(s, r, i + TO, gi);
  r.i32[i + WORD] = r.i32[i + WORD]! | (r.fromCode << FROM_SHIFT) | (to << TO_SHIFT);
}

/** The event put G slot `gi` where it is now (and it came from nowhere: `go`). */
export function traceTo(s: Sched, slot: number, gi: number): void {
  const r = s.trace!;
  const i = slot * I32;
  const to = writePlace(s, r, i + TO, gi);
  r.i32[i + WORD] = r.i32[i + WORD]! | (to << TO_SHIFT);
}

/** `from` is where G slot `gi` is now and `to` is dead (goexit). */
export function traceExit(s: Sched, slot: number, gi: number): void {
  const r = s.trace!;
  const i = slot * I32;
  const from = writePlace(s, r, i + FROM, gi);
  r.i32[i + WORD] = r.i32[i + WORD]! | (from << FROM_SHIFT) | (DEAD << TO_SHIFT);
}

/** `from` is P `p`'s local queue, index 0 (a steal); `to` is where G slot `gi` is now. */
export function traceStolen(s: Sched, slot: number, p: number, gi: number): void {
  const r = s.trace!;
  const i = slot * I32;
  r.i32[i + FROM] = p;
  r.i32[i + FROM + 1] = 0;
  const to = writePlace(s, r, i + TO, gi);
  r.i32[i + WORD] = r.i32[i + WORD]! | (LOCALQ << FROM_SHIFT) | (to << TO_SHIFT);
}

/** `from` is a syscall on M `m`; `to` is where G slot `gi` is now. */
export function traceFromSyscall(s: Sched, slot: number, m: number, gi: number): void {
  const r = s.trace!;
  const i = slot * I32;
  r.i32[i + FROM] = m;
  const to = writePlace(s, r, i + TO, gi);
  r.i32[i + WORD] = r.i32[i + WORD]! | (SYSCALL << FROM_SHIFT) | (to << TO_SHIFT);
}

/**
 * Writes the operands of where G slot `gi` is at `i32[at]` and returns the place code. A G taken
 * off a queue keeps its `where` until it is put somewhere else: its index is then the local
 * queue's length, or 0 in the global queue.
 */
function writePlace(s: Sched, r: TraceRing, at: number, gi: number): number {
  const g = s.allgs[gi]!;
  const i32 = r.i32;
  switch (g.where) {
    case 'running':
      i32[at] = g.at;
      i32[at + 1] = s.allp[g.at]!.m;
      return RUNNING;
    case 'runnext':
      i32[at] = g.at;
      return RUNNEXT;
    case 'localq': {
      const p = s.allp[g.at]!;
      i32[at] = g.at;
      i32[at + 1] = g.runqpos >= p.runqhead ? g.runqpos - p.runqhead : p.runqtail - p.runqhead;
      return LOCALQ;
    }
    case 'globalq': {
      const taken = s.runqPuts - globalRunqLen(s);
      i32[at + 1] = g.runqpos >= taken ? g.runqpos - taken : 0;
      return GLOBALQ;
    }
    case 'waiting':
      i32[at] = nameOf(r, g.waitReason);
      return WAITING;
    case 'syscall':
      i32[at] = g.at;
      return SYSCALL;
    case 'netpoll':
      return NETPOLL;
    case 'dead':
      return DEAD;
  }
}

function readPlace(r: TraceRing, code: number, at: number): GPlace | undefined {
  const a = r.i32[at]!;
  const b = r.i32[at + 1]!;
  switch (PLACE_KINDS[code]) {
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
  const i = slot * I32;
  const j = slot * F64;
  const word = r.i32[i + WORD]!;
  const say = word & 0xff;
  const g = r.i32[i + G]!;
  const p = r.i32[i + P]!;
  const m = r.i32[i + M]!;
  const str = r.names[word >>> NAME_SHIFT];
  const f = r.f64;
  return {
    seq,
    tNs: f[j]!,
    kind: KIND_OF[say]!,
    text: sentence(say, g, p, m, f[j + 1]!, f[j + 2]!, f[j + 3]!, str),
    g: field(g),
    p: field(p),
    m: field(m),
    from: readPlace(r, (word >> FROM_SHIFT) & 15, i + FROM),
    to: readPlace(r, (word >> TO_SHIFT) & 15, i + TO),
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
const scratch = newRing(1);

/** The public place of G slot `gi` (views). */
export function placeOf(s: Sched, gi: number): GPlace {
  return readPlace(scratch, writePlace(s, scratch, FROM, gi), FROM)!;
}
