/**
 * `context`: a tree of cancel contexts as plain data. Cancelling closes the context's Done channel
 * (waking every goroutine receiving from it or selecting on it), cancels its children and detaches
 * it from its parent. `WithTimeout` arms `time.AfterFunc(dur, cancel)`; its `cancel` stops that timer.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/context/context.go (WithDeadlineCause, cancelCtx.cancel)
 */
import { chanClose, freeChan, makeChan, nilChan, type ChanHooks, type ChanState } from './chan.ts';
import { addTimer, freeTimer, stopTimer, type TimerState } from './timers.ts';
import { idDelete, idGet, idSet, newIdTable, type IdTable } from './id-table.ts';

/** `context.Background()`: never cancelled, and its Done channel is nil. */
export const background = 0;

export const canceled = 'context canceled';
export const deadlineExceeded = 'context deadline exceeded';

/** The function name an `AfterFunc` timer of a `WithTimeout` context fires with. */
export const contextTimerFn = 'context.WithDeadline.func2';

/** A context; its id is its key in `ContextState.ctxs` (not kept here: a leak keeps millions). */
export interface Ctx {
  parent: number;
  /** Child contexts not yet cancelled; `NO_CHILDREN` while none. */
  children: number[];
  done: number;
  err: string | null;
  /** The deadline, ns, for WithTimeout/WithDeadline contexts (inherited by children). */
  deadline: number | null;
  timerId: number | null;
  /** Goroutines still holding the context; the last to let go frees it (what the GC would do). */
  users: number;
}

/**
 * The children of every context that has none (most: a request's context is a leaf): shared and
 * frozen, replaced by an array of its own at the first child. A checkpoint turns it into one shared
 * unfrozen array, so `withCancel` tests emptiness, not identity, before writing.
 */
const NO_CHILDREN: number[] = Object.freeze([]) as unknown as number[];

export interface ContextState {
  nextId: number;
  ctxs: IdTable<Ctx>;
  /** Freed context records, reused by `withCancel` (a server makes one or more per request). */
  free: Ctx[];
}

export function newContextState(): ContextState {
  return { nextId: 1, ctxs: newIdTable(), free: [] };
}

export interface ContextDeps {
  chans: ChanState;
  timers: TimerState;
  hooks: ChanHooks;
}

function ctxOf(state: ContextState, id: number): Ctx | undefined {
  return idGet(state.ctxs, id);
}

/** `ctx.Done()`: the channel that is closed on cancellation (nil for Background). */
export function ctxDone(state: ContextState, id: number): number {
  return ctxOf(state, id)?.done ?? nilChan;
}

/** `ctx.Err()`: null until cancelled. */
export function ctxErr(state: ContextState, id: number): string | null {
  return ctxOf(state, id)?.err ?? null;
}

/** `WithCancel(parent)`: a child that is cancelled with its parent (`propagateCancel`). */
export function withCancel(state: ContextState, deps: ContextDeps, parent: number): number {
  const id = state.nextId++;
  const parentCtx = ctxOf(state, parent);
  const done = makeChan(deps.chans, 0);
  const deadline = parentCtx?.deadline ?? null;
  let ctx = state.free.pop();
  if (ctx === undefined) {
    ctx = { parent, children: NO_CHILDREN, done, err: null, deadline, timerId: null, users: 1 };
  } else {
    ctx.parent = parent;
    ctx.done = done;
    ctx.err = null;
    ctx.deadline = deadline;
    ctx.timerId = null;
    ctx.users = 1;
  }
  idSet(state.ctxs, id, ctx);
  if (parentCtx !== undefined) {
    if (parentCtx.err !== null) cancel(state, deps, id, parentCtx.err);
    else if (parentCtx.children.length === 0) parentCtx.children = [id];
    else parentCtx.children.push(id);
  }
  return id;
}

/**
 * `WithTimeout(parent, dt)` = `WithDeadline(parent, now+dt)`. A parent with an earlier deadline
 * makes it a plain cancel context; a deadline already past cancels it at once; otherwise an
 * `AfterFunc` timer on P `p` will cancel it with `context deadline exceeded`.
 */
export function withTimeout(
  state: ContextState,
  deps: ContextDeps,
  parent: number,
  p: number,
  now: number,
  dt: number,
): number {
  const deadline = now + dt;
  const parentDeadline = ctxOf(state, parent)?.deadline ?? null;
  const id = withCancel(state, deps, parent);
  if (parentDeadline !== null && parentDeadline <= deadline) return id;
  const ctx = ctxOf(state, id) as Ctx;
  ctx.deadline = deadline;
  if (ctx.err !== null) return id;
  if (dt <= 0) {
    cancel(state, deps, id, deadlineExceeded);
    return id;
  }
  ctx.timerId = addTimer(deps.timers, p, deadline, { kind: 'go', fn: contextTimerFn, arg: id });
  return id;
}

/**
 * `cancelCtx.cancel`: idempotent ("After the first call, subsequent calls to a CancelFunc do
 * nothing"). Closes Done, cancels the children, leaves the parent, stops the deadline timer.
 */
export function cancel(state: ContextState, deps: ContextDeps, id: number, err = canceled): void {
  const ctx = ctxOf(state, id);
  if (ctx === undefined || ctx.err !== null) return;
  ctx.err = err;
  chanClose(deps.chans, ctx.done, deps.hooks);
  if (ctx.children.length > 0) {
    // Detach the list first: each child leaves its parent's list as it is cancelled.
    const children = ctx.children;
    ctx.children = NO_CHILDREN;
    for (const child of children) cancel(state, deps, child, err);
  }
  const parent = ctxOf(state, ctx.parent);
  if (parent !== undefined) {
    // In place, keeping the order later cancellations walk the children in.
    const i = parent.children.indexOf(id);
    if (i >= 0) parent.children.splice(i, 1);
  }
  if (ctx.timerId !== null) {
    // Cancelled, the context never looks at its timer again (`c.timer.Stop()` is its last use):
    // free it now, not when the last goroutine lets go of the context, which for a leaked
    // goroutine holding it is never.
    stopTimer(deps.timers, ctx.timerId);
    freeTimer(deps.timers, ctx.timerId);
    ctx.timerId = null;
  }
}

/** Drop a cancelled context nothing references any more, with its channel and timer. */
export function freeContext(state: ContextState, deps: ContextDeps, id: number): void {
  const ctx = ctxOf(state, id);
  if (ctx === undefined) return;
  // Cancelling frees the deadline timer and detaches the children.
  if (ctx.err === null) cancel(state, deps, id);
  freeChan(deps.chans, ctx.done);
  idDelete(state.ctxs, id);
  state.free.push(ctx);
}
