import type { ParamSpec } from '../../scenarios/types';

type NumericSpec = Extract<ParamSpec, { kind: 'int' } | { kind: 'duration' }>;

/** At most this many positions on a linear slider; a keyboard user can cross it in a few seconds. */
const MAX_LINEAR_STOPS = 200;

function bounds(spec: NumericSpec): { min: number; max: number } {
  return spec.kind === 'int'
    ? { min: spec.min, max: spec.max }
    : { min: spec.minNs, max: spec.maxNs };
}

/** 1, 2, 5, 10, 20, 50, ... within [min, max], plus both ends. */
function oneTwoFive(min: number, max: number): number[] {
  const stops = new Set<number>([min, max]);
  for (let decade = 1; decade <= max; decade *= 10) {
    for (const m of [1, 2, 5]) {
      const v = m * decade;
      if (v > min && v < max) stops.add(v);
    }
  }
  return [...stops].sort((a, b) => a - b);
}

/**
 * The values a slider for `spec` steps through, ascending. Log-scaled specs (goroutines 1..100,000,
 * durations) step 1-2-5 so every arrow key press changes the value by a readable amount.
 */
export function sliderStops(spec: NumericSpec): number[] {
  const { min, max } = bounds(spec);
  if (spec.log === true || spec.kind === 'duration') return oneTwoFive(min, max);
  const step = spec.kind === 'int' ? (spec.step ?? 1) : 1;
  const count = Math.floor((max - min) / step) + 1;
  if (count <= MAX_LINEAR_STOPS) return Array.from({ length: count }, (_, i) => min + i * step);
  const stride = Math.ceil(count / MAX_LINEAR_STOPS) * step;
  const stops: number[] = [];
  for (let v = min; v < max; v += stride) stops.push(v);
  stops.push(max);
  return stops;
}

/** Index of the stop nearest `value` (on a log scale when the stops are 1-2-5). */
export function nearestStop(stops: readonly number[], value: number): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  stops.forEach((stop, i) => {
    const distance = Math.abs(Math.log1p(Math.abs(stop)) - Math.log1p(Math.abs(value)));
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}
