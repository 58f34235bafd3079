import { describe, expect, test } from 'vitest';
import {
  defaultValues,
  describeAllowed,
  formatParams,
  parseParams,
} from '../../src/scenarios/params.ts';
import { getScenario, scenarioIds, scenarios } from '../../src/scenarios/index.ts';

// Every registered scenario's schema must drive sliders, URLs and the CLI without surprises.
describe.each(scenarios.map((s) => [s.id, s] as const))('%s params', (_id, scenario) => {
  test('defaults are inside their ranges and survive the URL/CLI spelling', () => {
    const defaults = defaultValues(scenario.params);
    const text = formatParams(scenario.params, defaults);
    expect(parseParams(scenario.params, text)).toEqual({ values: defaults, errors: [] });
  });

  test('every spec is well-formed', () => {
    for (const [name, spec] of Object.entries(scenario.params)) {
      expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(describeAllowed(spec)).not.toContain('undefined');
      if (spec.kind === 'int') {
        expect(Number.isSafeInteger(spec.min) && Number.isSafeInteger(spec.max)).toBe(true);
        expect(spec.min).toBeLessThan(spec.max);
      } else if (spec.kind === 'duration') {
        expect(Number.isSafeInteger(spec.minNs) && Number.isSafeInteger(spec.maxNs)).toBe(true);
        expect(spec.minNs).toBeLessThan(spec.maxNs);
      } else if (spec.kind === 'enum') {
        expect(new Set(spec.options).size).toBe(spec.options.length);
        if (spec.optionLabels !== undefined)
          expect(spec.optionLabels).toHaveLength(spec.options.length);
      }
    }
  });

  test('the horizon of a default run is a positive whole number of ns', () => {
    const horizon = scenario.horizonNs(defaultValues(scenario.params));
    expect(horizon).toBeGreaterThan(0);
    // Virtual time is integer ns everywhere in the model (house rule); a fractional horizon
    // leaks into the CLI's sample count and the widgets' scrubber.
    expect(Number.isSafeInteger(horizon), `${scenario.id}.horizonNs gave ${horizon}`).toBe(true);
  });
});

test('ids are unique and getScenario finds each one', () => {
  expect(new Set(scenarioIds).size).toBe(scenarioIds.length);
  for (const id of scenarioIds) expect(getScenario(id)?.id).toBe(id);
  expect(getScenario('no-such-scenario')).toBeUndefined();
});
