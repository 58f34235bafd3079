import { gmp } from '../../../src/scenarios/gmp';
import { preemption } from '../../../src/scenarios/preemption';
import { stackGrowth } from '../../../src/scenarios/stack-growth';
import type { ParamSchema } from '../../../src/scenarios/types';

/** The runtime widgets under test, each with a starting point where much has already happened. */
export interface WidgetSpec {
  readonly id: string;
  readonly schema: ParamSchema;
  /** Query that opens the widget late in the run, so every parameter has something to change. */
  readonly start: string;
  /** False when the scenario draws nothing at random, so the seed cannot change the picture. */
  readonly seeded: boolean;
}

export const RUNTIME_WIDGETS: readonly WidgetSpec[] = [
  // 50ms of work per goroutine: long enough that the Go version (preemption) changes the picture.
  { id: 'gmp', schema: gmp.params, start: 'seed=3&step=3000&work=50ms', seeded: true },
  { id: 'stack-growth', schema: stackGrowth.params, start: 'seed=1&step=590', seeded: false },
  { id: 'preemption', schema: preemption.params, start: 'seed=1&step=200', seeded: false },
];
