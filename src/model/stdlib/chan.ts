/**
 * Channels as plain data, following `runtime/chan.go`: a ring buffer, a queue of parked receivers
 * (`recvq`), a queue of parked senders (`sendq`) and a `closed` flag. Values are numbers (ids or
 * sentinels): the model only needs to know who got what.
 *
 * A sender that finds a parked receiver hands the value over directly and readies it (`send` →
 * `goready`); the woken G therefore runs next on the sender's P.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/chan.go
 */
import { opDone, opPanic, opPark, type OpOutcome, type SchedHooks } from './sched-hooks.ts';
import { waitReason } from './wait-reasons.ts';
import { idDelete, idGet, idSet, newIdTable, type IdTable } from './id-table.ts';
import { truncate } from '../truncate.ts';

/** The nil channel: sends and receives on it block forever. */
export const nilChan = 0;

/** A goroutine parked on a channel (`runtime.sudog`). */
export interface Sudog {
  g: number;
  /** The value a parked sender offers. */
  elem: number;
  /** Set when the G is parked in a `select`; `caseIndex` is its case there. */
  isSelect: boolean;
  caseIndex: number;
}

/** A channel; its id is its key in `ChanState.chans` (not kept here: a leak keeps millions). */
export interface Chan {
  cap: number;
  /** The buffer; `NO_VALUES` for an unbuffered channel. */
  buf: number[];
  closed: boolean;
  /** Parked receivers and senders; `NO_WAITERS` while none (see `ChanState.freeQueues`). */
  recvq: Sudog[];
  sendq: Sudog[];
  /** For a timer's channel `t.C`: the timer's id (Go 1.23 tracks blocked receivers on it). */
  timerId: number | null;
  /** Goroutines still holding the channel; the last to let go frees it (what the GC would do). */
  users: number;
}

/** What a goroutine finds when it wakes from a channel wait or a select. */
export interface Delivery {
  caseIndex: number;
  value: number;
  /** False when the value is the zero value of a closed channel. */
  ok: boolean;
}

export interface ChanState {
  nextId: number;
  chans: IdTable<Chan>;
  /**
   * Results for woken Gs, by G slot, read (and marked taken) when they run again. Arrays by slot,
   * not Maps: slots are few and recycled, and a Map churned millions of times is slow in V8. Each
   * slot keeps its record for the next delivery: a request's select and receives made two.
   */
  delivered: Delivery[];
  /** By G slot: its `delivered` record holds a result not yet taken. */
  deliveryWaiting: boolean[];
  /**
   * By G slot: the channels a G parked in a select is queued on (empty when it is not), so the
   * winner can dequeue it from the rest. Each slot's array is reused. The records themselves, not
   * ids (the runtime's sudogs point at their `hchan`): a channel with a waiter is never freed, and
   * an id-table lookup per case, a request's records long out of cache, was most of the walk.
   */
  selecting: Chan[][];
  /**
   * Freed channel records, reused by `makeChan`: a long run makes millions of channels that each
   * live for seconds, and recycling them keeps the garbage collector's old generation quiet.
   */
  free: Chan[];
  /** Sudogs off every queue, reused (the runtime keeps a per-P sudog cache for the same reason). */
  freeSudogs: Sudog[];
  /**
   * Emptied wait-queue arrays, reused by the next queue that gets a waiter. A channel with no
   * waiters holds the shared `NO_WAITERS` instead of an array of its own: a leaking server keeps
   * hundreds of thousands of channels that nobody waits on any more, and each array that once
   * held a waiter keeps the capacity V8 gave it (17 slots, 152 bytes).
   */
  freeQueues: Sudog[][];
}

/**
 * The wait queue of every channel nobody waits on, and the buffer of every unbuffered channel:
 * shared and frozen, so a write to it throws instead of reaching another channel. A checkpoint
 * (structuredClone) turns it into one shared unfrozen array, so code tests emptiness, not
 * identity, before writing: `enqueue` replaces an empty queue, and only a channel made buffered
 * gets a buffer of its own.
 */
const NO_WAITERS: Sudog[] = Object.freeze([]) as unknown as Sudog[];
const NO_VALUES: number[] = Object.freeze([]) as unknown as number[];

/** Extra hooks for timer channels (Go 1.23+): the timer is in a heap only while someone waits. */
export interface ChanHooks extends SchedHooks {
  /** `blockTimerChan` / `unblockTimerChan`. */
  timerChanBlocked?(timerId: number, delta: 1 | -1): void;
  /** `maybeRunChan`: a timer that is due but not in a heap delivers its value now. */
  timerChanPoll?(timerId: number): void;
}

