/**
 * The goroutine stack (go-facts.md facts 18-21): a contiguous block that starts small, doubles by
 * copying when a function prologue finds too little room, and halves during GC when mostly unused.
 *
 * Sizes are linux/amd64's. Frame sizes are whole frames: locals, spills, the saved frame pointer
 * and the return address the CALL pushed (`main.recurse` with a `[64]byte` local is `$96-8` in
 * the assembly, 104 bytes with its return address).
 *
 * Plain data only, so a GoStack survives structuredClone (snapshots, workers).
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/stack.go
 */

/** `stackMin`: the smallest stack a goroutine is created with (`malg(stackMin)`). */
export const STACK_MIN = 2048;
/** `fixedStack`: stackMin rounded up to a power of two; 2048 on Linux (larger on Windows). */
export const FIXED_STACK = 2048;
/** `abi.StackSmall`: frames up to this size compare SP with the guard directly. */
export const STACK_SMALL = 128;
/** `stackNosplit`: room kept for a chain of NOSPLIT functions below the guard. */
export const STACK_NOSPLIT = 800;
/** `stackGuard` = stackNosplit + stackSystem (0 on Linux) + StackSmall = 928 on linux/amd64. */
export const STACK_GUARD = STACK_NOSPLIT + STACK_SMALL;
/** `maxstacksize` on 64-bit, set in `runtime.main`: 1e9 bytes (decimal), see proc.go `main`. */
export const MAX_STACK_SIZE = 1_000_000_000;
/** The return address the CALL instruction pushes: part of the callee's whole frame. */
export const RETURN_ADDRESS_BYTES = 8;

export interface GoStack {
  /** Bytes allocated (`stack.hi - stack.lo`), always a power of two. */
  size: number;
  /** Bytes in use from the top down to SP: the sum of `frames`. */
  used: number;
  /** Whole frame sizes, outermost first. */
  frames: number[];
  /** How many times `copystack` moved this stack (growth and shrink). */
  copies: number;
  /** Bytes copied by those moves. */
  copiedBytes: number;
}

/** What one `newstack` did. */
export interface StackGrowth {
  fromBytes: number;
  toBytes: number;
  copiedBytes: number;
}

/** What one `shrinkstack` did. */
export interface StackShrink {
  fromBytes: number;
  toBytes: number;
  copiedBytes: number;
}

/** The runtime's own words when a goroutine's stack would pass `maxstacksize`. */
export const STACK_OVERFLOW_TEXT = [
  `runtime: goroutine stack exceeds ${MAX_STACK_SIZE}-byte limit`,
  'fatal error: stack overflow',
].join('\n');

