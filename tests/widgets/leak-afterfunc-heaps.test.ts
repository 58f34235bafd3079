import { describe, expect, it } from 'vitest';
import { afterfuncLeak, type TimerHeapView } from '../../src/scenarios/afterfunc-leak';
import { parseParams } from '../../src/scenarios/params';

function viewAt(raw: Record<string, string>, tNs: number) {
  const { values } = parseParams(afterfuncLeak.params, raw);
  const sim = afterfuncLeak.create(values, { seed: 2, sampleNs: 250_000_000 });
  sim.runUntil(tNs);
  const extra = sim.view(0).extra;
  return { extra, heaps: extra['timerHeaps'] as TimerHeapView[] };
}

describe('afterfunc-leak view: each P’s timer heap, for the stage', () => {
  it('lists every P, and its pending timers add up to pendingTimers', () => {
    const { extra, heaps } = viewAt({ mode: 'nostop', rate: '500' }, 1_500_000_000);
    expect(heaps.map((h) => h.p)).toEqual([0, 1]);
    const total = heaps.reduce((sum, h) => sum + h.timers, 0);
    expect(total).toBe(extra['pendingTimers']);
    // 500 timers a second for 1.5s, none due before 2s: all of them still pend.
    expect(total).toBeGreaterThan(700);
  });

  it('holds payload-sized closures: a bigger payload holds more bytes per timer', () => {
    const perTimer = (payload: string) => {
      const { heaps } = viewAt({ mode: 'nostop', rate: '100', payload }, 1_000_000_000);
      const timers = heaps.reduce((sum, h) => sum + h.timers, 0);
      return heaps.reduce((sum, h) => sum + h.bytes, 0) / timers;
    };
    expect(perTimer('65536') - perTimer('4096')).toBeGreaterThan(60_000);
  });

  it('is empty when every timer is stopped at once (the fix)', () => {
    const { heaps } = viewAt({ mode: 'stop', rate: '500' }, 1_500_000_000);
    expect(heaps.every((h) => h.timers === 0 && h.bytes === 0)).toBe(true);
  });

  it('counts the goroutines f leaves blocked once timers fire (blockingf)', () => {
    const { extra } = viewAt({ mode: 'blockingf', rate: '100', delay: '200ms' }, 1_000_000_000);
    // Timers started up to 0.8s have fired by 1s: about 80 goroutines stuck in f.
    expect(Number(extra['timerGoroutines'])).toBeGreaterThan(70);
    expect(Number(extra['timerGoroutines'])).toBeLessThanOrEqual(81);
  });
});
