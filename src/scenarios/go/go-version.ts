/**
 * The Go release a scenario models, as a param: it picks wait reasons (`semacquire` before 1.20,
 * `sync.Mutex.Lock` after), the dump's `created by ... in goroutine N` form (1.21+) and the
 * timer-channel rules (1.23+). The reference runs were made with Go 1.19.
 */
import type { ParamSpec } from '../types.ts';

export const goVersionParam = {
  kind: 'enum',
  label: 'Go version',
  help: 'The Go release whose runtime rules apply (wait reasons, dump format, timer channels).',
  options: ['1.19', '1.20', '1.21', '1.22', '1.23', '1.24', '1.25', '1.26', '1.27'],
  default: '1.27',
} as const satisfies ParamSpec;

/** `1.23` → 23. */
export function goMinorOf(version: string): number {
  const minor = Number(version.split('.')[1]);
  if (!Number.isInteger(minor)) throw new Error(`not a Go version: ${version}`);
  return minor;
}
