/**
 * sync ops over stdlib/sync.ts: Mutex Lock/Unlock and the steps of `Once.Do`, so a G parks
 * exactly where the real one does (in `doSlow`, on `o.m`).
 *
 * A `Once.Do(f)` call is laid out as
 *
 *     once.fast   {to: after}     // if o.done.Load() != 0: return
 *     once.lock                   // doSlow: o.m.Lock()  (parks: sync.Mutex.Lock / semacquire)
 *     once.check  {to: finish}    // if o.done.Load() != 0: skip f
 *     ...f's ops...               // may park forever, or panic with once.panic
 *     once.finish                 // defer o.done.Store(1) (if f ran); defer o.m.Unlock()
 *   after:
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/sync/once.go
 */
import { registerOp, type Op, type World } from '../program.ts';
import type { GRec } from '../state.ts';
import { localsOf, stdHooks, stdlibOf } from './engine-bridge.ts';
import { settle } from './ops-chan.ts';
import { mutexLock, mutexUnlock, onceFinish, onceLock, type Once } from './sync.ts';

export interface MutexOp extends Op {
  readonly kind: 'mutex.Lock' | 'mutex.Unlock';
  readonly mutex: number;
}
registerOp<MutexOp>({
  kind: 'mutex.Lock',
  run: (w, g, op, p) => {
    const m = stdlibOf(w.s).mutexes[op.mutex];
    if (m === undefined) throw new Error(`no mutex ${op.mutex}`);
    return settle(w, g, p, mutexLock(m, g.idx, w.s.cfg.goMinor));
  },
});
registerOp<MutexOp>({
  kind: 'mutex.Unlock',
  run: (w, g, op, p) => {
    const m = stdlibOf(w.s).mutexes[op.mutex];
    if (m === undefined) throw new Error(`no mutex ${op.mutex}`);
    return settle(w, g, p, mutexUnlock(m, stdHooks(w, p)));
  },
});

/** Local slot where a G remembers whether it is the one running f (for `once.finish`). */
export const RAN_F_SLOT = 15;

function onceOf(w: World, index: number): Once {
  const o = stdlibOf(w.s).onces[index];
  if (o === undefined) throw new Error(`no sync.Once ${index}`);
  return o;
}

function jump(g: GRec, to: number): number {
  g.pc = to - 1;
  return 0;
}

export interface OnceJumpOp extends Op {
  readonly kind: 'once.fast' | 'once.check';
  readonly once: number;
  readonly to: number;
}
registerOp<OnceJumpOp>({
  kind: 'once.fast',
  run: (w, g, op) => (onceOf(w, op.once).done ? jump(g, op.to) : 0),
});
registerOp<OnceJumpOp>({
  kind: 'once.check',
  run: (w, g, op) => {
    const ranF = !onceOf(w, op.once).done;
    localsOf(stdlibOf(w.s), g.idx)[RAN_F_SLOT] = ranF ? 1 : 0;
    return ranF ? 0 : jump(g, op.to);
  },
});

export interface OnceOp extends Op {
  readonly kind: 'once.lock' | 'once.finish';
  readonly once: number;
}
registerOp<OnceOp>({
  kind: 'once.lock',
  run: (w, g, op, p) => settle(w, g, p, onceLock(onceOf(w, op.once), g.idx, w.s.cfg.goMinor)),
});
registerOp<OnceOp>({
  kind: 'once.finish',
  run: (w, g, op, p) => {
    const ranF = (localsOf(stdlibOf(w.s), g.idx)[RAN_F_SLOT] ?? 0) === 1;
    onceFinish(onceOf(w, op.once), ranF, stdHooks(w, p));
    return 0;
  },
});

/**
 * f panics inside `Once.Do`: doSlow's deferred calls still run (done = 1, Unlock: the Once is
 * spent), then the panic unwinds to the caller's `defer func() { recover() }()`, at pc `recoverTo`.
 */
export interface OncePanicOp extends Op {
  readonly kind: 'once.panic';
  readonly once: number;
  readonly recoverTo: number;
}
registerOp<OncePanicOp>({
  kind: 'once.panic',
  run: (w, g, op, p) => {
    onceFinish(onceOf(w, op.once), true, stdHooks(w, p));
    return jump(g, op.recoverTo);
  },
});
