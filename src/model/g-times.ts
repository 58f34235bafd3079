/**
 * Each G's times, kept out of its record (`GRec`) in one Float64Array, G_TIMES per G slot: times
 * past 2^31 ns are doubles, which a record holds as boxed numbers allocated with it (two boxes per
 * G in a long gmp run), while a typed array holds them as they are. Index with
 * `gi * G_TIMES + field`.
 */
import { NO, type Sched } from './state.ts';

export const G_TIMES = 4;
/** Virtual time the current op ends, or NO when no op is in progress. */
export const OP_END = 0;
/** Time left of an op interrupted by preemption, or NO. */
export const LEFT = 1;
/** When the G last parked (for dumps, fact 25). */
export const PARKED_AT = 2;
/** Scratch slot an op can use across its start and end (e.g. the start of a measurement). */
export const MARK = 3;

/** Makes room for G slot `gi` (the array doubles) and gives it a fresh G's times. */
export function freshGTimes(s: Sched, gi: number): void {
  const need = (gi + 1) * G_TIMES;
  if (need > s.gTimes.length) {
    let size = Math.max(64, s.gTimes.length);
    while (size < need) size *= 2;
    const bigger = new Float64Array(size);
    bigger.set(s.gTimes);
    s.gTimes = bigger;
  }
  const i = gi * G_TIMES;
  s.gTimes[i + OP_END] = NO;
  s.gTimes[i + LEFT] = NO;
  s.gTimes[i + PARKED_AT] = 0;
  s.gTimes[i + MARK] = 0;
}
