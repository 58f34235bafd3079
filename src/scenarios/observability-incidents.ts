/**
 * Each incident's scenario behind a dynamic import: the widget loads only the one that runs
 * (the three together with their Go sources are ~9 KB of gzip JS it would otherwise ship).
 */
import type { Incident, LoadedIncident } from './observability-run.ts';

const loaders: { readonly [K in Incident]: () => Promise<LoadedIncident & { incident: K }> } = {
  'timeout-handler': async () => ({
    incident: 'timeout-handler',
    scenario: (await import('./timeout-handler.ts')).timeoutHandler,
  }),
  'afterfunc-leak': async () => ({
    incident: 'afterfunc-leak',
    scenario: (await import('./afterfunc-leak.ts')).afterfuncLeak,
  }),
  'once-stall': async () => ({
    incident: 'once-stall',
    scenario: (await import('./once-stall.ts')).onceStall,
  }),
};

export function loadIncident(incident: Incident): Promise<LoadedIncident> {
  return loaders[incident]();
}
