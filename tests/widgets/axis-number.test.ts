import { describe, expect, it } from 'vitest';
import { axisNumber } from '../../src/widgets/shell/axis-number';

describe('chart axis numbers', () => {
  it('fit the value axis: at most three significant figures and a K/M/B suffix', () => {
    expect(axisNumber(5_940_912)).toBe('5.94M');
    expect(axisNumber(1_500)).toBe('1.5K');
    expect(axisNumber(1_000)).toBe('1K');
    expect(axisNumber(0)).toBe('0');
    expect(axisNumber(0.25)).toBe('0.25');
    expect(axisNumber(2_500_000_000)).toBe('2.5B');
    for (const v of [999, 12_345, 987_654, 4_294_967_296])
      expect(axisNumber(v).length).toBeLessThanOrEqual(5);
  });
});
