/**
 * The widget's path to a run (load one incident with import(), then build the run over it) gives
 * exactly the CLI's run (all three incidents loaded eagerly), and refuses an incident it was not
 * given rather than running another one.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/scenarios/duration';
import {
  INCIDENTS,
  observability,
  observabilitySampleNs,
  type ObservabilityValues,
} from '../../src/scenarios/observability';
import { loadIncident } from '../../src/scenarios/observability-incidents';
import { createObservabilityRun } from '../../src/scenarios/observability-run';
import { defaultValues } from '../../src/scenarios/params';

function values(over: Partial<ObservabilityValues>): ObservabilityValues {
  return { ...defaultValues(observability.params), qps: 20, duration: MINUTE, ...over };
}

describe('observability: one incident loaded on demand', () => {
  for (const incident of INCIDENTS) {
    it(`${incident}: the loaded scenario runs exactly as the eager one`, async () => {
      const v = values({ incident });
      const options = { seed: 2, sampleNs: observabilitySampleNs(v), traceCapacity: 0 };
      const loaded = await loadIncident(incident);
      expect(loaded.incident).toBe(incident);
      const lazy = createObservabilityRun(v, options, loaded);
      const eager = observability.create(v, options);
      lazy.runUntil(30_000_000_000);
      eager.runUntil(30_000_000_000);
      expect(lazy.events).toBe(eager.events);
      expect(lazy.series()).toEqual(eager.series());
      expect(lazy.dump()).toBe(eager.dump());
    });
  }

  it('refuses to run an incident other than the one loaded', async () => {
    const loaded = await loadIncident('once-stall');
    expect(() =>
      createObservabilityRun(
        values({ incident: 'timeout-handler' }),
        { seed: 1, sampleNs: 1e9 },
        loaded,
      ),
    ).toThrow(/timeout-handler asked, once-stall loaded/);
  });
});
