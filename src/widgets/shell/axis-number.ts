/**
 * A chart's value-axis tick, short enough for the axis's fixed width: uPlot's default prints
 * 5,940,912 as "5,940,912", and the axis showed its last five characters ("0,912"). Compact
 * notation keeps three significant figures at most ("5.94M", "1.5K", "0.25").
 */
const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumSignificantDigits: 3,
});

export function axisNumber(value: number): string {
  return compact.format(value);
}
