import { describe, expect, test } from 'vitest';
import { EPOLL_WAKE_LATENCY_NS, epollWakeAt } from '../../src/model/stdlib/simulation.ts';

const MS = 1_000_000;
const L = EPOLL_WAKE_LATENCY_NS;

describe('an idle M waiting in netpoll for the next timer (netpoll_epoll.go: waitms)', () => {
  test('a delay under 1ms still waits a whole millisecond', () => {
    expect(epollWakeAt(0, 0.3 * MS)).toBe(1 * MS + L);
  });

  test('a longer delay is truncated to whole ms, then the M waits again', () => {
    // 20.5ms: wait 20ms, wake 0.5ms early minus the latency, wait 1ms more.
    expect(epollWakeAt(0, 20.5 * MS)).toBe(20 * MS + L + 1 * MS + L);
  });

  test('a timer already due runs at once', () => {
    expect(epollWakeAt(5 * MS, 4 * MS)).toBe(5 * MS);
  });

  test('so a 1ms ticker on an idle program runs slow: ~1.09ms a tick, as the reference measured', () => {
    let t = 0;
    let when = 1 * MS;
    let ticks = 0;
    while (t < 2_000 * MS) {
      t = epollWakeAt(t, when);
      ticks++;
      // time.Ticker re-arms at its next multiple of the period, skipping missed ticks.
      when += MS * (1 + Math.floor((t - when) / MS));
    }
    // reference/results/afterfunc-*.tsv: 1,828-1,834 ticks fired in the 2s load.
    expect(ticks).toBeGreaterThan(1_800);
    expect(ticks).toBeLessThan(1_900);
  });
});
