/**
 * A bounded ring of trace events for renderers and the transcript. With a capacity of 0 (bench and
 * CLI runs) `Sched.trace` is null and the engine records nothing: each event site is one
 * `if (s.trace !== null)` around one call here.
 *
 * An event is recorded as numbers (its sentence's number and operands, its places as codes), and
 * its `TraceEvent` and text are built only when `traceSince` reads it: a widget reads once per
 * frame, so most events of a fast-forward are overwritten unread, and a traced run no longer makes
 * five objects and a string per event.
 */
import type { GPlace, TraceEvent } from '../scenarios/types.ts';
import { NO, globalRunqLen, type GRec, type PRec, type Sched } from './state.ts';
import { KIND_OF, Say, sentence } from './trace-text.ts';

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
  /** Slots: `Config.traceCapacity`. */
  cap: number;
  /** The slot of the next event: `(traceSeq + 1) % cap`, kept so recording never divides. */
  next: number;
  /** The strings events name (functions, wait reasons), each once. */
  names: string[];
  /** The last name looked up and its index: most events name what the one before did. */
  lastName: string | null;
  lastNameIndex: number;
  /**
   * The index of each program's function name, by program (a `go` event names the new G's
   * function; a program's name is always the same string, so it is looked up once).
   */
  progNames: number[];
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
  if (str === r.lastName) return r.lastNameIndex;
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
  r.lastName = str;
  r.lastNameIndex = i;
  return i;
}

/** The ring `Sched.trace` holds from the start when the capacity is above 0. */
export function newRing(cap: number): TraceRing {
  const buffer = new ArrayBuffer(cap * I32 * 4);
  return {
    f64: new Float64Array(buffer),
    i32: new Int32Array(buffer),
    cap,
    next: 1 % cap,
    names: [],
    lastName: null,
    lastNameIndex: 0,
    progNames: [],
  };
}

/*
 * Recording: one call per event behind `if (s.trace !== null)`, so an untraced run pays a field
 * load and a branch (the few events with numbers or a name add `traceArgs` or `traceName`).
 * `traceMove` records the moves of a G, `traceSteal` a steal, `traceEvent` the rest; `gi` is a G
 * slot (NO for none), `p` and `m` a P and an M (NO when unset).
 */

/**
 * Starts an event in the next slot and returns the slot; the caller writes its word. The `| 0`s tell V8 the numbers are
 * small integers: a number passed in is otherwise stored into the Int32Array through a double
 * conversion (31 of ~380 instructions per `traceMove` in a micro-benchmark).
 */
function begin(s: Sched, r: TraceRing, goid: number, p: number, m: number): number {
  const slot = r.next;
  r.next = slot + 1 === r.cap ? 0 : slot + 1;
  s.traceSeq++;
  const i32 = r.i32;
  const i = slot * I32;
  i32[i + G] = goid | 0;
  i32[i + P] = p | 0;
  i32[i + M] = m | 0;
  r.f64[slot * F64] = s.now;
  return slot;
}

