/**
 * The dashboard's request series come from each incident's server model, never from a formula of
 * its params: in flight equals the requests the goroutine dump shows blocked in GetConfig at that
 * instant, latency is what the program makes a request wait (TimeoutHandler: the timeout; the
 * fixed sync.Once: its 50ms wait; the panicking Once and the AfterFunc upload: nothing), a blocked
 * Once answers no request and holds a connection per request, and AfterFunc's leak grows in the
 * heap or in goroutines while its latency, in-flight and connection panels stay flat.
 */
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../src/model/traceback-parse';
import { alertParams, alertRuleOf } from '../../src/scenarios/alert-params';
import { MINUTE, SECOND } from '../../src/scenarios/duration';
import { observability, type ObservabilityValues } from '../../src/scenarios/observability';
import { defaultValues } from '../../src/scenarios/params';
import { buildDashboard } from '../../src/widgets/observability/dashboard';

const QPS = 20;
const SAMPLE_NS = SECOND;
const HEAVY = { timeout: 120_000 };

function values(over: Partial<ObservabilityValues>): ObservabilityValues {
  return { ...defaultValues(observability.params), qps: QPS, duration: 2 * MINUTE, ...over };
}

function create(v: ObservabilityValues) {
  return observability.create(v, { seed: 1, sampleNs: SAMPLE_NS, traceCapacity: 0 });
}

/** Goroutines the dump shows inside GetConfig: the calls not answered yet. */
function callersInGetConfig(dump: string): number {
  return parseDump(dump).filter((g) => g.frames.some((f) => f.func === 'main.GetConfig')).length;
}

/**
 * In flight at grid point `atNs` (the state before that instant's events, as every sample)
 * against the dump of that same state, taken just before the instant.
 */
function inFlightAgainstDump(v: ObservabilityValues, atNs: number) {
  const sim = create(v);
  sim.runUntil(atNs - 1);
  const blocked = callersInGetConfig(sim.dump());
  sim.runUntil(atNs);
  const s = sim.series();
  expect(s.t_ms.at(-1)).toBe(atNs / 1e6);
  return { blocked, inFlight: s['inFlight']?.at(-1), series: s };
}

