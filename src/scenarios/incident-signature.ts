/**
 * Which incident a group of identical goroutine stacks points to, read from the stack alone, the
 * way an on-call engineer reads a `debug=2` dump: the frames the runtime prints and who created
 * the goroutine. Nothing here knows which scenario produced the dump.
 */
import type { StackGroup } from '../model/traceback-parse.ts';
import type { Incident } from './observability-run.ts';

export interface IncidentSignature {
  readonly incident: Incident;
  /** One sentence: what in the stack gives it away. */
  readonly because: string;
}

/**
 * - `sync.(*Once).doSlow` on the stack: callers queued behind a Once whose f has not returned
 *   (https://github.com/golang/go/blob/go1.25.0/src/sync/once.go);
 * - `net/http.(*timeoutHandler).ServeHTTP.func1`: the goroutine TimeoutHandler starts per
 *   request, still running after its 503
 *   (https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go);
 * - created by `time.goFunc`: a function `time.AfterFunc` started when its timer fired
 *   (https://github.com/golang/go/blob/go1.25.0/src/time/sleep.go).
 */
export function incidentOfStack(group: StackGroup): IncidentSignature | null {
  const funcs = group.sample.frames.map((f) => f.func);
  // A `debug=1` profile prints no wait state.
  const state = group.state === '' ? '' : ` (${group.state})`;
  if (funcs.some((f) => f.startsWith('sync.(*Once).')))
    return {
      incident: 'once-stall',
      because: `parked in sync.(*Once).doSlow${state}: callers queued behind a Once whose f never returned`,
    };
  if (funcs.includes('net/http.(*timeoutHandler).ServeHTTP.func1'))
    return {
      incident: 'timeout-handler',
      // The stack alone cannot tell a handler within its timeout from one past it: a fixed
      // handler waiting on r.Context() has the same frames until its deadline.
      because: `TimeoutHandler's per-request goroutine, in the handler${state}; past the timeout its client already has a 503, and it runs on unless the handler returns on r.Context().Done()`,
    };
  if (group.sample.createdBy?.func === 'time.goFunc')
    return {
      incident: 'afterfunc-leak',
      because: `created by time.goFunc: an AfterFunc callback that fired and is stuck${state}`,
    };
  return null;
}

/** The incident the largest group with a signature points to, or null. */
export function incidentOfDump(groups: readonly StackGroup[]): IncidentSignature | null {
  let best: { count: number; sig: IncidentSignature } | null = null;
  for (const g of groups) {
    const sig = incidentOfStack(g);
    if (sig !== null && (best === null || g.count > best.count)) best = { count: g.count, sig };
  }
  return best?.sig ?? null;
}
