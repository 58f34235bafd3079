import { describe, expect, test } from 'vitest';
import {
  chanClose,
  chanRecv,
  chanSend,
  makeChan,
  newChanState,
  nilChan,
  select,
  takeDelivery,
} from '../../src/model/stdlib/chan.ts';
import { recordingHooks } from './hooks.ts';

describe('channels (runtime/chan.go)', () => {
  test('unbuffered: a receiver parks, the sender hands the value over and readies it', () => {
    const s = newChanState();
    const hooks = recordingHooks();
    const c = makeChan(s, 0);
    expect(chanRecv(s, c, 1, hooks)).toEqual({ kind: 'park', reason: 'chan receive' });
    expect(chanSend(s, c, 2, 42, hooks)).toEqual({ kind: 'done' });
    expect(hooks.readied).toEqual([1]);
    expect(takeDelivery(s, 1)).toEqual({ caseIndex: 0, value: 42, ok: true });
  });

  test('unbuffered: a sender with nobody to receive parks in chan send', () => {
    const s = newChanState();
    const hooks = recordingHooks();
    const c = makeChan(s, 0);
    expect(chanSend(s, c, 1, 5, hooks)).toEqual({ kind: 'park', reason: 'chan send' });
    expect(chanRecv(s, c, 2, hooks)).toEqual({ kind: 'done' });
    expect(takeDelivery(s, 2).value).toBe(5);
    expect(hooks.readied).toEqual([1]);
  });

  test('buffered: sends fill the buffer, then park; a receive takes the head and refills from the sender', () => {
    const s = newChanState();
    const hooks = recordingHooks();
    const c = makeChan(s, 2);
    chanSend(s, c, 1, 10, hooks);
    chanSend(s, c, 1, 11, hooks);
    expect(chanSend(s, c, 1, 12, hooks)?.kind).toBe('park');
    chanRecv(s, c, 2, hooks);
    expect(takeDelivery(s, 2).value).toBe(10);
    expect(hooks.readied).toEqual([1]);
    chanRecv(s, c, 2, hooks);
    expect(takeDelivery(s, 2).value).toBe(11);
    chanRecv(s, c, 2, hooks);
    expect(takeDelivery(s, 2).value).toBe(12);
  });

  test('close wakes every receiver with ok=false; sending on it or closing it again panics', () => {
    const s = newChanState();
    const hooks = recordingHooks();
    const c = makeChan(s, 0);
    chanRecv(s, c, 1, hooks);
    chanRecv(s, c, 2, hooks);
    chanClose(s, c, hooks);
    expect(hooks.readied).toEqual([1, 2]);
    expect(takeDelivery(s, 2).ok).toBe(false);
    expect(chanSend(s, c, 3, 0, hooks)).toEqual({ kind: 'panic', value: 'send on closed channel' });
    expect(chanClose(s, c, hooks)).toEqual({ kind: 'panic', value: 'close of closed channel' });
    expect(chanRecv(s, c, 4, hooks)).toEqual({ kind: 'done' });
    expect(takeDelivery(s, 4)).toEqual({ caseIndex: 0, value: 0, ok: false });
  });

  test('nil channel: send and receive block forever, close panics', () => {
    const s = newChanState();
    const hooks = recordingHooks();
    expect(chanRecv(s, nilChan, 1, hooks)).toEqual({
      kind: 'park',
      reason: 'chan receive (nil chan)',
    });
    expect(chanSend(s, nilChan, 1, 0, hooks)).toEqual({
      kind: 'park',
      reason: 'chan send (nil chan)',
    });
    expect(chanClose(s, nilChan, hooks).kind).toBe('panic');
  });
});

describe('select (runtime/select.go)', () => {
  test('no cases parks forever as select (no cases); a default case returns -1 at once', () => {
    const s = newChanState();
    const hooks = recordingHooks();
    expect(select(s, 1, [], false, hooks)).toEqual({ kind: 'park', reason: 'select (no cases)' });
    const c = makeChan(s, 0);
    expect(select(s, 1, [{ dir: 'recv', chan: c }], true, hooks)).toEqual({ kind: 'done' });
    expect(takeDelivery(s, 1).caseIndex).toBe(-1);
  });

  test('a parked select is woken once, by the first channel, and leaves the others', () => {
    const s = newChanState();
    const hooks = recordingHooks();
    const a = makeChan(s, 0);
    const b = makeChan(s, 0);
    const cases = [
      { dir: 'recv', chan: a },
      { dir: 'recv', chan: b },
    ] as const;
    expect(select(s, 1, cases, false, hooks)).toEqual({ kind: 'park', reason: 'select' });
    chanClose(s, b, hooks);
    expect(takeDelivery(s, 1)).toEqual({ caseIndex: 1, value: 0, ok: false });
    // G1 is no longer on a's queue: a later send on a finds no receiver and parks.
    expect(chanSend(s, a, 2, 1, hooks)?.kind).toBe('park');
    expect(hooks.readied).toEqual([1]);
  });

  test('with several ready cases the choice follows the seeded PRNG', () => {
    const chosen = [0, 1].map((pick) => {
      const s = newChanState();
      const hooks = recordingHooks(() => pick);
      const a = makeChan(s, 1);
      const b = makeChan(s, 1);
      chanSend(s, a, 9, 1, hooks);
      chanSend(s, b, 9, 2, hooks);
      select(
        s,
        1,
        [
          { dir: 'recv', chan: a },
          { dir: 'recv', chan: b },
        ],
        false,
        hooks,
      );
      return takeDelivery(s, 1).caseIndex;
    });
    expect(new Set(chosen).size).toBe(2);
  });
});
