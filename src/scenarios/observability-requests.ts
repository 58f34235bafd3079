/**
 * The requests the incident's server takes, counted from the model's own state, for the
 * dashboard's "in flight" and "latency" panels. Every incident of the observability run is an
 * HTTP server (./observability-run.ts): a request is one the client loop sent, in flight until the
 * server has written its response (200, or 503 from TimeoutHandler or a handler without its
 * config). A request whose handler never returns (a blocked sync.Once) stays in flight for good.
 * O(1) to read: the dashboard reads it before every event it integrates over.
 */
import type { Sched } from '../model/state.ts';

export interface RequestFigures {
  /** Requests sent so far. */
  readonly sent: number;
  /** Of those, not answered yet. */
  readonly inFlight: number;
}

const counter = (s: Sched, name: string): number => s.counters[name] ?? 0;

export function requestFigures(s: Sched): RequestFigures {
  const sent = counter(s, 'sent');
  return { sent, inFlight: sent - counter(s, 'status200') - counter(s, 'status503') };
}
