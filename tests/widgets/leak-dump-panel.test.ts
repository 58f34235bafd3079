import { describe, expect, it } from 'vitest';
import { parseParams } from '../../src/scenarios/params';
import type { GView, Simulation } from '../../src/scenarios/types';
import { readDump, type ReaderGroup } from '../../src/dump-reader/read-dump';
import type { LabValues, LeakLab } from '../../src/widgets/leak-lab/lab';
import { afterfuncLab } from '../../src/widgets/afterfunc-leak/lab';
import { onceStallLab } from '../../src/widgets/once-stall/lab';
import { timeoutHandlerLab } from '../../src/widgets/timeout-handler/lab';

/** The state a dump's header prints for a G: its wait reason when waiting, else its status. */
function stateOf(g: GView): string {
  if (g.place.kind === 'waiting') return g.place.reason;
  // Parked in the netpoller (a connection waiting for its next request): gopark's waitReasonIOWait.
  if (g.place.kind === 'netpoll') return 'IO wait';
  const states: Record<string, string> = {
    _Grunning: 'running',
    _Grunnable: 'runnable',
    _Gsyscall: 'syscall',
  };
  return states[g.status] ?? g.status;
}

/**
 * The model's own goroutines at this instant, counted by state, role and line (a stack, as far
 * as the View tells it), largest first: what the dump panel's groups must add up to.
 */
function countsFromModel(sim: Simulation): { state: string; count: number }[] {
  const counts = new Map<string, { state: string; count: number }>();
  for (const g of sim.view(Number.MAX_SAFE_INTEGER).gs) {
    if (g.status === '_Gdead') continue;
    const key = `${stateOf(g)}|${g.role}|${g.line}`;
    const entry = counts.get(key) ?? { state: stateOf(g), count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return canonical([...counts.values()]);
}

/** Groups of equal size come in goroutine-id order in the dump; compare them by state instead. */
function canonical(groups: { state: string; count: number }[]) {
  return groups.sort((a, b) => b.count - a.count || a.state.localeCompare(b.state));
}

/** The panel's groups: the dump reader's reading of the model's dump (a model dump always reads). */
function dumpGroups(dump: string): readonly ReaderGroup[] {
  const result = readDump(dump);
  if (!result.ok) throw new Error(result.message);
  return result.reading.groups;
}

function runTo(lab: LeakLab, raw: Record<string, string>, side: 'buggy' | 'fixed', tNs: number) {
  const values: LabValues = parseParams(lab.schema, raw).values;
  const sim = lab.scenario.create(
    { ...lab[side](values) },
    { seed: 5, sampleNs: lab.sampleNs(values) },
  );
  sim.runUntil(tNs);
  return sim;
}

describe.each([
  ['afterfunc-leak never stopped', afterfuncLab, { mode: 'nostop' }, 1_500_000_000],
  ['afterfunc-leak f blocks', afterfuncLab, { mode: 'blockingf', delay: '300ms' }, 1_500_000_000],
  ['timeout-handler', timeoutHandlerLab, {}, 3_000_000_000],
  ['once-stall f blocks, Go 1.25', onceStallLab, { mode: 'block' }, 2_000_000_000],
  ['once-stall f blocks, Go 1.19', onceStallLab, { mode: 'block', go: '1.19' }, 2_000_000_000],
] as const)('dump panel of %s', (_, lab, raw, tNs) => {
  for (const side of ['buggy', 'fixed'] as const) {
    it(`${side}: groups and counts are the model's goroutines at that moment`, () => {
      const sim = runTo(lab, raw, side, tNs);
      const groups = dumpGroups(sim.dump());
      const fromModel = countsFromModel(sim);
      expect(canonical(groups.map((g) => ({ state: g.state ?? '', count: g.count })))).toEqual(
        fromModel,
      );
      // Largest group first, and every goroutine in exactly one group.
      const counts = groups.map((g) => g.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      const ids = groups.flatMap((g) => g.ids);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(fromModel.reduce((sum, g) => sum + g.count, 0));
    });
  }
});

describe('dump panel, the leak itself', () => {
  it('once-stall: every caller but the one in f is one group parked on the mutex', () => {
    const sim = runTo(onceStallLab, { mode: 'block', qps: '100' }, 'buggy', 2_000_000_000);
    const [top] = dumpGroups(sim.dump());
    expect(top?.state).toBe('sync.Mutex.Lock');
    expect(top?.frames.some((f) => f.func === 'sync.(*Once).doSlow')).toBe(true);
    expect(top?.incident).toBe('once-stall');
    expect(top?.count).toBe((sim.counters()['calls'] ?? 0) - 1);
  });

  it('timeout-handler: the biggest group is the inner handlers still asleep after their 503', () => {
    const sim = runTo(timeoutHandlerLab, {}, 'buggy', 5_000_000_000);
    const [top] = dumpGroups(sim.dump());
    expect(top?.state).toBe('sleep');
    expect(top?.count).toBe(sim.view(0).extra['innerHandlers']);
    expect(top?.incident).toBe('timeout-handler');
  });
});

describe('timeout-handler stage rows', () => {
  it('tell the inner handlers answered with a 503 from those still within their timeout', () => {
    const at = (side: 'buggy' | 'fixed') => {
      const values = parseParams(timeoutHandlerLab.schema, {}).values;
      const sim = runTo(timeoutHandlerLab, {}, side, 5_000_000_000);
      const rows = timeoutHandlerLab.holdings(sim.view(0), sim.counters(), values);
      return Object.fromEntries(rows.map((r) => [r.key, r.count]));
    };
    const buggy = at('buggy');
    const fixed = at('fixed');
    // 50 qps, 4s of work, 1s timeout: about 50 × 3 handlers are past their 503, 50 × 1 are not.
    expect(buggy['after503']).toBeGreaterThan(140);
    expect(buggy['after503']).toBeLessThanOrEqual(150);
    expect(buggy['inner']).toBeGreaterThan(45);
    expect(buggy['inner']).toBeLessThanOrEqual(51);
    // Honouring r.Context(), a handler returns when TimeoutHandler cancels it at the deadline.
    expect(fixed['after503']).toBeLessThanOrEqual(1);
    expect(fixed['503']).toBe(buggy['503']);
  });
});