/** An event without places. Returns its slot, for `traceArgs` and `traceName`. */
export function traceEvent(s: Sched, say: Say, gi: number, p: number, m: number): number {
  const r = s.trace!;
  const slot = begin(s, r, gi === NO ? NO : s.allgs[gi]!.goid, p, m);
  r.i32[slot * I32 + WORD] = say;
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
export function traceName(s: Sched, slot: number, str: string): void {
  const r = s.trace!;
  const i = slot * I32 + WORD;
  r.i32[i] = r.i32[i]! | (nameOf(r, str) << NAME_SHIFT);
}

/**
 * A G moves: `g` is the G, `p` and `m` the event's P (or null) and M (or NO), `str` the sentence's
 * string (a function, a wait reason, how it was preempted) or null. The event implies one of its
 * places (or both), and the other is where the G is when this is called; where the engine calls
 * it, and so what each place is:
 *
 * - Schedule, ScheduleInherit (execute, before the G's fields change): from where it is, to running
 *   on `p` with `p`'s M.
 * - Go (newproc): from nowhere, to `p`'s runnext.
 * - Exit (goexit): from running on `p`, to dead.
 * - Ready (goready, before runqput): from where it is, to `p`'s runnext.
 * - Park, Preempt, Gosched, Goyield (after the G left `p`): from running on `p`, to where it is.
 * - SyscallEnter (after the move): from running on `p` with M `m`, to where it is.
 * - SyscallNoP (exitsyscall0, after the move): from its syscall on `m`, to where it is.
 *
 * Returns the slot, for `traceArgs`.
 *
 * One function for every move rather than a recorder per site, on purpose: it is ~600 bytes of
 * bytecode, more than V8 inlines (`--max-inlined-bytecode-size`, 460), so each site stays one
 * call and the engine function it sits in keeps its inlining budget for the engine (per-site
 * recorders were inlined into `newproc` and `goexit`, and `runP` then no longer inlined
 * `execute`; see the model README's Speed).
 */
export function traceMove(
  s: Sched,
  say: Say,
  g: GRec,
  p: PRec | null,
  m: number,
  str: string | null,
): number {
  const r = s.trace!;
  const i32 = r.i32;
  const pid = p === null ? NO : p.id;
  m |= 0;
  const slot = begin(s, r, g.goid, pid, m);
  const i = slot * I32;
  let word: number = say;
  if (say === Say.Go) {
    let n = r.progNames[g.prog];
    if (n === undefined) r.progNames[g.prog] = n = nameOf(r, str!);
    word |= n << NAME_SHIFT;
  } else if (str !== null) {
    word |= nameOf(r, str) << NAME_SHIFT;
  }
  // The place the event implies is written here; the other, where the G is (-1), below, by the
  // one writePlace call (V8 then inlines it once: it is 300 bytes of bytecode).
  let from = -1;
  let to = -1;
  switch (say) {
    case Say.Go:
      // newproc: runqput(pp, newg, true) put the new G in p's runnext.
      from = 0;
      i32[i + TO] = pid;
      to = RUNNEXT;
      break;
    case Say.Exit:
      // The G that exits is the one running on p.
      i32[i + FROM] = pid;
      i32[i + FROM + 1] = p!.m;
      from = RUNNING;
      to = DEAD;
      break;
    case Say.Schedule:
    case Say.ScheduleInherit:
      i32[i + TO] = pid;
      i32[i + TO + 1] = p!.m;
      to = RUNNING;
      break;
    case Say.Ready:
      i32[i + TO] = pid;
      to = RUNNEXT;
      break;
    case Say.SyscallEnter:
      // From running on p with M m, which the G has just left for its syscall.
      i32[i + FROM] = pid;
      i32[i + FROM + 1] = m;
      from = RUNNING;
      break;
    case Say.SyscallNoP:
      i32[i + FROM] = m;
      from = SYSCALL;
      break;
    default:
      // Park, Preempt, Gosched, Goyield: the G was running on p.
      i32[i + FROM] = pid;
      i32[i + FROM + 1] = p!.m;
      from = RUNNING;
  }
  if (from < 0) from = writePlace(s, r, i + FROM, g);
  else if (to < 0) to = writePlace(s, r, i + TO, g);
  word |= (from << FROM_SHIFT) | (to << TO_SHIFT);
  i32[i + WORD] = word;
  return slot;
}

/** P `p` stole `n` Gs from P `victim` and runs `g`, the last it took. */
export function traceSteal(s: Sched, g: GRec, p: number, n: number, victim: number): void {
  const r = s.trace!;
  const slot = begin(s, r, g.goid, p, NO);
  traceArgs(s, slot, n, victim);
  const i = slot * I32;
  r.i32[i + FROM] = victim;
  r.i32[i + FROM + 1] = 0;
  const to = writePlace(s, r, i + TO, g);
  r.i32[i + WORD] = Say.Steal | (LOCALQ << FROM_SHIFT) | (to << TO_SHIFT);
}

/**
 * Writes the operands of where `g` is at `i32[at]` and returns the place code. A G taken
 * off a queue keeps its `where` until it is put somewhere else: its index is then the local
 * queue's length, or 0 in the global queue.
 */
function writePlace(s: Sched, r: TraceRing, at: number, g: GRec): number {
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
  return readPlace(scratch, writePlace(s, scratch, FROM, s.allgs[gi]!), FROM)!;
}
