/**
 * sfc32, Chris Doty-Humphrey's "Small Fast Counting" generator from the PractRand suite
 * (https://pracrand.sourceforge.net/RNG_engines.txt): 128 bits of state, passes PractRand and
 * BigCrush, and its state is four plain numbers, so a checkpoint copies it like any other field.
 */
export type PrngState = [number, number, number, number];

/** Seeds the state the way PractRand's `sfc32::seed(s)` does: counter 1, then 12 warm-up rounds. */
export function seedPrng(seed: number): PrngState {
  const state: PrngState = [0, seed >>> 0, (seed / 0x100000000) >>> 0, 1];
  for (let i = 0; i < 12; i++) nextU32(state);
  return state;
}

/** The next 32-bit output; advances `state` in place. */
export function nextU32(state: PrngState): number {
  // Indexed reads and int32 stores: destructuring goes through the array iterator, and storing
  // the unwrapped sum before `|= 0` put a double in the array (a deopt, then double elements).
  const a = state[0];
  const b = state[1];
  const c = state[2];
  const d = state[3];
  const t = (((a + b) | 0) + d) | 0;
  state[3] = (d + 1) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

/** A uniform integer in [0, n). */
export function nextInt(state: PrngState, n: number): number {
  return Math.floor((nextU32(state) / 0x100000000) * n);
}

/** A uniform float in [0, 1). */
export function nextFloat(state: PrngState): number {
  return nextU32(state) / 0x100000000;
}
