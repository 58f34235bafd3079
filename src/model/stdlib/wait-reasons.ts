/**
 * The wait reasons the standard-library layer parks goroutines with, spelled as the runtime's
 * `waitReasonStrings` spells them, for the Go version being modelled.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/runtime2.go (waitReasonStrings)
 */

/** A Go release as its minor number: Go 1.19 is 19, Go 1.25 is 25. */
export type GoMinor = number;

/**
 * `sync.Mutex` waiters show `[semacquire]` before Go 1.20 and `[sync.Mutex.Lock]` from 1.20
 * (the reference dump, made with Go 1.19, shows `semacquire`).
 */
export function mutexWaitReason(goMinor: GoMinor): string {
  return goMinor >= 20 ? 'sync.Mutex.Lock' : 'semacquire';
}

/** `sync.WaitGroup.Wait` got its own wait reason in Go 1.25; before, it was `semacquire`. */
export function waitGroupWaitReason(goMinor: GoMinor): string {
  return goMinor >= 25 ? 'sync.WaitGroup.Wait' : 'semacquire';
}

export const waitReason = {
  chanReceive: 'chan receive',
  chanSend: 'chan send',
  chanReceiveNilChan: 'chan receive (nil chan)',
  chanSendNilChan: 'chan send (nil chan)',
  select: 'select',
  selectNoCases: 'select (no cases)',
  sleep: 'sleep',
  ioWait: 'IO wait',
} as const;