export function newChanState(): ChanState {
  return {
    nextId: 1,
    chans: newIdTable(),
    delivered: [],
    deliveryWaiting: [],
    selecting: [],
    free: [],
    freeSudogs: [],
    freeQueues: [],
  };
}

/** `make(chan T, cap)`; returns the channel's id. */
export function makeChan(state: ChanState, cap: number, timerId: number | null = null): number {
  if (cap < 0 || !Number.isInteger(cap)) throw new RangeError(`makechan: size out of range`);
  const id = state.nextId++;
  const c = state.free.pop();
  if (c === undefined) {
    idSet(state.chans, id, {
      cap,
      buf: cap > 0 ? [] : NO_VALUES,
      closed: false,
      recvq: NO_WAITERS,
      sendq: NO_WAITERS,
      timerId,
      users: 1,
    });
  } else {
    // Only a buffered channel's record has a buffer of its own (see NO_VALUES).
    if (cap > 0 && c.cap === 0) c.buf = [];
    c.cap = cap;
    c.closed = false;
    c.timerId = timerId;
    c.users = 1;
    idSet(state.chans, id, c);
  }
  return id;
}

/** Drop a channel nobody references any more (the GC would), so long runs stay bounded. */
export function freeChan(state: ChanState, id: number): void {
  const c = idGet(state.chans, id);
  if (c !== undefined && c.recvq.length === 0 && c.sendq.length === 0) {
    idDelete(state.chans, id);
    if (c.cap > 0) truncate(c.buf, 0);
    state.free.push(c);
  }
}

export function chanOf(state: ChanState, id: number): Chan {
  const c = idGet(state.chans, id);
  if (c === undefined) throw new Error(`no channel ${id}`);
  return c;
}

/** `acquireSudog`: one from the cache, else a new one. */
function newSudog(
  state: ChanState,
  g: number,
  elem: number,
  isSelect: boolean,
  caseIndex: number,
): Sudog {
  const sg = state.freeSudogs.pop();
  if (sg === undefined) return { g, elem, isSelect, caseIndex };
  sg.g = g;
  sg.elem = elem;
  sg.isSelect = isSelect;
  sg.caseIndex = caseIndex;
  return sg;
}

/** `releaseSudog`: back to the cache once off its queue and read. */
function releaseSudog(state: ChanState, sg: Sudog): void {
  state.freeSudogs.push(sg);
}

/** Which of a channel's two wait queues. */
type Dir = 0 | 1;
const RECV: Dir = 0;
const SEND: Dir = 1;

/**
 * Take the first waiter off a queue. A waiter parked in a select is taken off every other
 * channel it waits on at the same moment, so it can be woken only once (the runtime does the same
 * with `selectDone` and selectgo's pass 3).
 */
function dequeue(state: ChanState, c: Chan, dir: Dir, hooks: ChanHooks): Sudog | undefined {
  const q = dir === RECV ? c.recvq : c.sendq;
  if (q.length === 0) return undefined;
  const sg = q.shift() as Sudog;
  if (q.length === 0) dropQueue(state, c, dir);
  if (sg.isSelect) leaveSelect(state, sg.g, hooks);
  return sg;
}

/** Queue a waiter, giving the queue an array of its own (a reused one if any) if it had none. */
function enqueue(state: ChanState, c: Chan, dir: Dir, sg: Sudog): void {
  let q = dir === RECV ? c.recvq : c.sendq;
  if (q.length === 0) {
    q = state.freeQueues.pop() ?? [];
    if (dir === RECV) c.recvq = q;
    else c.sendq = q;
  }
  q.push(sg);
}

/** An emptied queue's own array goes back to the pool; the channel holds `NO_WAITERS` again. */
function dropQueue(state: ChanState, c: Chan, dir: Dir): void {
  state.freeQueues.push(dir === RECV ? c.recvq : c.sendq);
  if (dir === RECV) c.recvq = NO_WAITERS;
  else c.sendq = NO_WAITERS;
}

/** Leave G `g` what it received, for `takeDelivery`, in its slot's record. */
function deliver(state: ChanState, g: number, caseIndex: number, value: number, ok: boolean): void {
  state.deliveryWaiting[g] = true;
  const d = state.delivered[g];
  if (d === undefined) {
    state.delivered[g] = { caseIndex, value, ok };
    return;
  }
  d.caseIndex = caseIndex;
  d.value = value;
  d.ok = ok;
}

