/**
 * The growth-per-minute strip read blank ('–') until its first whole window of samples was in;
 * it says what it waits for meanwhile.
 */
import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../src/scenarios/alert-rule';
import { MINUTE, SECOND } from '../../src/scenarios/duration';
import type { Series } from '../../src/scenarios/types';
import { buildDashboard } from '../../src/widgets/observability/dashboard';

const rule: AlertRule = {
  mode: 'either',
  threshold: 500,
  ratePerMin: 200,
  windowNs: 5 * MINUTE,
  forNs: MINUTE,
};

/** Samples every 5 s up to `endS`, 20 goroutines more each time. */
function series(endS: number): Series {
  const tMs = Array.from({ length: endS / 5 + 1 }, (_, i) => i * 5000);
  return { t_ms: tMs, goroutines: tMs.map((_, i) => 20 * i) };
}

const growth = (endS: number) =>
  buildDashboard(series(endS), rule, { nowNs: endS * SECOND, events: 1 }, 30 * MINUTE, '')
    .panels[1];

describe('growth per minute', () => {
  it('says how much data it needs and how long until it has it', () => {
    expect(growth(100)?.missing).toBe('needs 5m0s of data\n3m20s to go');
  });

  it('shows its figure once a whole window is in', () => {
    const panel = growth(400);
    expect(panel?.missing).toBeNull();
    expect(panel?.values.at(-1)).toBeCloseTo(240);
  });
});

describe('mean latency', () => {
  it('is a duration panel, printed in Go syntax like the rest', () => {
    const s = { ...series(100), latencyMs: series(100).t_ms.map(() => 1001) };
    const panel = buildDashboard(s, rule, { nowNs: 100 * SECOND, events: 1 }, 30 * MINUTE, '')
      .panels[4];
    expect(panel?.title).toBe('mean latency');
    expect(panel?.durationMs).toBe(true);
    expect(panel?.unit).toBe('');
  });
});

describe('growth per minute in a run shorter than its window', () => {
  it('says the run is too short instead of counting down past its end', () => {
    const board = buildDashboard(
      series(100),
      rule,
      { nowNs: 100 * SECOND, events: 1 },
      3 * MINUTE,
      '',
    );
    expect(board.panels[1]?.missing).toBe('needs 5m0s of data\nmore than this run');
  });
});
