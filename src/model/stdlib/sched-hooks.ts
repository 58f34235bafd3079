/**
 * What the standard-library layer needs from the scheduler, and nothing more. The engine passes an
 * object with these methods into every operation; the stdlib state itself stays plain data.
 */
export interface SchedHooks {
  /**
   * `goready(gp)`: make a parked goroutine runnable on the waker's P, in `runnext`
   * (`ready` → `runqput(pp, gp, next=true)`), so a woken G runs next on the P that woke it.
   * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go (ready)
   */
  ready(g: number): void;
  /** `cheaprandn(n)`: a uniform integer in [0, n) from the run's one seeded PRNG. */
  randn(n: number): number;
}

/** What an operation did to the goroutine that called it. */
export type OpOutcome =
  /** Finished without blocking; the goroutine carries on. */
  | { readonly kind: 'done' }
  /** The goroutine must `gopark` with this wait reason until a `ready` names it. */
  | { readonly kind: 'park'; readonly reason: string }
  /** The operation panics with this value (`send on closed channel`, ...). */
  | { readonly kind: 'panic'; readonly value: string };

export const opDone: OpOutcome = { kind: 'done' };

/** One outcome object per wait reason: parking happens millions of times in long runs. */
const parkOutcomes = new Map<string, OpOutcome>();

export function opPark(reason: string): OpOutcome {
  let out = parkOutcomes.get(reason);
  if (out === undefined) {
    out = { kind: 'park', reason };
    parkOutcomes.set(reason, out);
  }
  return out;
}

export function opPanic(value: string): OpOutcome {
  return { kind: 'panic', value };
}
