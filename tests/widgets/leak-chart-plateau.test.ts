import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cli/run';
import { formatParams, parseParams } from '../../src/scenarios/params';
import { DualController } from '../../src/widgets/leak-lab/dual-controller';
import { pairedNames, pairSeries } from '../../src/widgets/leak-lab/dual-data';
import type { LabValues, LeakLab } from '../../src/widgets/leak-lab/lab';
import { afterfuncLab } from '../../src/widgets/afterfunc-leak/lab';
import { onceStallLab } from '../../src/widgets/once-stall/lab';
import { timeoutHandlerLab } from '../../src/widgets/timeout-handler/lab';

const SEED = 1;

/** The run's values as the CLI spells them (`--rate 1000 --delay 2s`). */
function cliParams(lab: LeakLab, values: LabValues): Record<string, string> {
  return formatParams(lab.scenario.params, { ...values });
}

/**
 * Plays a lab with its default params the way the widget does (frame by frame on the shared
 * clock, to the horizon) and returns what each chart plots.
 */
const played = new Map<LeakLab, ReturnType<typeof play>>();
function playToEnd(lab: LeakLab) {
  const cached = played.get(lab) ?? play(lab);
  played.set(lab, cached);
  return cached;
}

function play(lab: LeakLab) {
  const values = parseParams(lab.schema, {}).values;
  const sampleNs = lab.sampleNs(values);
  const run = (side: LabValues) => () => lab.scenario.create({ ...side }, { seed: SEED, sampleNs });
  const dual = new DualController(run(lab.buggy(values)), run(lab.fixed(values)), {
    stepBy: 'trace',
    clock: () => 0,
  });
  const horizon = lab.scenario.horizonNs({ ...lab.buggy(values) });
  // 20 real seconds for the whole run at 60 frames a second, as the widget plays it.
  while (dual.nowNs < horizon) dual.advance(16, horizon / 20, horizon);
  const charts = lab.chartNames.map((name) => ({
    name,
    data: pairSeries(dual.buggy.sim.series(), dual.fixed.sim.series(), name),
  }));
  return { values, sampleNs, charts };
}

const max = (xs: readonly number[] | undefined) => Math.max(...(xs ?? []));

describe.each([
  ['afterfunc-leak', afterfuncLab, 'heapBytes'],
  ['timeout-handler', timeoutHandlerLab, 'innerHandlers'],
  ['once-stall', onceStallLab, 'goroutines'],
] as const)('%s charts', (id, lab, leakSeries) => {
  const { values, sampleNs, charts } = playToEnd(lab);
  const cli = {
    buggy: runScenario(id, cliParams(lab, lab.buggy(values)), { seed: SEED, sample: sampleNs }),
    fixed: runScenario(id, cliParams(lab, lab.fixed(values)), { seed: SEED, sample: sampleNs }),
  };

  it('plot the CLI’s series for the same params and seed, sample for sample', () => {
    for (const { name, data } of charts) {
      const [buggyName, fixedName] = pairedNames(name);
      const length = data.t_ms.length;
      // The whole run is plotted: the CLI may hold one sample more, taken as its run ended.
      expect(length).toBeGreaterThanOrEqual(cli.buggy.series.t_ms.length - 1);
      expect(data.t_ms).toEqual(cli.buggy.series.t_ms.slice(0, length));
      expect(data[buggyName]).toEqual(cli.buggy.series[name]?.slice(0, length));
      expect(data[fixedName]).toEqual(cli.fixed.series[name]?.slice(0, length));
    }
  });

  it('plot the plateau the CLI reports, and the buggy one above the fixed one', () => {
    const chart = charts.find((c) => c.name === leakSeries);
    const [buggyName, fixedName] = pairedNames(leakSeries);
    const plotted = { buggy: max(chart?.data[buggyName]), fixed: max(chart?.data[fixedName]) };
    expect(plotted).toEqual({
      buggy: max(cli.buggy.series[leakSeries]),
      fixed: max(cli.fixed.series[leakSeries]),
    });
    expect(plotted.buggy).toBeGreaterThan(plotted.fixed);
  });
});

describe('afterfunc-leak, the metric that misleads', () => {
  it('goroutines stay flat in the buggy run while its heap climbs', () => {
    const { charts } = playToEnd(afterfuncLab);
    const [buggy] = pairedNames('goroutines');
    const [buggyHeap, fixedHeap] = pairedNames('heapBytes');
    const goroutines = charts.find((c) => c.name === 'goroutines')?.data[buggy] ?? [];
    const heap = charts.find((c) => c.name === 'heapBytes')?.data ?? { t_ms: [] };
    expect(max(goroutines) - Math.min(...goroutines)).toBeLessThanOrEqual(2);
    // Default 1000 timers/s × 2s delay × ~4 KiB: megabytes held, against the fixed run's base.
    expect(max(heap[buggyHeap]) - max(heap[fixedHeap])).toBeGreaterThan(4_000_000);
  });
});
