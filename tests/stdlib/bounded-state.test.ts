/**
 * Long runs stay bounded: under steady load the stdlib state (channels, contexts, timers,
 * per-G locals, connections) stops growing once requests leave as fast as they come, so an
 * hour at 1,000 qps needs no more memory than a minute.
 */
import { describe, expect, test } from 'vitest';
import type { StdlibSimulation } from '../../src/model/stdlib/simulation.ts';
import { heapLen } from '../../src/model/stdlib/timer-heap.ts';
import { SECOND } from '../../src/scenarios/duration.ts';
import { timeoutHandler } from '../../src/scenarios/timeout-handler.ts';

function sizes(sim: StdlibSimulation): Record<string, number> {
  const s = sim.engine.state;
  const st = s.stdlib;
  if (st === undefined) throw new Error('no stdlib state');
  return {
    chans: st.chans.chans.size,
    contexts: st.ctxs.ctxs.size,
    timers: st.timers.timers.size,
    heapEntries: st.timers.heaps.reduce((n, h) => n + heapLen(h), 0),
    locals: st.locals.length,
    gs: s.allgs.length,
    conns: st.http.conns.length,
    requestTable: st.http.requests.req.length,
    orphans: st.orphanTimers.size,
  };
}

describe.each([
  { ctx: false, go: '1.25' },
  { ctx: true, go: '1.22' },
  { ctx: true, go: '1.25' },
])('timeout-handler ctx=$ctx go$go under steady load', ({ ctx, go }) => {
  test('state sizes at 10 s and at 25 s differ by less than 10%', () => {
    const values = {
      qps: 200,
      work: 2 * SECOND,
      timeout: SECOND,
      load: 30 * SECOND,
      ctx,
      total: 30 * SECOND,
      go,
    };
    const sim = timeoutHandler.create(values, {
      seed: 3,
      sampleNs: SECOND,
      traceCapacity: 0,
    }) as StdlibSimulation;
    sim.runUntil(10 * SECOND);
    const early = sizes(sim);
    sim.runUntil(25 * SECOND);
    const late = sizes(sim);
    for (const [name, n] of Object.entries(late)) {
      expect(n, name).toBeLessThanOrEqual((early[name] ?? 0) * 1.1 + 5);
    }
    // Requests keep flowing: the run is not stalled.
    expect(sim.counters()['sent']).toBeGreaterThan(200 * 24);
  }, 120_000);
});
