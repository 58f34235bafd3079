/**
 * The dashboard's caption names the service it shows: the running incident and its knobs first,
 * then the other incidents' knobs marked as unused by the run, all spelled as the controls spell
 * them. It printed raw enum values ('blockingf') and did not say which knobs the run ignores.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../src/scenarios/duration';
import {
  observabilityParams,
  type ObservabilityValues,
} from '../../src/scenarios/observability-run';
import { defaultValues } from '../../src/scenarios/params';
import { describeService } from '../../src/widgets/observability/dashboard';

const defaults = defaultValues(observabilityParams);
const run = (changes: Partial<ObservabilityValues>): ObservabilityValues => ({
  ...defaults,
  ...changes,
});

describe('describeService', () => {
  it('leads with the running incident and its knobs, then the unused ones', () => {
    expect(describeService(run({ incident: 'timeout-handler', work: 4 * SECOND }))).toBe(
      'TimeoutHandler at 20/s, Go 1.27 · work 4s, timeout 1s (unused by this run: ' +
        'time.AfterFunc: f blocks, delay 2s, 4,096 B captured; sync.Once: f blocks)',
    );
  });

  it("spells AfterFunc's bug as its control does and groups digits", () => {
    const caption = describeService(
      run({ incident: 'afterfunc-leak', afterfuncMode: 'nostop', delay: 5 * MINUTE, qps: 1000 }),
    );
    expect(caption).toMatch(
      /^time\.AfterFunc at 1,000\/s, Go 1\.27 · never stopped, delay 5m0s, 4,096 B captured \(unused/,
    );
  });

  it('says when the fix is deployed', () => {
    expect(describeService(run({ incident: 'once-stall', fix: true, onceMode: 'panic' }))).toMatch(
      /^sync\.Once \(fixed\) at 20\/s, Go 1\.27 · f panics \(unused by this run: TimeoutHandler/,
    );
  });

  it('shows every knob of the run, and never a raw enum value', () => {
    for (const incident of observabilityParams.incident.options) {
      const base = describeService(run({ incident }));
      for (const changed of [
        run({ incident, work: 20 * MINUTE }),
        run({ incident, timeout: 2 * SECOND }),
        run({ incident, afterfuncMode: 'nostop' }),
        run({ incident, delay: 3 * SECOND }),
        run({ incident, payload: 1024 }),
        run({ incident, onceMode: 'panic' }),
      ]) {
        expect(describeService(changed)).not.toBe(base);
      }
      expect(base).not.toMatch(/blockingf|nostop|once-stall|timeout-handler|afterfunc-leak/);
    }
  });
});
