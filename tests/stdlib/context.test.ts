import { describe, expect, test } from 'vitest';
import { chanRecv, newChanState, takeDelivery } from '../../src/model/stdlib/chan.ts';
import {
  background,
  cancel,
  contextTimerFn,
  ctxDone,
  ctxErr,
  newContextState,
  withCancel,
  withTimeout,
} from '../../src/model/stdlib/context.ts';
import { newTimerState, runDueTimers } from '../../src/model/stdlib/timers.ts';
import { recordingHooks } from './hooks.ts';

const second = 1_000_000_000;

function setup() {
  const deps = { chans: newChanState(), timers: newTimerState(1, 25), hooks: recordingHooks() };
  return { state: newContextState(), deps };
}

describe('context', () => {
  test('cancelling a parent closes its children’s Done channels and wakes their receivers', () => {
    const { state, deps } = setup();
    const parent = withCancel(state, deps, background);
    const child = withCancel(state, deps, parent);
    expect(chanRecv(deps.chans, ctxDone(state, child), 5, deps.hooks)?.kind).toBe('park');
    cancel(state, deps, parent);
    expect(deps.hooks.readied).toEqual([5]);
    expect(takeDelivery(deps.chans, 5).ok).toBe(false);
    expect(ctxErr(state, child)).toBe('context canceled');
    cancel(state, deps, parent); // CancelFunc is idempotent
    expect(ctxErr(state, parent)).toBe('context canceled');
  });

  test('WithTimeout arms an AfterFunc timer at the deadline; cancel stops it', () => {
    const { state, deps } = setup();
    const ctx = withTimeout(state, deps, background, 0, 0, 1 * second);
    expect(deps.timers.pending).toBe(1);
    expect(runDueTimers(deps.timers, 0, 1 * second)).toEqual([
      { kind: 'go', fn: contextTimerFn, arg: ctx },
    ]);
    const early = withTimeout(state, deps, background, 0, 0, 1 * second);
    cancel(state, deps, early);
    expect(deps.timers.pending).toBe(0);
  });

  test('a child of a context with an earlier deadline gets no timer of its own', () => {
    const { state, deps } = setup();
    const parent = withTimeout(state, deps, background, 0, 0, 1 * second);
    withTimeout(state, deps, parent, 0, 0, 5 * second);
    expect(deps.timers.pending).toBe(1);
  });

  test('a context derived from a cancelled parent starts cancelled', () => {
    const { state, deps } = setup();
    const parent = withCancel(state, deps, background);
    cancel(state, deps, parent);
    expect(ctxErr(state, withCancel(state, deps, parent))).toBe('context canceled');
  });
});
