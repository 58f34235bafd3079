/**
 * Durations read the same everywhere: Go's duration syntax, as the parameters and the dashboard's
 * rule print them. The run's time read `100s` beside `30m0s`, and the dashboard's latency
 * `1,001 ms` beside transcripts in `1.001s`.
 */
import { describe, expect, it } from 'vitest';
import { formatVirtualTime } from '../../src/widgets/shell/transcript';

describe('formatVirtualTime', () => {
  it('prints Go durations, rounded to three decimals of the unit', () => {
    expect(formatVirtualTime(0)).toBe('0s');
    expect(formatVirtualTime(1_500_000)).toBe('1.5ms');
    expect(formatVirtualTime(2_003_400_000)).toBe('2.003s');
    expect(formatVirtualTime(100e9)).toBe('1m40s');
    expect(formatVirtualTime(100.5e9)).toBe('1m40.5s');
    expect(formatVirtualTime(3600e9)).toBe('1h0m0s');
  });
});
