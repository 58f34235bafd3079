import { describe, expect, test } from 'vitest';
import {
  addTimer,
  maybeRunChan,
  nextWhenAnyP,
  resetTimer,
  runDueTimers,
  stopTimer,
  timerChanBlocked,
  newTimerState,
} from '../../src/model/stdlib/timers.ts';

const ms = 1_000_000;

describe('timers', () => {
  test('an AfterFunc timer holds its closure bytes while pending and starts f when it fires', () => {
    const ts = newTimerState(2, 25);
    addTimer(ts, 0, 2_000 * ms, { kind: 'go', fn: 'f', arg: 7 }, { bytes: 4096 });
    expect(ts.pending).toBe(1);
    expect(ts.heldBytes).toBe(4096);
    expect(runDueTimers(ts, 0, 1_999 * ms)).toEqual([]);
    expect(runDueTimers(ts, 0, 2_000 * ms)).toEqual([{ kind: 'go', fn: 'f', arg: 7 }]);
    expect(ts.pending).toBe(0);
    expect(ts.heldBytes).toBe(0);
    expect(ts.fired).toBe(1);
  });

  test('Stop before firing releases the closure and the timer never fires; a second Stop is false', () => {
    const ts = newTimerState(1, 25);
    const id = addTimer(ts, 0, 10 * ms, { kind: 'go', fn: 'f', arg: 1 }, { bytes: 100 });
    expect(stopTimer(ts, id)).toBe(true);
    expect(stopTimer(ts, id)).toBe(false);
    expect(ts.heldBytes).toBe(0);
    expect(runDueTimers(ts, 0, 20 * ms)).toEqual([]);
    expect(nextWhenAnyP(ts)).toBe(Infinity);
  });

  test('Reset to the same instant after Stop fires exactly once', () => {
    const ts = newTimerState(1, 25);
    const id = addTimer(ts, 0, 10 * ms, { kind: 'ready', g: 3 });
    stopTimer(ts, id);
    expect(resetTimer(ts, id, 0, 10 * ms)).toBe(false);
    expect(runDueTimers(ts, 0, 10 * ms)).toHaveLength(1);
  });

  test('timers live on the heap of the P that started them', () => {
    const ts = newTimerState(2, 25);
    addTimer(ts, 1, 5 * ms, { kind: 'ready', g: 1 });
    expect(runDueTimers(ts, 0, 10 * ms)).toEqual([]);
    expect(runDueTimers(ts, 1, 10 * ms)).toEqual([{ kind: 'ready', g: 1 }]);
  });

  test('a ticker that runs late skips the ticks it missed', () => {
    // Go 1.22: a channel timer is in the heap whether or not anyone waits on it.
    const ts = newTimerState(1, 22);
    addTimer(ts, 0, 10 * ms, { kind: 'send', chan: 1 }, { period: 10 * ms, isChan: true });
    expect(runDueTimers(ts, 0, 35 * ms)).toHaveLength(1);
    expect(nextWhenAnyP(ts)).toBe(40 * ms);
  });

  test('before Go 1.23 an unreferenced channel timer stays in the heap until it fires', () => {
    const ts = newTimerState(1, 22);
    addTimer(ts, 0, 4_000 * ms, { kind: 'send', chan: 9 }, { isChan: true, bytes: 200 });
    expect(nextWhenAnyP(ts)).toBe(4_000 * ms);
  });

  test('from Go 1.23 a channel timer is in a heap only while a receiver is blocked on it', () => {
    const ts = newTimerState(1, 23);
    const id = addTimer(ts, 0, 4_000 * ms, { kind: 'send', chan: 9 }, { isChan: true });
    expect(nextWhenAnyP(ts)).toBe(Infinity);
    timerChanBlocked(ts, id, 0, 1);
    expect(nextWhenAnyP(ts)).toBe(4_000 * ms);
    timerChanBlocked(ts, id, 0, -1);
    expect(nextWhenAnyP(ts)).toBe(Infinity);
    // Someone looking at t.C after the deadline gets the value at once (maybeRunChan).
    expect(maybeRunChan(ts, id, 3_999 * ms)).toBeNull();
    expect(maybeRunChan(ts, id, 4_000 * ms)).toEqual({ kind: 'send', chan: 9 });
  });
});