/** Hand a dequeued waiter its result and ready it; its sudog goes back to the cache. */
function wake(state: ChanState, hooks: SchedHooks, sg: Sudog, value: number, ok: boolean): void {
  const g = sg.g;
  deliver(state, g, sg.caseIndex, value, ok);
  releaseSudog(state, sg);
  hooks.ready(g);
}

/**
 * `chansend`. With `block` false (a select with default) it returns null instead of parking.
 * A send on a closed channel panics; a send on nil blocks forever.
 */
export function chanSend(
  state: ChanState,
  chanId: number,
  g: number,
  value: number,
  hooks: ChanHooks,
  block = true,
): OpOutcome | null {
  if (chanId === nilChan) return block ? opPark(waitReason.chanSendNilChan) : null;
  const c = chanOf(state, chanId);
  if (c.closed) return opPanic('send on closed channel');
  const receiver = dequeue(state, c, RECV, hooks);
  if (receiver !== undefined) {
    if (c.timerId !== null) hooks.timerChanBlocked?.(c.timerId, -1);
    wake(state, hooks, receiver, value, true);
    return opDone;
  }
  if (c.buf.length < c.cap) {
    c.buf.push(value);
    return opDone;
  }
  if (!block) return null;
  enqueue(state, c, SEND, newSudog(state, g, value, false, 0));
  return opPark(waitReason.chanSend);
}

/**
 * Try to receive without parking: a buffered value, a parked sender, or closed. What G `g`
 * receives is delivered to it as case `caseIndex`; false if nothing could be received.
 */
function tryRecv(
  state: ChanState,
  c: Chan,
  hooks: ChanHooks,
  g: number,
  caseIndex: number,
): boolean {
  if (c.timerId !== null) hooks.timerChanPoll?.(c.timerId);
  const sender = dequeue(state, c, SEND, hooks);
  if (sender !== undefined) {
    // A full buffer: take its head and move the sender's value to its tail (`recv`).
    let value = sender.elem;
    if (c.cap > 0) {
      value = c.buf.shift() as number;
      c.buf.push(sender.elem);
    }
    wake(state, hooks, sender, 0, true);
    deliver(state, g, caseIndex, value, true);
    return true;
  }
  if (c.buf.length > 0) {
    deliver(state, g, caseIndex, c.buf.shift() as number, true);
    return true;
  }
  if (c.closed) {
    deliver(state, g, caseIndex, 0, false);
    return true;
  }
  return false;
}

/**
 * `chanrecv`. On success the received value is in `state.delivered` for `g` (read it with
 * `takeDelivery`), whether it arrived at once or after parking.
 */
export function chanRecv(
  state: ChanState,
  chanId: number,
  g: number,
  hooks: ChanHooks,
  block = true,
): OpOutcome | null {
  if (chanId === nilChan) return block ? opPark(waitReason.chanReceiveNilChan) : null;
  const c = chanOf(state, chanId);
  if (tryRecv(state, c, hooks, g, 0)) return opDone;
  if (!block) return null;
  enqueue(state, c, RECV, newSudog(state, g, 0, false, 0));
  if (c.timerId !== null) hooks.timerChanBlocked?.(c.timerId, 1);
  return opPark(waitReason.chanReceive);
}

/** `closechan`: every parked receiver gets the zero value; every parked sender will panic. */
export function chanClose(state: ChanState, chanId: number, hooks: ChanHooks): OpOutcome {
  if (chanId === nilChan) return opPanic('close of nil channel');
  const c = chanOf(state, chanId);
  if (c.closed) return opPanic('close of closed channel');
  c.closed = true;
  for (
    let sg = dequeue(state, c, RECV, hooks);
    sg !== undefined;
    sg = dequeue(state, c, RECV, hooks)
  ) {
    if (c.timerId !== null) hooks.timerChanBlocked?.(c.timerId, -1);
    wake(state, hooks, sg, 0, false);
  }
  for (
    let sg = dequeue(state, c, SEND, hooks);
    sg !== undefined;
    sg = dequeue(state, c, SEND, hooks)
  ) {
    // The sender wakes to find the channel closed and panics (chansend after gopark).
    wake(state, hooks, sg, 0, false);
  }
  return opDone;
}

/**
 * The value (or closed-ness) a goroutine received, once it runs again: its slot's record, valid
 * until the next delivery to that slot.
 */
