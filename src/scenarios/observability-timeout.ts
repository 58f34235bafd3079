/**
 * The TimeoutHandler incident as the observability run serves it: the timeout-handler scenario's
 * own server (./timeout-handler.ts), its clients sending for the whole dashboard.
 */
import type { IncidentModel } from './observability-run.ts';
import { timeoutHandler } from './timeout-handler.ts';

export const timeoutServer: IncidentModel = {
  sources: timeoutHandler.sources,
  create: (v, options) =>
    timeoutHandler.create(
      {
        qps: v.qps,
        work: v.work,
        timeout: v.timeout,
        load: v.duration,
        ctx: v.fix,
        total: v.duration,
        go: v.go,
      },
      options,
    ),
};
