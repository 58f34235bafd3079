/**
 * The alert rule (src/scenarios/alert-rule.ts) as Prometheus evaluates one: a level and/or rate
 * condition that must hold for `for` before firing, resolving at the first sample where it fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateAlert,
  ratePerMinute,
  timeToDetectMs,
  type AlertRule,
} from '../../src/scenarios/alert-rule';

const S = 1e9;
const grid = (n: number, stepMs: number) => Array.from({ length: n }, (_, i) => (i + 1) * stepMs);
const rule = (r: Partial<AlertRule>): AlertRule => ({
  mode: 'threshold',
  threshold: 100,
  ratePerMin: 10,
  windowNs: 60 * S,
  forNs: 0,
  ...r,
});

describe('ratePerMinute', () => {
  it('is the growth per minute over the window, null until a whole window has passed', () => {
    const t = grid(10, 10_000); // 10s .. 100s
    const v = t.map((ms) => ms / 1000); // one per second: 60 per minute
    const r = ratePerMinute(t, v, 30 * S);
    expect(r.slice(0, 3)).toEqual([null, null, null]);
    for (const x of r.slice(3)) expect(x).toBeCloseTo(60, 9);
  });
});

describe('evaluateAlert', () => {
  it('goes pending, then fires after `for`, at the sample where the condition has held that long', () => {
    const t = grid(20, 10_000);
    const v = t.map((ms) => (ms >= 50_000 ? 500 : 0));
    const ev = evaluateAlert(t, v, rule({ forNs: 30 * S }));
    expect(ev.states[3]).toBe('inactive');
    expect(ev.states[4]).toBe('pending'); // 50s
    expect(ev.states[6]).toBe('pending'); // 70s: held 20s
    expect(ev.states[7]).toBe('firing'); // 80s: held 30s
    expect(ev.firstFiringMs).toBe(80_000);
    expect(timeToDetectMs(ev, 50_000)).toBe(30_000);
  });

  it('a condition that breaks during `for` starts the wait again', () => {
    const t = grid(10, 10_000);
    const v = [500, 500, 0, 500, 500, 500, 500, 0, 0, 0];
    const ev = evaluateAlert(t, v, rule({ forNs: 20 * S }));
    expect(ev.firing).toEqual([{ startMs: 60_000, endMs: 80_000 }]);
  });

  it('both needs level and growth; either needs one', () => {
    const t = grid(12, 10_000);
    const flatHigh = t.map(() => 1000);
    expect(evaluateAlert(t, flatHigh, rule({ mode: 'both' })).firstFiringMs).toBeNull();
    expect(evaluateAlert(t, flatHigh, rule({ mode: 'either' })).firstFiringMs).toBe(10_000);
    const growing = t.map((ms) => ms / 1000); // 60 per minute
    const ev = evaluateAlert(t, growing, rule({ mode: 'rate', threshold: 1e9 }));
    // Samples start at 10s: 70s is the first with a sample a whole 60s window behind it.
    expect(ev.firstFiringMs).toBe(70_000);
  });

  it('fires for any monotone growth that ends above the threshold (level rule)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 80 }),
        fc.integer({ min: 0, max: 5 }),
        (steps, forSamples) => {
          const v: number[] = [];
          let x = 0;
          for (const d of steps) v.push((x += d));
          const t = grid(v.length, 10_000);
          const threshold = Math.floor((v.at(-1) as number) / 2);
          const crossing = v.findIndex((y) => y > threshold);
          const r = rule({ threshold, forNs: forSamples * 10 * S });
          const ev = evaluateAlert(t, v, r);
          if (crossing + forSamples < v.length) {
            expect(ev.firstFiringMs).toBe(t[crossing + forSamples]);
            expect(ev.firing).toHaveLength(1);
            expect(ev.firing[0]?.endMs).toBeNull();
          } else {
            expect(ev.firstFiringMs).toBeNull();
          }
        },
      ),
    );
  });

  it('never fires for a flat series under the threshold, whatever the rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom('threshold', 'rate', 'both', 'either') as fc.Arbitrary<AlertRule['mode']>,
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 600 }),
        (level, n, mode, ratePerMin, forS) => {
          const t = grid(n, 10_000);
          const v = t.map(() => level);
          const r = rule({ mode, threshold: level, ratePerMin, forNs: forS * S });
          const ev = evaluateAlert(t, v, r);
          expect(ev.firing).toEqual([]);
          expect(ev.states.every((s) => s === 'inactive')).toBe(true);
        },
      ),
    );
  });

  it('resolves at the first sample where the series has fallen back under the threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (below, above, after) => {
          const v = [
            ...Array.from({ length: below }, () => 10),
            ...Array.from({ length: above }, () => 1000),
            ...Array.from({ length: after }, () => 10),
          ];
          const t = grid(v.length, 10_000);
          const ev = evaluateAlert(t, v, rule({ threshold: 100 }));
          expect(ev.firing).toEqual([{ startMs: t[below], endMs: t[below + above] }]);
          expect(ev.states.at(-1)).toBe('inactive');
        },
      ),
    );
  });
});
