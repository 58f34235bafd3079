/**
 * observability: one of the three incidents at production scale, as a dashboard would see it.
 * The run is an HTTP server with the incident in its handler (its stdlib model) at the chosen rate
 * for hours, sampled on a coarse grid: ./observability-run.ts says what each series is. This module
 * is the scenario the CLI and the tests run, with all three incidents loaded; the widget loads
 * only the one that runs.
 */
import { afterfuncServer } from './observability-afterfunc.ts';
import { onceServer } from './observability-once.ts';
import {
  OBSERVABILITY_SERIES,
  OBSERVABILITY_TITLE,
  createObservabilityRun,
  incidentSource as sourceOfLoaded,
  observabilityParams,
  observabilitySampleNs,
  type Incident,
  type LoadedIncident,
  type ObservabilityValues,
} from './observability-run.ts';
import { timeoutServer } from './observability-timeout.ts';
import type { GoSource, Scenario } from './types.ts';

export {
  INCIDENTS,
  observabilitySampleNs,
  type Incident,
  type ObservabilityValues,
} from './observability-run.ts';

const LOADED: { readonly [K in Incident]: LoadedIncident } = {
  'timeout-handler': { incident: 'timeout-handler', model: timeoutServer },
  'afterfunc-leak': { incident: 'afterfunc-leak', model: afterfuncServer },
  'once-stall': { incident: 'once-stall', model: onceServer },
};

/** The Go program the run executes: the incident's buggy or fixed version. */
export function incidentSource(v: ObservabilityValues): GoSource | undefined {
  return sourceOfLoaded(v, LOADED[v.incident as Incident]);
}

export const observability: Scenario<typeof observabilityParams> = {
  id: 'observability',
  title: OBSERVABILITY_TITLE,
  summary:
    'One of the three incidents in an HTTP service at production traffic for hours of virtual time, sampled as a dashboard would: goroutines, heap, open connections, requests in flight and latency. An alert on the goroutine count (a threshold, a rate of growth over a window, held for a while) fires when the series say so, and the goroutine dump at that moment points at the incident; with the fix deployed the alert stays quiet.',
  params: observabilityParams,
  sources: [...timeoutServer.sources, ...afterfuncServer.sources, ...onceServer.sources],
  seriesNames: OBSERVABILITY_SERIES,
  counterNames: ['requests', 'goroutines'],
  horizonNs: (v) => v.duration,
  defaultSampleNs: observabilitySampleNs,
  create: (values, options) =>
    createObservabilityRun(values, options, LOADED[values.incident as Incident]),
};
