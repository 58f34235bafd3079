import { describe, expect, it } from 'vitest';
import { scenarios } from '../../src/scenarios/index';
import { afterfuncLab } from '../../src/widgets/afterfunc-leak/lab';
import { onceStallLab } from '../../src/widgets/once-stall/lab';
import { hasSeriesLabel, seriesLabel } from '../../src/widgets/shell/series-label';
import { timeoutHandlerLab } from '../../src/widgets/timeout-handler/lab';

/** A camelCase or digit-suffixed key (heapBytes, status503) read as a word. */
const KEY_LIKE = /[a-z][A-Z0-9]/;

describe('series labels', () => {
  it('labels every series of every scenario in plain words, not its key', () => {
    const keys = new Set(scenarios.flatMap((s) => s.seriesNames).filter((k) => KEY_LIKE.test(k)));
    for (const scenario of scenarios) {
      for (const name of scenario.seriesNames) {
        const where = `${scenario.id}: series ${name}`;
        // Its own entry: a new series without words fails here, not silently in the legend.
        expect(hasSeriesLabel(name), `${where} has no label in series-label.ts`).toBe(true);
        const label = seriesLabel(name);
        expect(label, where).toMatch(/^[A-Za-z0-9 ,()-]+$/);
        // Go's own names may appear (GetConfig); a series key (heapBytes) may not.
        expect(
          label.split(/[\s,()-]+/).filter((w) => keys.has(w)),
          where,
        ).toEqual([]);
      }
    }
  });

  it('names units where the number has one', () => {
    expect(seriesLabel('heapBytes')).toBe('heap (bytes)');
    expect(seriesLabel('pendingTimers')).toBe('pending timers');
    expect(seriesLabel('goroutines')).toBe('goroutines');
    for (const name of scenarios.flatMap((s) => s.seriesNames)) {
      if (/Bytes$/.test(name)) expect(seriesLabel(name), name).toMatch(/bytes/);
      if (/Ms$/.test(name)) expect(seriesLabel(name), name).toMatch(/\(ms\)/);
    }
  });

  it('charts only series the scenario reports, so every chart line has words', () => {
    for (const lab of [afterfuncLab, onceStallLab, timeoutHandlerLab]) {
      for (const name of lab.chartNames) {
        expect(lab.scenario.seriesNames, `${lab.id}: ${name}`).toContain(name);
      }
      // The note beside the charts uses the words too, not the keys.
      for (const name of lab.scenario.seriesNames) {
        if (KEY_LIKE.test(name)) expect(lab.chartNote, lab.id).not.toContain(name);
      }
    }
  });

  it('falls back to the key for an unknown series', () => {
    expect(hasSeriesLabel('noSuchSeries')).toBe(false);
    expect(seriesLabel('noSuchSeries')).toBe('noSuchSeries');
  });
});
