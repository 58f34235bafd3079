/**
 * The observability scenario runs each incident in an HTTP server at scale: the alert (default rule:
 * above 2,000 goroutines or growing faster than 200 a minute over 5m, for 1m) fires for every
 * buggy incident and never for its fix over the same hour, and the dump at the firing moment
 * points at the incident that runs, read from the stacks alone.
 */
import { describe, expect, it } from 'vitest';
import { alertParams, alertRuleOf } from '../../src/scenarios/alert-params';
import { evaluateAlert, timeToDetectMs } from '../../src/scenarios/alert-rule';
import { HOUR, MINUTE, SECOND } from '../../src/scenarios/duration';
import {
  INCIDENTS,
  observability,
  observabilitySampleNs,
  type ObservabilityValues,
} from '../../src/scenarios/observability';
import { defaultValues } from '../../src/scenarios/params';
import type { Simulation } from '../../src/scenarios/types';
import { dumpVerdict } from '../../src/widgets/observability/dump-verdict';

const QPS = 5;
const rule = alertRuleOf(defaultValues(alertParams));

function values(over: Partial<ObservabilityValues>): ObservabilityValues {
  return { ...defaultValues(observability.params), qps: QPS, duration: HOUR, ...over };
}

function run(v: ObservabilityValues, untilNs = v.duration): Simulation {
  const sim = observability.create(v, {
    seed: 1,
    sampleNs: observabilitySampleNs(v),
    traceCapacity: 0,
  });
  sim.runUntil(untilNs);
  return sim;
}

const HEAVY = { timeout: 120_000 };

describe('observability: the alert over an hour at 5 requests per second', () => {
  for (const incident of INCIDENTS) {
    it(
      `fires for ${incident}, with the time to detect of its growth, and the dump names it`,
      HEAVY,
      () => {
        const v = values({ incident });
        const sampleMs = observabilitySampleNs(v) / 1e6;
        const sim = run(v);
        const s = sim.series();
        expect(s.t_ms.length).toBeGreaterThanOrEqual(359);
        const ev = evaluateAlert(s.t_ms, s['goroutines'] ?? [], rule);
        // One leaked goroutine per request, 300 a minute > 200, known once a whole 5m window is
        // sampled, then held for 1m. A blocked Once leaks two per request (its handler and its
        // connection's background read), so it passes the 2,000 level first: after 200 s, + 1m.
        const perSecond = incident === 'once-stall' ? 2 * QPS : QPS;
        const expected = Math.min(
          (rule.windowNs + rule.forNs) / 1e6,
          (rule.threshold / perSecond) * 1000 + rule.forNs / 1e6,
        );
        const ttd = timeToDetectMs(ev, 0);
        expect(ttd).not.toBeNull();
        expect(ttd as number).toBeGreaterThanOrEqual(expected);
        expect(ttd as number).toBeLessThanOrEqual(expected + sampleMs);

        const at = run(v, (ev.firstFiringMs as number) * 1e6);
        const verdict = dumpVerdict(at.dump(), at.nowNs, 5);
        expect(verdict.verdict?.incident).toBe(incident);
        // The largest group that points anywhere; a blocked Once's is second to its connections'
        // background reads (one more of them: the request inside f has one too).
        const culprit = verdict.groups.find((g) => g.points !== null);
        expect(culprit?.points?.incident).toBe(incident);
        // About a request's worth of goroutines per second leaked by then (AfterFunc: from `delay`,
        // less the 100 reports its buffer takes and the one the stalled shipper holds).
        const unparked = incident === 'afterfunc-leak' ? 101 : 0;
        expect(culprit?.count).toBeGreaterThan(QPS * (expected / 1000 - 10) - unparked);
      },
    );

    it(`never fires for ${incident} with the fix deployed`, HEAVY, () => {
      const s = run(values({ incident, fix: true })).series();
      const goroutines = s['goroutines'] ?? [];
      expect(goroutines.length).toBeGreaterThanOrEqual(359);
      expect(evaluateAlert(s.t_ms, goroutines, rule).firing).toEqual([]);
      expect(Math.max(...goroutines)).toBeLessThan(100);
    });
  }

  it('a growth-only alert resolves once TimeoutHandler handlers stop piling up', HEAVY, () => {
    // work 10m: the inner goroutines grow for 10 minutes, then as many finish as start.
    const s = run(values({ incident: 'timeout-handler', duration: 30 * MINUTE })).series();
    const ev = evaluateAlert(s.t_ms, s['goroutines'] ?? [], { ...rule, mode: 'rate' });
    expect(ev.firing).toHaveLength(1);
    const end = ev.firing[0]?.endMs ?? Number.NaN;
    // The 5m window stops seeing growth within a window and a sample after minute 10.
    expect(end).toBeGreaterThan(10 * 60_000);
    expect(end).toBeLessThanOrEqual(15 * 60_000 + observabilitySampleNs(values({})) / 1e6);
  });

  it(
    'TimeoutHandler latency is the timeout, by Little’s law over the request counters',
    HEAVY,
    () => {
      const v = values({ incident: 'timeout-handler', duration: 10 * MINUTE });
      const s = run(v).series();
      const latency = (s['latencyMs'] ?? []).slice(10);
      for (const ms of latency) expect(Math.abs(ms - v.timeout / 1e6)).toBeLessThan(50);
      expect(Math.min(...(s['openConns'] ?? []))).toBeGreaterThanOrEqual(1);
    },
  );

  it(
    'a blocked sync.Once answers no request: no latency, a connection held per request',
    HEAVY,
    () => {
      const s = run(values({ incident: 'once-stall', duration: 2 * MINUTE })).series();
      expect((s['latencyMs'] ?? []).every(Number.isNaN)).toBe(true);
      const conns = s['openConns'] ?? [];
      expect(conns).toEqual(s['inFlight']);
      expect(conns.at(-1)).toBeGreaterThan(QPS * 115);
      // Heap grows with the parked handlers: each holds its connection's 4 KiB read and write
      // buffers and its 2 KiB response buffer (net/http's conn.serve and readRequest).
      const heap = s['heapBytes'] ?? [];
      expect(heap.at(-1) as number).toBeGreaterThan((conns.at(-1) as number) * (8192 + 2048));
    },
  );

  it.each(INCIDENTS)(
    '%s: step by step, runUntil, and restore then run all give the same series',
    (incident) => {
      const v = values({ incident, duration: 2 * MINUTE });
      const opts = { seed: 3, sampleNs: 5 * SECOND, traceCapacity: 0 };
      const straight = observability.create(v, opts);
      straight.runUntil(v.duration);
      const stepped = observability.create(v, opts);
      stepped.runToEvent(straight.events); // one event at a time
      stepped.runUntil(v.duration); // no event left: the clock reaches the last grid point
      expect(stepped.series()).toEqual(straight.series());

      const travelled = observability.create(v, opts);
      travelled.runUntil(40 * SECOND);
      const early = travelled.checkpoint();
      travelled.runUntil(90 * SECOND);
      const late = travelled.checkpoint();
      travelled.restore(early);
      travelled.runUntil(60 * SECOND);
      travelled.restore(late);
      travelled.runUntil(v.duration);
      expect(travelled.series()).toEqual(straight.series());
      expect(travelled.dump()).toBe(straight.dump());
    },
    HEAVY.timeout,
  );
});
