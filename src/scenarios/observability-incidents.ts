/**
 * Each incident's model behind a dynamic import: the widget loads only the one that runs (the
 * three together with their Go sources are ~10 KB of gzip JS it would otherwise ship).
 */
import type { Incident, LoadedIncident } from './observability-run.ts';

const loaders: { readonly [K in Incident]: () => Promise<LoadedIncident> } = {
  'timeout-handler': async () => ({
    incident: 'timeout-handler',
    model: (await import('./observability-timeout.ts')).timeoutServer,
  }),
  'afterfunc-leak': async () => ({
    incident: 'afterfunc-leak',
    model: (await import('./observability-afterfunc.ts')).afterfuncServer,
  }),
  'once-stall': async () => ({
    incident: 'once-stall',
    model: (await import('./observability-once.ts')).onceServer,
  }),
};

export function loadIncident(incident: Incident): Promise<LoadedIncident> {
  return loaders[incident]();
}
