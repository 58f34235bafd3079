/**
 * The requests each incident's program serves, counted from the model's own state, for the
 * dashboard's "in flight" and "latency" panels. All figures are O(1) to read: the dashboard reads
 * them before every event it integrates over.
 *
 * - timeout-handler: an HTTP request, sent by the client loop; it is answered with a 200 or a
 *   503 (the server's counters), and in flight until then.
 * - once-stall: one `GetConfig` call, started by the ticker (`calls`). The remote never answers in
 *   either program (./go/once-stall-go.ts), so every call that returns returns nil and `nilConfig`
 *   counts exactly the answered calls; in the panic mode the first call ends in the panic
 *   (recovered by its goroutine, the Once then counts as done) and is no longer in flight.
 * - afterfunc-leak: none. Its program is a loop calling `time.AfterFunc`, not a server: there is
 *   no request to time (each call returns at once), so these panels stay empty and say so.
 */
import type { Sched } from '../model/state.ts';
import type { Incident } from './observability-run.ts';

export interface RequestFigures {
  /** Requests started so far. */
  readonly sent: number;
  /** Of those, not answered (nor ended) yet. */
  readonly inFlight: number;
}

const counter = (s: Sched, name: string): number => s.counters[name] ?? 0;

/** The incident's request counts now, or null where its program serves no requests. */
export function requestFigures(incident: Incident, s: Sched): RequestFigures | null {
  switch (incident) {
    case 'timeout-handler': {
      const sent = counter(s, 'sent');
      return { sent, inFlight: sent - counter(s, 'status200') - counter(s, 'status503') };
    }
    case 'once-stall': {
      const calls = counter(s, 'calls');
      // https://github.com/golang/go/blob/go1.25.0/src/sync/once.go (doSlow: the deferred
      // `o.done.Store(1)` runs although f panicked)
      const panicked = s.stdlib?.onces[0]?.done === true ? 1 : 0;
      return { sent: calls, inFlight: calls - counter(s, 'nilConfig') - panicked };
    }
    case 'afterfunc-leak':
      return null;
  }
}
