/**
 * Properties of the timeout-handler scenario over random parameters:
 * - Little's law: inner handlers in flight = arrival rate × time each one lives, i.e.
 *   qps × work when the handler ignores its context and qps × min(work, timeout) when it honours it;
 * - no goroutine is lost or created from nowhere: every live G is main, a connection's goroutine,
 *   a running inner handler, or a context deadline's goroutine, and the counts agree.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { StdlibSimulation } from '../../src/model/stdlib/simulation.ts';
import { MILLISECOND, SECOND } from '../../src/scenarios/duration.ts';
import { timeoutHandler } from '../../src/scenarios/timeout-handler.ts';

interface Params {
  qps: number;
  work: number;
  timeout: number;
  ctx: boolean;
}

function simulate(p: Params, load: number, total: number): StdlibSimulation {
  const values = { ...p, load, total, go: '1.25' };
  return timeoutHandler.create(values, {
    seed: 7,
    sampleNs: 100 * MILLISECOND,
  }) as StdlibSimulation;
}

const params = fc.record({
  qps: fc.integer({ min: 5, max: 200 }),
  work: fc.integer({ min: 1, max: 30 }).map((n) => n * 100 * MILLISECOND),
  timeout: fc.integer({ min: 1, max: 30 }).map((n) => n * 100 * MILLISECOND),
  ctx: fc.boolean(),
});

describe('timeout-handler properties', () => {
  test("Little's law: the plateau of inner handlers is qps × work, or qps × min(work, timeout) with ctx", () => {
    fc.assert(
      fc.property(params, (p) => {
        const life = p.ctx ? Math.min(p.work, p.timeout) : p.work;
        const load = life + 3 * SECOND;
        const sim = simulate(p, load, load);
        sim.runUntil(load);
        const series = sim.series();
        const inner = series['innerHandlers'] ?? [];
        // Steady state: from one lifetime (plus a margin) after the start to the end of the load.
        const window = inner.filter((_, i) => (series.t_ms[i] ?? 0) * MILLISECOND >= life + SECOND);
        const mean = window.reduce((a, b) => a + b, 0) / window.length;
        const rate = (sim.counters()['sent'] ?? 0) / (load / SECOND);
        const expected = (rate * life) / SECOND;
        expect(Math.abs(mean - expected)).toBeLessThanOrEqual(expected * 0.05 + 1);
      }),
      { numRuns: 12, seed: 20261128 },
    );
  }, 120_000);

  test('no goroutine is lost or created from nowhere', () => {
    fc.assert(
      fc.property(
        params,
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 5, maxLength: 12 }),
        (p, stops) => {
          const sim = simulate(p, 2 * SECOND, 6 * SECOND);
          const s = sim.engine.state;
          const roleOf = (prog: number) => sim.engine.world.code[prog]?.role ?? '?';
          for (const stop of stops) {
            sim.runToEvent(sim.events + stop);
            const live = s.allgs.filter((g) => g.status !== '_Gdead');
            const byRole = (role: string) => live.filter((g) => roleOf(g.prog) === role).length;
            const http = s.stdlib?.http;
            const accepted = http?.conns.filter((c) => c.g >= 0).length ?? 0;
            expect(live.length).toBe(s.ngLive);
            expect(byRole('main')).toBe(1);
            expect(byRole('conn')).toBeLessThanOrEqual(accepted + 1);
            expect(byRole('conn')).toBeGreaterThanOrEqual(accepted);
            // An inner G counts as running from its first op to its `running--`; before that it
            // waits in a run queue, and after it only zero-time bookkeeping is left before it exits.
            const started = live.filter((g) => roleOf(g.prog) === 'handler' && g.pc > 0).length;
            expect(started).toBe(http?.handlersRunning ?? 0);
            // One background read per request a connection is serving; one told to stop exits
            // when it next runs, so for a moment a connection can have two.
            const readers = live.filter((g) => roleOf(g.prog) === 'conn-reader');
            const reading = http?.conns.filter((c) => c.backgroundRead >= 0) ?? [];
            for (const c of reading) expect(readers.map((g) => g.idx)).toContain(c.backgroundRead);
            expect(reading.length).toBeLessThanOrEqual(byRole('conn'));
            expect(http?.backgroundReads).toBe(reading.length);
            expect(readers.length).toBeLessThanOrEqual(2 * byRole('conn'));
            expect(live.length).toBe(
              1 + byRole('conn') + readers.length + byRole('handler') + byRole('timer-f'),
            );
            expect(byRole('timer-f')).toBeLessThanOrEqual(s.stdlib?.ctxs.ctxs.size ?? 0);
          }
        },
      ),
      { numRuns: 10, seed: 42 },
    );
  }, 120_000);
});