export function takeDelivery(state: ChanState, g: number): Readonly<Delivery> {
  const d = state.delivered[g];
  if (d === undefined || state.deliveryWaiting[g] !== true)
    throw new Error(`G${g} has no delivery waiting`);
  state.deliveryWaiting[g] = false;
  return d;
}

/** One case of a select: a receive, or a send of `value`. */
export type SelectCase =
  | { readonly dir: 'recv'; readonly chan: number }
  | { readonly dir: 'send'; readonly chan: number; readonly value: number };

/**
 * `selectgo`: poll the cases in a random order (`cheaprandn`, as the runtime's pollorder); the
 * first ready one wins. With none ready: `hasDefault` returns case -1; otherwise the G queues on
 * every channel and parks with reason `select` (`select (no cases)` when there are none).
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/select.go
 */
export function select(
  state: ChanState,
  g: number,
  cases: readonly SelectCase[],
  hasDefault: boolean,
  hooks: ChanHooks,
): OpOutcome {
  if (cases.length === 0 && !hasDefault) return opPark(waitReason.selectNoCases);
  const order = pollOrder(cases.length, hooks);
  for (const i of order) {
    const sc = cases[i] as SelectCase;
    if (sc.chan === nilChan) continue;
    const c = chanOf(state, sc.chan);
    if (sc.dir === 'recv') {
      if (tryRecv(state, c, hooks, g, i)) return opDone;
    } else {
      if (c.closed) return opPanic('send on closed channel');
      if (c.recvq.length > 0 || c.buf.length < c.cap) {
        chanSend(state, sc.chan, g, sc.value, hooks);
        deliver(state, g, i, 0, true);
        return opDone;
      }
    }
  }
  if (hasDefault) {
    deliver(state, g, -1, 0, false);
    return opDone;
  }
  let queuedOn = state.selecting[g];
  if (queuedOn === undefined) {
    queuedOn = [];
    state.selecting[g] = queuedOn;
  }
  truncate(queuedOn, 0);
  for (let i = 0; i < cases.length; i++) {
    const sc = cases[i] as SelectCase;
    if (sc.chan === nilChan) continue;
    const c = chanOf(state, sc.chan);
    const sg = newSudog(state, g, sc.dir === 'send' ? sc.value : 0, true, i);
    enqueue(state, c, sc.dir === 'recv' ? RECV : SEND, sg);
    if (sc.dir === 'recv' && c.timerId !== null) hooks.timerChanBlocked?.(c.timerId, 1);
    queuedOn.push(c);
  }
  // A select whose every case is a nil channel blocks forever, still as `select`.
  return opPark(waitReason.select);
}

/** Scratch array for the poll order: a select is short and selects never nest. */
const scratchOrder: number[] = [];

/** selectgo's pollorder: a random permutation of the cases (Fisher-Yates with cheaprandn). */
function pollOrder(n: number, hooks: SchedHooks): readonly number[] {
  truncate(scratchOrder, n);
  for (let i = 0; i < n; i++) scratchOrder[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = hooks.randn(i + 1);
    const t = scratchOrder[i] as number;
    scratchOrder[i] = scratchOrder[j] as number;
    scratchOrder[j] = t;
  }
  return scratchOrder;
}

/** Take a woken select's G off every channel it was queued on (selectgo's pass 3). */
function leaveSelect(state: ChanState, g: number, hooks: ChanHooks): void {
  const queuedOn = state.selecting[g];
  if (queuedOn === undefined) return;
  // Nothing in this walk parks G `g` in another select, so its list can be emptied after it.
  for (const c of queuedOn) {
    if (removeWaiter(state, c, RECV, g) && c.timerId !== null)
      hooks.timerChanBlocked?.(c.timerId, -1);
    removeWaiter(state, c, SEND, g);
  }
  truncate(queuedOn, 0);
}

/** Take G `g`'s sudog out of a wait queue, in place; true if it was there. */
function removeWaiter(state: ChanState, c: Chan, dir: Dir, g: number): boolean {
  const q = dir === RECV ? c.recvq : c.sendq;
  for (let i = 0; i < q.length; i++) {
    const sg = q[i] as Sudog;
    if (sg.g !== g) continue;
    // In place, keeping the order (splice would allocate the removed elements' array).
    for (let k = i + 1; k < q.length; k++) q[k - 1] = q[k] as Sudog;
    q.pop();
    if (q.length === 0) dropQueue(state, c, dir);
    releaseSudog(state, sg);
    return true;
  }
  return false;
}
