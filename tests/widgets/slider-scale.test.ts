import { describe, expect, it } from 'vitest';
import { nearestStop, sliderStops } from '../../src/widgets/shell/slider-scale';

describe('sliderStops', () => {
  it('steps 1-2-5 on a log scale and keeps both ends', () => {
    const stops = sliderStops({
      kind: 'int',
      label: 'G',
      help: '',
      min: 1,
      max: 100_000,
      default: 100,
      log: true,
    });
    expect(stops.slice(0, 7)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(stops.at(-1)).toBe(100_000);
  });

  it('durations always step 1-2-5, including odd ends', () => {
    const stops = sliderStops({
      kind: 'duration',
      label: 'd',
      help: '',
      minNs: 3e6,
      maxNs: 4e9,
      defaultNs: 1e9,
    });
    expect(stops[0]).toBe(3e6);
    expect(stops).toContain(5e6);
    expect(stops).toContain(1e9);
    expect(stops.at(-1)).toBe(4e9);
  });

  it('linear ints honour the step and cap the number of stops', () => {
    expect(
      sliderStops({
        kind: 'int',
        label: 'P',
        help: '',
        min: 1,
        max: 8,
        default: 4,
      }),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const many = sliderStops({
      kind: 'int',
      label: 'b',
      help: '',
      min: 0,
      max: 65_536,
      default: 64,
    });
    expect(many.length).toBeLessThanOrEqual(201);
    expect(many.at(-1)).toBe(65_536);
  });

  it('every stop is distinct and ascending, so each key press changes the value', () => {
    const stops = sliderStops({
      kind: 'int',
      label: 'G',
      help: '',
      min: 1,
      max: 100_000,
      default: 100,
      log: true,
    });
    for (let i = 1; i < stops.length; i++)
      expect(stops[i]).toBeGreaterThan(stops[i - 1] ?? Infinity);
  });

  it('finds the nearest stop for a value between stops', () => {
    expect(nearestStop([1, 2, 5, 10, 20], 9)).toBe(3);
    expect(nearestStop([1, 2, 5, 10, 20], 1)).toBe(0);
  });
});