describe('observability: requests in flight and latency, from the model', () => {
  it('sync.Once whose f blocks: every call stays in flight and none is answered', HEAVY, () => {
    const v = values({ incident: 'once-stall', onceMode: 'block' });
    const { blocked, inFlight, series } = inFlightAgainstDump(v, MINUTE);
    expect(blocked).toBeGreaterThan(QPS * 59);
    expect(inFlight).toBe(blocked);
    const flight = series['inFlight'] ?? [];
    for (let i = 1; i < flight.length; i++)
      expect(flight[i] as number).toBeGreaterThan(flight[i - 1] as number);
    expect((series['latencyMs'] ?? []).every(Number.isNaN)).toBe(true);
    // Each waiting client holds its connection and dials another for its next request.
    expect(series['openConns']).toEqual(flight);
  });

  it('sync.Once fixed: callers wait its 50ms for the config, then get nil', HEAVY, () => {
    const v = values({ incident: 'once-stall', fix: true });
    const { blocked, inFlight, series } = inFlightAgainstDump(v, MINUTE + 10 * SECOND);
    expect(inFlight).toBe(blocked);
    const latency = (series['latencyMs'] ?? []).slice(1);
    expect(latency.length).toBeGreaterThan(60);
    for (const ms of latency) expect(Math.abs(ms - 50)).toBeLessThanOrEqual(2);
    // 20 calls a second, each in flight 50ms: about one at a time.
    expect(Math.max(...(series['inFlight'] ?? []))).toBeLessThanOrEqual(2);
  });

  it('sync.Once whose f panics: every request gets its 503 at once', HEAVY, () => {
    const v = values({ incident: 'once-stall', onceMode: 'panic' });
    const { blocked, inFlight, series } = inFlightAgainstDump(v, MINUTE);
    expect(inFlight).toBe(blocked);
    expect(blocked).toBe(0);
    for (const ms of (series['latencyMs'] ?? []).slice(1)) expect(ms).toBeLessThan(1);
    expect(Math.max(...(series['openConns'] ?? []))).toBe(1);
  });

  it('TimeoutHandler: qps × timeout in flight, each answered at the timeout', HEAVY, () => {
    const v = values({ incident: 'timeout-handler', duration: 2 * MINUTE });
    const sim = create(v);
    sim.runUntil(v.duration);
    const s = sim.series();
    for (const n of (s['inFlight'] ?? []).slice(2))
      expect(Math.abs(n - QPS)).toBeLessThanOrEqual(1);
    for (const ms of (s['latencyMs'] ?? []).slice(2))
      expect(Math.abs(ms - v.timeout / 1e6)).toBeLessThanOrEqual(2);
    expect(Math.min(...(s['openConns'] ?? []))).toBeGreaterThanOrEqual(1);
  });

  /** The dashboard's panels for a run of `v`, with the series they come from. */
  function board(v: ObservabilityValues) {
    const sim = create(v);
    sim.runUntil(v.duration);
    const s = sim.series();
    const rule = alertRuleOf(defaultValues(alertParams));
    const position = { nowNs: sim.nowNs, events: sim.events };
    return { s, board: buildDashboard(s, rule, position, v.duration, '') };
  }

  it(
    'AfterFunc never stopped: the heap climbs while latency and connections stay flat',
    HEAVY,
    () => {
      const v = values({ incident: 'afterfunc-leak', afterfuncMode: 'nostop', delay: MINUTE });
      const { s, board: b } = board(v);
      const heap = s['heapBytes'] ?? [];
      // A minute of timers pending, each holding its 4 KiB body.
      expect((heap[55] as number) - (heap[0] as number)).toBeGreaterThan(QPS * 50 * 4096);
      // Every upload is answered within a millisecond, one at a time, on one connection.
      for (const ms of (s['latencyMs'] ?? []).slice(1)) expect(ms).toBeLessThan(1);
      expect(Math.max(...(s['inFlight'] ?? []))).toBeLessThanOrEqual(1);
      expect(new Set(s['openConns'])).toEqual(new Set([1]));
      expect(Math.max(...(s['goroutines'] ?? []))).toBeLessThan(10);
      expect(b.panels.map((p) => [p.title, p.missing])).toEqual([
        ['goroutines', null],
        // A two-minute run: the rate's 5-minute window never fills, and the panel says so.
        ['growth per minute', 'needs 5m0s of data\nmore than this run'],
        ['heap', null],
        ['requests in flight', null],
        ['mean latency', null],
        ['open connections', null],
      ]);
    },
  );

  it(
    'AfterFunc with the collector stalled: a goroutine per request, latency still flat',
    HEAVY,
    () => {
      const v = values({ incident: 'afterfunc-leak', afterfuncMode: 'blockingf' });
      const sim = create(v);
      sim.runUntil(v.duration);
      const s = sim.series();
      const goroutines = s['goroutines'] ?? [];
      // Every watchdog that fires parks on its send once the 100-report buffer is full.
      const leaked = parseDump(sim.dump()).filter((g) => g.state === 'chan send').length;
      // (the report ship took, and 100 in the buffer, are not parked; the last may fire at the end)
      const fired = (QPS * (v.duration - v.delay)) / SECOND;
      expect(Math.abs(leaked - (fired - 101))).toBeLessThanOrEqual(1);
      expect(goroutines.at(-1)).toBeGreaterThan(leaked);
      expect((goroutines.at(-1) as number) - leaked).toBeLessThan(10);
      for (const ms of (s['latencyMs'] ?? []).slice(1)) expect(ms).toBeLessThan(1);
      expect(new Set(s['openConns'])).toEqual(new Set([1]));
    },
  );

  it('AfterFunc fixed: every watchdog stopped before the response, nothing held', HEAVY, () => {
    const v = values({ incident: 'afterfunc-leak', fix: true });
    const { s } = board(v);
    const heap = s['heapBytes'] ?? [];
    expect(Math.max(...heap) - Math.min(...heap)).toBeLessThan(4096);
    expect(Math.max(...(s['goroutines'] ?? []))).toBeLessThan(10);
    for (const ms of (s['latencyMs'] ?? []).slice(1)) expect(ms).toBeLessThan(1);
  });

  it('a blocked sync.Once plots its requests in flight and says no call was answered', () => {
    const sim = create(values({ incident: 'once-stall', duration: MINUTE }));
    sim.runUntil(30 * SECOND);
    const b = buildDashboard(
      sim.series(),
      alertRuleOf(defaultValues(alertParams)),
      { nowNs: sim.nowNs, events: sim.events },
      MINUTE,
      '',
    );
    const flight = b.panels.find((p) => p.title === 'requests in flight');
    expect(flight?.missing).toBeNull();
    expect(flight?.values.at(-1)).toBeGreaterThan(QPS * 29);
    expect(b.panels.find((p) => p.title === 'open connections')?.values).toEqual(flight?.values);
    expect(b.panels.find((p) => p.title === 'mean latency')?.missing).toBe(
      'no request answered yet',
    );
  });
});
