import { timeoutHandler } from '../../scenarios/timeout-handler';
import type { Scenario } from '../../scenarios/types';
import type { HoldingRow } from '../../render/leak-rows';
import { withoutParam, type LeakLab } from '../leak-lab/lab';

const scenario = timeoutHandler as unknown as Scenario;

/** The charts' grid: 100ms shows the ramp to the plateau (the CLI's 500ms default hides it). */
const SAMPLE_NS = 100_000_000;

const whole = (n: number) => n.toLocaleString('en-US');

/**
 * `timeout-handler` buggy (the handler ignores r.Context()) beside fixed (it selects on
 * `r.Context().Done()`, which TimeoutHandler cancels at the deadline). TimeoutHandler answers 503
 * but cannot stop the goroutine it started for the inner handler
 * (https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go, timeoutHandler.ServeHTTP).
 */
export const timeoutHandlerLab: LeakLab = {
  id: 'timeout-handler',
  scenario,
  schema: withoutParam(scenario.params, 'ctx'),
  buggy: (values) => ({ ...values, ctx: false }),
  fixed: (values) => ({ ...values, ctx: true }),
  chartNames: ['goroutines', 'innerHandlers', 'status503'],
  sampleNs: () => SAMPLE_NS,
  holdings(view, counters) {
    const inner = Number(view.extra['innerHandlers'] ?? 0);
    const after503 = Number(view.extra['innerAfter503'] ?? 0);
    const conns = Number(view.extra['connections'] ?? 0);
    const reads = Number(view.extra['backgroundReads'] ?? 0);
    const answered503 = counters['status503'] ?? 0;
    const answered200 = counters['status200'] ?? 0;
    const rows: HoldingRow[] = [
      {
        key: 'after503',
        label: 'inner handlers still running after their 503',
        count: after503,
        detail: `${whole(after503)} · ServeHTTP.func1, answered but still working`,
        tone: 'waiting',
      },
      {
        key: 'inner',
        label: 'inner handlers within their timeout',
        count: inner - after503,
        detail: whole(inner - after503),
        tone: 'syscall',
      },
      {
        key: 'conn',
        label: 'connection goroutines',
        count: conns + reads,
        detail: `${whole(conns + reads)} · ${whole(conns)} conn.serve, one per keep-alive connection, and ${whole(reads)} connReader.backgroundRead, one per request in progress`,
        tone: 'runnable',
      },
      {
        key: '503',
        label: '503s answered',
        count: answered503,
        detail: `${whole(answered503)} · “Service Unavailable” at the deadline`,
        tone: 'accent',
      },
      {
        key: '200',
        label: '200s answered',
        count: answered200,
        detail: whole(answered200),
        tone: 'running',
      },
    ];
    return rows;
  },
  chartNote:
    'After each 503 the inner handler goroutine carries on: in the buggy server the inner ' +
    'handlers running climb to about qps × work, in the fixed one to qps × min(work, timeout). ' +
    'The 503 count looks ' +
    'the same in both; only the goroutines tell them apart.',
};
