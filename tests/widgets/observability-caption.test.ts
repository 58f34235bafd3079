/**
 * The dashboard's caption names the service it shows: the running incident with the knobs its
 * program uses, spelled as the controls spell them. It listed every incident's knobs, with raw
 * enum values ('blockingf'), and ran off the edge of a chapter's column.
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
  it('gives TimeoutHandler its work and timeout, and nothing of the other incidents', () => {
    const caption = describeService(run({ incident: 'timeout-handler', work: 4 * SECOND }));
    expect(caption).toBe('TimeoutHandler at 20/s, Go 1.25 · work 4s, timeout 1s');
  });

  it("spells AfterFunc's bug as its control does and groups the payload's digits", () => {
    const caption = describeService(
      run({ incident: 'afterfunc-leak', afterfuncMode: 'nostop', delay: 5 * MINUTE, qps: 1000 }),
    );
    expect(caption).toBe(
      'time.AfterFunc at 1,000/s, Go 1.25 · never stopped, delay 5m0s, 4,096 B captured',
    );
    expect(describeService(run({ incident: 'afterfunc-leak' }))).toContain('f blocks');
  });

  it('says when the fix is deployed', () => {
    expect(describeService(run({ incident: 'once-stall', fix: true, onceMode: 'panic' }))).toBe(
      'sync.Once (fixed) at 20/s, Go 1.25 · f panics',
    );
  });

  it('never shows a raw enum value', () => {
    for (const incident of observabilityParams.incident.options) {
      const caption = describeService(run({ incident }));
      expect(caption).not.toMatch(/blockingf|nostop|once-stall|timeout-handler|afterfunc-leak/);
    }
  });
});
