import { describe, expect, it } from 'vitest';
import { LANES, parseLanes, withLanes } from '../../src/widgets/demo/lanes-param';

describe('demo widget lanes parameter', () => {
  it('accepts whole numbers in range', () => {
    expect(parseLanes('1')).toEqual({ value: 1 });
    expect(parseLanes(String(LANES.max))).toEqual({ value: LANES.max });
  });

  it('uses the default silently when the value is absent', () => {
    expect(parseLanes(null)).toEqual({ value: LANES.default });
    expect(parseLanes('')).toEqual({ value: LANES.default });
  });

  it('falls back to the default with a notice naming the value and the range', () => {
    expect(parseLanes('banana')).toEqual({
      value: LANES.default,
      notice: 'lanes: "banana" is not a whole number (1..8); showing 4.',
    });
    expect(parseLanes('99').notice).toBe('lanes: 99 is out of range (1..8); showing 4.');
    expect(parseLanes('0').value).toBe(LANES.default);
    expect(parseLanes('2.5').notice).toMatch(/not a whole number/);
  });

  it('writes lanes into the query and keeps every other parameter', () => {
    expect(withLanes('?seed=7&lanes=2', 5)).toBe('?seed=7&lanes=5');
    expect(withLanes('', 3)).toBe('?lanes=3');
  });
});
