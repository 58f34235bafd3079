import { alertParams } from '../../../src/scenarios/alert-params';
import { gmp } from '../../../src/scenarios/gmp';
import { observability } from '../../../src/scenarios/observability';
import { preemption } from '../../../src/scenarios/preemption';
import { stackGrowth } from '../../../src/scenarios/stack-growth';
import type { ParamSchema } from '../../../src/scenarios/types';
import { afterfuncLab } from '../../../src/widgets/afterfunc-leak/lab';
import { onceStallLab } from '../../../src/widgets/once-stall/lab';
import { timeoutHandlerLab } from '../../../src/widgets/timeout-handler/lab';

/** The runtime widgets under test, each with a starting point where much has already happened. */
export interface WidgetSpec {
  readonly id: string;
  readonly schema: ParamSchema;
  /** Query that opens the widget late in the run, so every parameter has something to change. */
  readonly start: string;
  /** False when the scenario draws nothing at random, so the seed cannot change the picture. */
  readonly seeded: boolean;
  /**
   * Leak labs: the incident the largest group of the buggy run's goroutine dump points to at
   * `start` ('' when the dump shows none, as for a timer that holds no goroutine).
   */
  readonly dumpTopIncident?: string;
}

export const RUNTIME_WIDGETS: readonly WidgetSpec[] = [
  // 100 virtual seconds of TimeoutHandler at 20 qps: an alert at 500 goroutines fires at 85s.
  // The seed reorders scheduling, but the dashboard's figures on its 5s grid come out the same
  // for the clients' periodic traffic, so the picture cannot show it.
  {
    id: 'observability',
    schema: { ...observability.params, ...alertParams },
    start: 'seed=3&t=100s&threshold=500',
    seeded: false,
  },
  // 50ms of work per goroutine: long enough that the Go version (preemption) changes the picture.
  { id: 'gmp', schema: gmp.params, start: 'seed=3&step=3000&work=50ms', seeded: true },
  { id: 'stack-growth', schema: stackGrowth.params, start: 'seed=1&step=590', seeded: false },
  { id: 'preemption', schema: preemption.params, start: 'seed=1&step=200', seeded: false },
  // Leak labs: the widget's schema is the scenario's without the fix switch (both runs are shown).
  // A pending AfterFunc holds no goroutine, so the default (never stopped) run's dump shows nothing.
  {
    id: 'afterfunc-leak',
    schema: afterfuncLab.schema,
    start: 'seed=3&t=1.5s',
    seeded: true,
    dumpTopIncident: '',
  },
  {
    id: 'timeout-handler',
    schema: timeoutHandlerLab.schema,
    start: 'seed=3&t=5s',
    seeded: true,
    dumpTopIncident: 'timeout-handler',
  },
  {
    id: 'once-stall',
    schema: onceStallLab.schema,
    start: 'seed=3&t=2s',
    seeded: true,
    dumpTopIncident: 'once-stall',
  },
];
