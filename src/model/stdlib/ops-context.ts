/**
 * context ops over stdlib/context.ts: `WithTimeout` (its deadline timer starts
 * `context.WithDeadline.func` in a new goroutine when it fires, which cancels), `cancel()`,
 * `<-ctx.Done()` (as a select case on the local holding the Done channel), and dropping a context
 * once nothing uses it.
 */
import { registerOp, type Op, type World } from '../program.ts';
import type { PRec } from '../state.ts';
import {
  background,
  cancel,
  ctxDone,
  deadlineExceeded,
  freeContext,
  withTimeout,
  type ContextDeps,
} from './context.ts';
import { localsOf, stdHooks, stdlibOf } from './engine-bridge.ts';
import { idGet } from './id-table.ts';

/** One deps object per P record, rebuilt only when the state under it was replaced (restore). */
const depsByP = new WeakMap<PRec, ContextDeps>();

function deps(w: World, p: PRec): ContextDeps {
  const st = stdlibOf(w.s);
  let d = depsByP.get(p);
  if (d === undefined || d.chans !== st.chans || d.timers !== st.timers) {
    d = { chans: st.chans, timers: st.timers, hooks: stdHooks(w, p) };
    depsByP.set(p, d);
  }
  return d;
}

/**
 * `ctx, cancel := context.WithTimeout(parent, dt)`: local `dst` gets the context, `dst + 1` its
 * Done channel. `parent` is a local, or -1 for Background. `users` is how many goroutines will
 * hold it (each drops it with `ctx.release`).
 */
export interface WithTimeoutOp extends Op {
  readonly kind: 'ctx.WithTimeout';
  readonly parent: number;
  readonly dtNs: number;
  readonly dst: number;
  readonly users: number;
}
registerOp<WithTimeoutOp>({
  kind: 'ctx.WithTimeout',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    const locals = localsOf(st, g.idx);
    const parent = op.parent < 0 ? background : (locals[op.parent] ?? background);
    const d = deps(w, p);
    const id = withTimeout(st.ctxs, d, parent, p.id, w.s.now, op.dtNs);
    const ctx = idGet(st.ctxs.ctxs, id);
    if (ctx !== undefined) ctx.users = op.users;
    locals[op.dst] = id;
    locals[op.dst + 1] = ctxDone(st.ctxs, id);
    return 0;
  },
});

/** `cancel()` of the context in local `ctx` (idempotent). */
export interface CancelOp extends Op {
  readonly kind: 'ctx.cancel';
  readonly ctx: number;
}
registerOp<CancelOp>({
  kind: 'ctx.cancel',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    cancel(st.ctxs, deps(w, p), localsOf(st, g.idx)[op.ctx] ?? 0);
    return 0;
  },
});

/**
 * The body of the goroutine a deadline timer starts: `c.cancel(true, DeadlineExceeded, ...)` on
 * the context in its local 0.
 */
export interface DeadlineOp extends Op {
  readonly kind: 'ctx.deadline';
}
registerOp<DeadlineOp>({
  kind: 'ctx.deadline',
  run: (w, g, _op, p) => {
    const st = stdlibOf(w.s);
    const id = localsOf(st, g.idx)[0] ?? 0;
    cancel(st.ctxs, deps(w, p), id, deadlineExceeded);
    releaseContext(w, p, id, 0);
    return 0;
  },
});

/** This goroutine is done with the context in local `ctx`. */
export interface ReleaseOp extends Op {
  readonly kind: 'ctx.release';
  readonly ctx: number;
}
registerOp<ReleaseOp>({
  kind: 'ctx.release',
  run: (w, g, op, p) => {
    releaseContext(w, p, localsOf(stdlibOf(w.s), g.idx)[op.ctx] ?? 0, 1);
    return 0;
  },
});

/**
 * Drop `drop` users; with none left and no deadline timer pending (a pending timer still
 * references the context), free it.
 */
function releaseContext(w: World, p: PRec, id: number, drop: number): void {
  const st = stdlibOf(w.s);
  const ctx = idGet(st.ctxs.ctxs, id);
  if (ctx === undefined) return;
  ctx.users -= drop;
  const timerPending =
    ctx.timerId !== null && idGet(st.timers.timers, ctx.timerId)?.pending === true;
  if (ctx.users <= 0 && !timerPending) freeContext(st.ctxs, deps(w, p), id);
}