export class StackOverflowError extends Error {
  override readonly name = 'StackOverflowError';
  /** The `fatal error:` line alone, for `Simulation.fatal`. */
  readonly fatal = 'fatal error: stack overflow';
  constructor(readonly wantedBytes: number) {
    super(STACK_OVERFLOW_TEXT);
  }
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** `round2`: the smallest power of two ≥ n (stack.go), here without the int32 limit. */
export function roundUpToPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * A stack for a goroutine. A brand-new G gets `malg(stackMin)`; a G recycled from the free list
 * gets `startingStackSize` (pass it here).
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go (newproc1, gfget)
 */
export function newStack(startSize: number = STACK_MIN): GoStack {
  if (!isPowerOfTwo(startSize) || startSize < FIXED_STACK || startSize > MAX_STACK_SIZE) {
    throw new RangeError(
      `stack size ${startSize} is not a power of two between ${FIXED_STACK} and ${MAX_STACK_SIZE}`,
    );
  }
  return { size: startSize, used: 0, frames: [], copies: 0, copiedBytes: 0 };
}

function checkFrame(frameBytes: number): void {
  if (!Number.isSafeInteger(frameBytes) || frameBytes < RETURN_ADDRESS_BYTES) {
    throw new RangeError(`frame of ${frameBytes} bytes: a frame holds at least its return address`);
  }
}

/**
 * The prologue check the compiler puts at the top of every splittable function
 * (cmd/internal/obj/x86/obj6.go `stacksplit`). SP at entry sits just below the return address.
 * Small frames (≤ StackSmall) test `SP <= stackguard0`; larger ones test
 * `SP - (frame - StackSmall) <= stackguard0`; `stackguard0 = stack.lo + stackGuard`.
 */
export function prologueWouldGrow(size: number, used: number, frameBytes: number): boolean {
  const spFromTop = used + RETURN_ADDRESS_BYTES;
  const localFrame = frameBytes - RETURN_ADDRESS_BYTES;
  const dip = Math.max(0, localFrame - STACK_SMALL);
  return spFromTop + dip >= size - STACK_GUARD;
}

/**
 * `newstack`'s size: double, and keep doubling while the frame about to run would still not fit
 * with the guard below it (`for newsize-used < needed`, needed = funcMaxSPDelta + stackGuard).
 */
export function grownSize(size: number, used: number, frameBytes: number): number {
  const spFromTop = used + RETURN_ADDRESS_BYTES;
  const needed = frameBytes - RETURN_ADDRESS_BYTES + STACK_GUARD;
  let newSize = size * 2;
  while (newSize - spFromTop < needed) newSize *= 2;
  return newSize;
}

/**
 * Calls a function whose whole frame is `frameBytes`: runs the prologue check and, when it fails,
 * grows the stack the way `morestack` → `newstack` → `copystack` does. Returns the growth, or null
 * when the frame fit. Throws StackOverflowError past `maxstacksize` (the frame is not pushed).
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/stack.go (newstack, copystack)
 */
export function pushFrame(s: GoStack, frameBytes: number): StackGrowth | null {
  checkFrame(frameBytes);
  let growth: StackGrowth | null = null;
  if (prologueWouldGrow(s.size, s.used, frameBytes)) {
    const toBytes = grownSize(s.size, s.used, frameBytes);
    if (toBytes > MAX_STACK_SIZE) throw new StackOverflowError(toBytes);
    // copystack moves everything from stack.hi down to the SP morestack saved: the frames in
    // use plus the callee's return address, already pushed when its prologue ran.
    const copied = s.used + RETURN_ADDRESS_BYTES;
    growth = { fromBytes: s.size, toBytes, copiedBytes: copied };
    s.size = toBytes;
    s.copies += 1;
    s.copiedBytes += copied;
  }
  s.frames.push(frameBytes);
  s.used += frameBytes;
  return growth;
}

/** Returns from the innermost function. Returns the popped frame size (0 on an empty stack). */
export function popFrame(s: GoStack): number {
  const frame = s.frames.pop();
  if (frame === undefined) return 0;
  s.used -= frame;
  return frame;
}

/**
 * What the GC stack scan does to a parked goroutine's stack: halve it when the part in use, plus
 * stackNosplit of headroom, is under a quarter of it, never below fixedStack.
 * Returns the shrink, or null when the stack stays.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/stack.go (shrinkstack)
 */
export function shrinkStack(s: GoStack): StackShrink | null {
  const newSize = s.size / 2;
  if (newSize < FIXED_STACK) return null;
  if (s.used + STACK_NOSPLIT >= s.size / 4) return null;
  const shrink = { fromBytes: s.size, toBytes: newSize, copiedBytes: s.used };
  s.size = newSize;
  s.copies += 1;
  s.copiedBytes += s.used;
  return shrink;
}

/**
 * The adaptive starting size (Go 1.19+, `adaptivestackstart=1`): at each GC, the average stack
 * in use among the goroutines the GC scanned, plus stackGuard so a goroutine using the average
 * does not grow at once, clamped to [fixedStack, maxstacksize] and rounded up to a power of two.
 * With no stack scanned it falls back to fixedStack.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/stack.go (gcComputeStartingStackSize)
 */
export function startingStackSize(avgScannedStack: number | null): number {
  if (avgScannedStack === null) return FIXED_STACK;
  let avg = Math.floor(avgScannedStack) + STACK_GUARD;
  if (avg > MAX_STACK_SIZE) avg = MAX_STACK_SIZE;
  if (avg < FIXED_STACK) avg = FIXED_STACK;
  return roundUpToPowerOfTwo(avg);
}
