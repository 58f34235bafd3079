import { describe, expect, it } from 'vitest';
import { counterText } from '../../src/widgets/shell/counter-text';

describe('counter text', () => {
  it('shows millisecond counters as Go durations', () => {
    expect(counterText('wakeLatencyMs', 11.5432)).toBe('11.543ms');
    expect(counterText('wakeLatencyMsMax', 0.25)).toBe('250µs');
    expect(counterText('wakeLatencyMsMin', 1500)).toBe('1.5s');
  });

  it('groups the digits of counts, the count of Ms included', () => {
    expect(counterText('schedules', 12004)).toBe('12,004');
    expect(counterText('ms', 7)).toBe('7');
  });
});
