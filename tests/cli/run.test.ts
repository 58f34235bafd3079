import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/cli/args.ts';
import { formatList, formatRun } from '../../src/cli/format.ts';
import { DEFAULT_SAMPLE_NS, runScenario } from '../../src/cli/run.ts';
import { scenarios } from '../../src/scenarios/index.ts';

describe('runScenario', () => {
  test('returns the design.md JSON shape with the scheduler counters and wallMs', () => {
    const result = runScenario('stack-growth', { depth: '1000' }, { seed: 2, sample: '1µs' });
    expect(result).toMatchObject({
      scenario: 'stack-growth',
      params: { depth: 1000, frameBytes: 104, start: '2048', gcs: 0 },
      seed: 2,
      sampleMs: 0.001,
    });
    expect(Object.keys(result.counters)).toEqual(
      expect.arrayContaining([
        'schedules',
        'steals',
        'handoffs',
        'preemptions',
        'wallMs',
        'stackBytes',
      ]),
    );
    expect(result.counters['stackBytes']).toBe(131072);
    expect(result.counters['wallMs']).toBeGreaterThanOrEqual(0);
    const { t_ms: t, ...named } = result.series;
    expect(t[0]).toBe(0.001);
    for (const values of Object.values(named)) expect(values).toHaveLength(t.length);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  test('the same seed gives the same result apart from wallMs', () => {
    const strip = (r: ReturnType<typeof runScenario>) => ({
      ...r,
      counters: { ...r.counters, wallMs: 0 },
    });
    expect(strip(runScenario('stack-growth', { gcs: '2' }, { seed: 9 }))).toEqual(
      strip(runScenario('stack-growth', { gcs: '2' }, { seed: 9 })),
    );
  });

  test('without --sample the scenario’s own interval is used (500ms when it has none)', () => {
    const result = runScenario('stack-growth');
    expect(result.sampleMs).toBeLessThan(DEFAULT_SAMPLE_NS / 1e6);
    expect(result.series.t_ms.length).toBeGreaterThan(50);
  });

  test('a stack overflow is reported as the program’s fatal error, not a CLI failure', () => {
    const result = runScenario('stack-growth', { depth: '20000', frameBytes: '65536' });
    expect(result.fatal).toContain('fatal error: stack overflow');
  });

  test.each([
    ['nope', {}, {}, 'unknown scenario "nope" (known: '],
    ['stack-growth', { depth: 'deep' }, {}, '--depth: "deep" is not an integer (0..20000)'],
    ['stack-growth', { depth: '20001' }, {}, '--depth: "20001" is above the maximum (0..20000)'],
    [
      'stack-growth',
      { start: '1024' },
      {},
      '--start: "1024" is not an option (one of 2048, 4096, 8192, 16384)',
    ],
    [
      'stack-growth',
      { dpeth: '3' },
      {},
      'unknown flag --dpeth (stack-growth takes --depth, --frameBytes',
    ],
    ['stack-growth', {}, { seed: '-1' }, '--seed: "-1" is not an integer (0..4294967295)'],
    ['stack-growth', {}, { sample: 'often' }, '--sample: "often" is not a Go duration like 500ms'],
    ['stack-growth', {}, { sample: '0s' }, '--sample: "0s" must be longer than 0s'],
    ['preemption', {}, { sample: '1ns' }, '--sample: 1ns would take 2'],
  ])('%s %j %j → usage error', (id, raw, options, message) => {
    let error: unknown;
    try {
      runScenario(id, raw, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('text output', () => {
  test('--list names every scenario with params, ranges and defaults', () => {
    const text = formatList(scenarios);
    for (const s of scenarios) expect(text).toContain(`${s.id} — ${s.title}`);
    expect(text).toMatch(/--depth\s+int\s+0\.\.20000\s+300/);
    expect(text).toMatch(/--start\s+enum\s+one of 2048, 4096, 8192, 16384\s+2048/);
  });

  test('the readable run shows counters, a bounded series table and the history', () => {
    const result = runScenario('stack-growth', { depth: '3000' });
    expect(result.history?.at(-1)).toEqual({
      kind: 'grow',
      depth: 2511,
      bytes: 524288,
      copies: 8,
      copiedBytes: 515088,
    });
    const text = formatRun(result);
    expect(text).toMatch(/^stack-growth {2}depth=3000 frameBytes=104 start=2048 gcs=0 {2}seed=1/);
    expect(text).toMatch(/peakStackBytes\s+524288/);
    expect(text).toMatch(/series \(\d+ of \d+ samples\):/);
    expect(text).toMatch(/grow\s+1251\s+262144/);
    const seriesRows = text.split('series')[1]?.split('history:')[0]?.trim().split('\n') ?? [];
    expect(seriesRows.length).toBeLessThanOrEqual(42);
  });
});
