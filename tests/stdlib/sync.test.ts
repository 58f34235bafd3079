import { describe, expect, test } from 'vitest';
import {
  mutexLock,
  mutexUnlock,
  newMutex,
  newOnce,
  newOnceFunc,
  newWaitGroup,
  onceFastPathDone,
  onceFinish,
  onceFuncRecord,
  onceFuncResult,
  onceLock,
  onceShouldRun,
  waitGroupAdd,
  waitGroupWait,
} from '../../src/model/stdlib/sync.ts';
import { recordingHooks } from './hooks.ts';

describe('sync.Mutex', () => {
  test('waiters park with the wait reason of the Go version and get the lock in FIFO order', () => {
    const m = newMutex();
    const hooks = recordingHooks();
    expect(mutexLock(m, 1, 19)).toEqual({ kind: 'done' });
    expect(mutexLock(m, 2, 19)).toEqual({ kind: 'park', reason: 'semacquire' });
    expect(mutexLock(m, 3, 20)).toEqual({ kind: 'park', reason: 'sync.Mutex.Lock' });
    mutexUnlock(m, hooks);
    expect(hooks.readied).toEqual([2]);
    expect(m.locked).toBe(true);
    mutexUnlock(m, hooks);
    mutexUnlock(m, hooks);
    expect(hooks.readied).toEqual([2, 3]);
    expect(m.locked).toBe(false);
    expect(mutexUnlock(m, hooks).kind).toBe('panic');
  });
});

describe('sync.WaitGroup', () => {
  test('Wait parks until the counter reaches zero; semacquire before Go 1.25', () => {
    const wg = newWaitGroup();
    const hooks = recordingHooks();
    waitGroupAdd(wg, 2, hooks);
    expect(waitGroupWait(wg, 1, 21)).toEqual({ kind: 'park', reason: 'semacquire' });
    expect(waitGroupWait(wg, 2, 25)).toEqual({ kind: 'park', reason: 'sync.WaitGroup.Wait' });
    waitGroupAdd(wg, -1, hooks);
    expect(hooks.readied).toEqual([]);
    waitGroupAdd(wg, -1, hooks);
    expect(hooks.readied).toEqual([1, 2]);
    expect(waitGroupAdd(wg, -1, hooks).kind).toBe('panic');
  });
});

describe('sync.Once (sync/once.go)', () => {
  test('while f blocks, every later caller parks in doSlow on o.m', () => {
    const o = newOnce();
    expect(onceFastPathDone(o)).toBe(false);
    expect(onceLock(o, 1, 19)).toEqual({ kind: 'done' });
    expect(onceShouldRun(o)).toBe(true);
    // G1 now runs f, which never returns; callers 2..4 take the slow path and park.
    for (const g of [2, 3, 4]) {
      expect(onceFastPathDone(o)).toBe(false);
      expect(onceLock(o, g, 19)).toEqual({ kind: 'park', reason: 'semacquire' });
    }
    expect(o.m.sema).toEqual([2, 3, 4]);
  });

  test('f panicking still marks the Once done: the waiters wake, skip f, and later calls take the fast path', () => {
    const o = newOnce();
    const hooks = recordingHooks();
    onceLock(o, 1, 25);
    onceLock(o, 2, 25);
    onceFinish(o, true, hooks); // f panicked: the deferred done.Store(1) and Unlock still run
    expect(hooks.readied).toEqual([2]);
    expect(onceShouldRun(o)).toBe(false);
    onceFinish(o, false, hooks);
    expect(o.m.locked).toBe(false);
    expect(onceFastPathDone(o)).toBe(true);
  });
});

describe('sync.OnceFunc / OnceValue (sync/oncefunc.go)', () => {
  test('if f panicked, every call panics with the same value', () => {
    const of = newOnceFunc();
    onceFuncRecord(of, { panic: 'remote config unavailable' });
    const panicked = { outcome: { kind: 'panic', value: 'remote config unavailable' }, value: 0 };
    expect(onceFuncResult(of)).toEqual(panicked);
    expect(onceFuncResult(of)).toEqual(panicked);
  });

  test('if f returned, every call gets its value', () => {
    const of = newOnceFunc();
    onceFuncRecord(of, { value: 7 });
    expect(onceFuncResult(of)).toEqual({ outcome: { kind: 'done' }, value: 7 });
  });
});
