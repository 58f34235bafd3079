/**
 * `sync.Mutex`, `sync.WaitGroup`, `sync.Once` and `sync.OnceFunc`/`OnceValue` as plain data.
 *
 * The mutex keeps its waiters in a FIFO semaphore queue and Unlock hands the lock straight to the
 * first of them: that is the runtime's starvation mode. Normal mode, where a running goroutine may
 * barge in ahead of a woken waiter, is left out: it changes who wins a race, never whether a
 * waiter stays parked, and the incidents are about the latter.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/sync/mutex.go
 * @see https://github.com/golang/go/blob/go1.25.0/src/sync/once.go
 * @see https://github.com/golang/go/blob/go1.25.0/src/sync/oncefunc.go
 */
import { opDone, opPanic, opPark, type OpOutcome, type SchedHooks } from './sched-hooks.ts';
import { mutexWaitReason, waitGroupWaitReason, type GoMinor } from './wait-reasons.ts';

export interface Mutex {
  locked: boolean;
  /** Goroutines parked in `semacquire` on the mutex's semaphore, oldest first. */
  sema: number[];
}

export function newMutex(): Mutex {
  return { locked: false, sema: [] };
}

/** `Lock`: take a free mutex, or park (`sync.Mutex.Lock`, `semacquire` before Go 1.20). */
export function mutexLock(m: Mutex, g: number, goMinor: GoMinor): OpOutcome {
  if (!m.locked) {
    m.locked = true;
    return opDone;
  }
  m.sema.push(g);
  return opPark(mutexWaitReason(goMinor));
}

/** `Unlock`: hand the lock to the oldest waiter (it wakes owning it), or free it. */
export function mutexUnlock(m: Mutex, hooks: SchedHooks): OpOutcome {
  if (!m.locked) return opPanic('fatal error: sync: unlock of unlocked mutex');
  const next = m.sema.shift();
  if (next === undefined) m.locked = false;
  else hooks.ready(next);
  return opDone;
}

export interface WaitGroup {
  counter: number;
  waiters: number[];
}

export function newWaitGroup(): WaitGroup {
  return { counter: 0, waiters: [] };
}

/** `Add(delta)` (and `Done` = `Add(-1)`): reaching zero releases every waiter. */
export function waitGroupAdd(wg: WaitGroup, delta: number, hooks: SchedHooks): OpOutcome {
  wg.counter += delta;
  if (wg.counter < 0) return opPanic('sync: negative WaitGroup counter');
  if (wg.counter === 0) {
    for (const g of wg.waiters) hooks.ready(g);
    wg.waiters = [];
  }
  return opDone;
}

/** `Wait`: return at once at zero, else park until the counter reaches zero. */
export function waitGroupWait(wg: WaitGroup, g: number, goMinor: GoMinor): OpOutcome {
  if (wg.counter === 0) return opDone;
  wg.waiters.push(g);
  return opPark(waitGroupWaitReason(goMinor));
}

/**
 * `sync.Once`: `done` plus the mutex `m` that `doSlow` holds while f runs. `Do` is split into the
 * steps a goroutine takes, so a scenario can park a G between them exactly where the real one
 * parks:
 *
 *     func (o *Once) Do(f func()) {
 *         if o.done.Load() == 0 { o.doSlow(f) }   // onceFastPathDone
 *     }
 *     func (o *Once) doSlow(f func()) {
 *         o.m.Lock()                              // onceLock (parks every later caller)
 *         defer o.m.Unlock()
 *         if o.done.Load() == 0 {                 // onceShouldRun
 *             defer o.done.Store(1)
 *             f()                                 // returning or panicking: onceFinish
 *         }
 *     }
 */
export interface Once {
  done: boolean;
  m: Mutex;
}

export function newOnce(): Once {
  return { done: false, m: newMutex() };
}

/** The fast path: true when f has already run (returned or panicked), so Do returns at once. */
export function onceFastPathDone(o: Once): boolean {
  return o.done;
}

/** `o.m.Lock()` in `doSlow`. */
export function onceLock(o: Once, g: number, goMinor: GoMinor): OpOutcome {
  return mutexLock(o.m, g, goMinor);
}

/** Holding `o.m`: should this caller run f? False when another caller finished f meanwhile. */
export function onceShouldRun(o: Once): boolean {
  return !o.done;
}

/**
 * The deferred calls of `doSlow`, which run whether f returned or panicked: `done.Store(1)` when
 * this caller ran f, then `m.Unlock()` (waking the next caller parked in `doSlow`).
 */
export function onceFinish(o: Once, ranF: boolean, hooks: SchedHooks): void {
  if (ranF) o.done = true;
  mutexUnlock(o.m, hooks);
}

/**
 * `sync.OnceFunc`/`OnceValue` (Go 1.21): a Once plus what f left behind. If f panicked, every
 * call (the first and all later ones) panics with the same value.
 */
export interface OnceFunc {
  once: Once;
  /** f returned normally. */
  valid: boolean;
  /** The value f panicked with, if it did. */
  panicValue: string | null;
  /** What f returned (`OnceValue`), as an id the scenario understands. */
  value: number;
}

export function newOnceFunc(): OnceFunc {
  return { once: newOnce(), valid: false, panicValue: null, value: 0 };
}

/** Record how f ended, inside the Once, before `doSlow`'s deferred calls run. */
export function onceFuncRecord(of: OnceFunc, outcome: { value: number } | { panic: string }): void {
  if ('panic' in outcome) {
    of.panicValue = outcome.panic;
  } else {
    of.valid = true;
    of.value = outcome.value;
  }
}

/** After `once.Do(g)` returns: the result every caller sees, re-panicking if f panicked. */
export function onceFuncResult(of: OnceFunc): { outcome: OpOutcome; value: number } {
  if (!of.valid) return { outcome: opPanic(of.panicValue ?? 'nil'), value: 0 };
  return { outcome: opDone, value: of.value };
}
