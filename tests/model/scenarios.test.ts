import { describe, expect, test } from 'vitest';
import { checkInvariants } from '../../src/model/invariants.ts';
import type { ModelSimulation } from '../../src/model/simulation.ts';
import { gmp } from '../../src/scenarios/gmp.ts';
import { defaultValues, parseParams } from '../../src/scenarios/params.ts';
import { preemption } from '../../src/scenarios/preemption.ts';

const MS = 1_000_000;

function runGmp(
  overrides: Partial<ReturnType<typeof defaultValues<typeof gmp.params>>>,
  seed = 1,
): ModelSimulation {
  const sim = gmp.create(
    { ...defaultValues(gmp.params), ...overrides },
    { seed, sampleNs: 5 * MS, traceCapacity: 0 },
  );
  while (sim.step());
  return sim as ModelSimulation;
}

describe('gmp scenario', () => {
  test('a default run finishes every goroutine and reports the counters design.md requires', () => {
    const sim = runGmp({});
    expect(sim.fatal).toBeNull();
    const c = sim.counters();
    for (const name of ['schedules', 'steals', 'handoffs', 'preemptions'])
      expect(c[name]).toBeTypeOf('number');
    expect(c['schedules']).toBeGreaterThan(1000);
    const series = sim.series();
    for (const name of gmp.seriesNames) expect(series[name]).toHaveLength(series.t_ms.length);
    expect(Math.max(...series['goroutines']!)).toBeGreaterThan(500);
  });

  test('spread over 8 Ps the work is stolen, and a lone spawner fills the global queue (fact 3)', () => {
    const sim = runGmp({ gomaxprocs: 8, goroutines: 5000, syscalls: 0, network: 0 });
    expect(sim.counters()['steals']).toBeGreaterThan(0);
    expect(Math.max(...sim.series()['globalRunq']!)).toBeGreaterThan(1000);
  });

  test('Go 1.13 cannot preempt the workers’ call-free loops, only the call after them; Go 1.14+ can (fact 12)', () => {
    const long = {
      ...defaultValues(gmp.params),
      work: 50 * MS,
      goroutines: 20,
      syscalls: 0,
      network: 0,
    };
    const preempts = (go: string) => {
      const sim = gmp.create(
        { ...long, go },
        { seed: 1, sampleNs: 5 * MS, traceCapacity: 100_000 },
      );
      while (sim.step());
      return sim.trace().filter((e) => e.kind === 'preempt');
    };
    const old = preempts('1.13');
    expect(old.length).toBeGreaterThan(0);
    for (const e of old) expect(e.text).toContain('at a call');
    const async = preempts('1.25');
    expect(async.filter((e) => e.text.includes('SIGURG')).length).toBeGreaterThan(10);
  });

  test('long blocking syscalls cost threads and hand-offs; network waits cost neither (facts 14, 15)', () => {
    const sys = runGmp({ goroutines: 200, syscalls: 100, network: 0, syscallTime: 50 * MS });
    expect(sys.counters()['handoffs']).toBeGreaterThan(10);
    expect(sys.counters()['ms']).toBeGreaterThan(20);
    const net = runGmp({ goroutines: 200, syscalls: 0, network: 100, networkTime: 50 * MS });
    expect(net.counters()['ms']).toBeLessThanOrEqual(6);
    expect(Math.max(...net.series()['ioWait']!)).toBeGreaterThan(150);
  });

  test('one spawner per P starts goroutines on every P', () => {
    const sim = runGmp({
      spawner: 'many',
      gomaxprocs: 4,
      goroutines: 2000,
      syscalls: 0,
      network: 0,
    });
    expect(sim.fatal).toBeNull();
    expect(Math.max(...sim.series()['running']!)).toBe(4);
  });

  test('100,000 goroutines run with every invariant holding', () => {
    const sim = gmp.create(
      { ...defaultValues(gmp.params), goroutines: 100_000, gomaxprocs: 16, work: 100_000 },
      { seed: 3, sampleNs: 10 * MS, traceCapacity: 0 },
    ) as ModelSimulation;
    sim.runUntil(30 * MS);
    expect(checkInvariants(sim.state)).toBeNull();
    expect(sim.state.ngLive).toBeGreaterThan(10_000);
  }, 60_000);

  test('the param schema refuses bad values with a message naming the range', () => {
    const { errors, values } = parseParams(gmp.params, {
      gomaxprocs: '0',
      goroutines: 'lots',
      go: '1.99',
    });
    expect(errors.map((e) => e.param).sort()).toEqual(['go', 'gomaxprocs', 'goroutines']);
    expect(errors.find((e) => e.param === 'gomaxprocs')!.message).toContain('1..256');
    expect(values.gomaxprocs).toBe(4);
  });
});

describe('preemption scenario', () => {
  test('the param schema refuses bad values and keeps defaults', () => {
    const { errors, values } = parseParams(preemption.params, {
      async: 'maybe',
      spin: '-3s',
      gomaxprocs: '9',
    });
    expect(errors.map((e) => e.param).sort()).toEqual(['async', 'gomaxprocs', 'spin']);
    expect(values.spin).toBe(410 * MS);
  });

  test('the wakeLatencyMs series and counters report each trial', () => {
    const sim = preemption.create(defaultValues(preemption.params), { seed: 7, sampleNs: 50 * MS });
    while (sim.step());
    const c = sim.counters();
    expect(c['trials']).toBe(5);
    expect(c['wakeLatencyMsMin']).toBeLessThanOrEqual(c['wakeLatencyMs']!);
    expect(c['wakeLatencyMsMax']).toBeGreaterThanOrEqual(c['wakeLatencyMs']!);
    expect(sim.series()['wakeLatencyMs']!.some((x) => x > 0)).toBe(true);
  });
});
