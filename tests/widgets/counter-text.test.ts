import { describe, expect, it } from 'vitest';
import { scenarios } from '../../src/scenarios/index';
import { counterLabel, counterText } from '../../src/widgets/shell/counter-text';

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

  it('labels every counter a scenario shows in plain words, not its JSON key', () => {
    for (const scenario of scenarios) {
      for (const name of scenario.counterNames) {
        const label = counterLabel(name);
        expect(label, `${scenario.id}: ${name}`).toMatch(/^[A-Za-z0-9 ,()-]+$/);
        // A camelCase or digit-suffixed key (status503, wakeLatencyMs) needs words of its own.
        if (/[a-z][A-Z0-9]/.test(name)) expect(label, `${scenario.id}: ${name}`).not.toBe(name);
      }
    }
    expect(counterLabel('wakeLatencyMsMin')).toBe('wake latency, min');
  });
});
