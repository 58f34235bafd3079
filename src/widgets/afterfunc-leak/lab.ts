import { afterfuncLeak, type TimerHeapView } from '../../scenarios/afterfunc-leak';
import type { Scenario } from '../../scenarios/types';
import { formatBytes, type HoldingRow } from '../../render/leak-rows';
import { restrictEnum, type LeakLab } from '../leak-lab/lab';

const scenario = afterfuncLeak as unknown as Scenario;

function heapsOf(extra: Readonly<Record<string, unknown>>): readonly TimerHeapView[] {
  const heaps = extra['timerHeaps'];
  return Array.isArray(heaps) ? (heaps as TimerHeapView[]) : [];
}

function live(byStatus: Readonly<Record<string, number>>): number {
  let n = 0;
  for (const [status, count] of Object.entries(byStatus)) if (status !== '_Gdead') n += count;
  return n;
}

/**
 * `afterfunc-leak` buggy (never stopped, or f blocks) beside fixed (`defer t.Stop()`). The stage
 * shows each P's timer heap: a pending AfterFunc timer is an entry there holding its closure and
 * the buffer it captured, not a goroutine (https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go).
 */
export const afterfuncLab: LeakLab = {
  id: 'afterfunc-leak',
  scenario,
  schema: restrictEnum(scenario.params, 'mode', ['nostop', 'blockingf']),
  buggy: (values) => values,
  fixed: (values) => ({ ...values, mode: 'stop' }),
  chartNames: ['goroutines', 'pendingTimers', 'heapBytes'],
  // The scenario samples every 250ms, like the reference run.
  sampleNs: (values) => scenario.defaultSampleNs?.({ ...values }) ?? 250_000_000,
  holdings(view) {
    const rows: HoldingRow[] = heapsOf(view.extra).map((heap) => ({
      key: `heap-${heap.p}`,
      label: `P${heap.p} timer heap`,
      count: heap.timers,
      detail: `${heap.timers.toLocaleString('en-US')} timers · ${formatBytes(heap.bytes)} held`,
      tone: 'waiting',
    }));
    const blocked = Number(view.extra['timerGoroutines'] ?? 0);
    rows.push(
      {
        key: 'f',
        label: 'goroutines running f',
        count: blocked,
        detail: `${blocked.toLocaleString('en-US')} (started by goFunc when a timer fires)`,
        tone: 'syscall',
      },
      {
        key: 'all',
        label: 'goroutines in all',
        count: live(view.byStatus),
        detail: `heap ${formatBytes(Number(view.extra['heapBytes'] ?? 0))}`,
        tone: 'running',
      },
    );
    return rows;
  },
  chartNote:
    'The metric that misleads: with timers never stopped, the goroutine count stays flat while ' +
    'the heap climbs. A pending timer is not a goroutine; it is an entry in a P’s timer heap ' +
    'holding its closure and the buffer it captured, so a goroutine dashboard shows nothing ' +
    'until memory runs out. Watch the heap and the pending timers instead.',
};
