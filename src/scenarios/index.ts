/**
 * The scenario registry: every scenario the site, the CLI and the tests can run, by id.
 * One line per scenario; keep the list in reading order of the chapters.
 */
import { afterfuncLeak } from './afterfunc-leak.ts';
import { gmp } from './gmp.ts';
import { observability } from './observability.ts';
import { onceStall } from './once-stall.ts';
import { preemption } from './preemption.ts';
import { stackGrowth } from './stack-growth.ts';
import { timeoutHandler } from './timeout-handler.ts';
import type { Scenario } from './types.ts';

export const scenarios: readonly Scenario[] = [
  gmp,
  stackGrowth,
  preemption,
  afterfuncLeak,
  onceStall,
  timeoutHandler,
  observability,
];

export const scenarioIds: readonly string[] = scenarios.map((s) => s.id);

/** The scenario with this id, or undefined (callers say which ids exist). */
export function getScenario(id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id);
}
