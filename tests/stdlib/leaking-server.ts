import { SECOND } from '../../src/scenarios/duration.ts';
import type { Simulation } from '../../src/scenarios/types.ts';
import { timeoutHandler } from '../../src/scenarios/timeout-handler.ts';

/**
 * The timeout-handler scenario 2.5 s into a leak (20 qps, 4 s of work behind a 1 s timeout, no
 * context check): connections waiting, connections in TimeoutHandler, handlers running on.
 */
export function leakingServer(go = '1.19'): Simulation {
  const sim = timeoutHandler.create(
    {
      qps: 20,
      work: 4 * SECOND,
      timeout: SECOND,
      load: 3 * SECOND,
      ctx: false,
      total: 3 * SECOND,
      go,
    },
    { seed: 1, sampleNs: SECOND / 2 },
  );
  sim.runUntil(2.5 * SECOND);
  return sim;
}
