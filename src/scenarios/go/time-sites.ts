/**
 * Where package time stands in a goroutine dump, per Go release, read off real dumps
 * (tests/fixtures/net-http-*.dump.txt for time.Sleep, tests/fixtures/afterfunc-*.dump.txt for
 * goFunc): `time.Sleep` parked in runtime/time.go, and the `go f()` in time/sleep.go's `goFunc`
 * that starts an AfterFunc's f. Go 1.23 rewrote timers, so both lines moved then.
 * @see https://github.com/golang/go/blob/go1.25.0/src/time/sleep.go (goFunc)
 */
import type { GoSite } from '../../model/program.ts';
import type { GoroutineFrame } from '../../model/traceback.ts';
import { stdRelease, type StdRelease } from './std-release.ts';

const LINES: Readonly<Record<StdRelease, { readonly sleep: number; readonly goFunc: number }>> = {
  'go1.19.8': { sleep: 195, goFunc: 176 },
  'go1.21.13': { sleep: 195, goFunc: 176 },
  'go1.22.12': { sleep: 195, goFunc: 177 },
  'go1.23.5': { sleep: 300, goFunc: 215 },
  'go1.24.4': { sleep: 338, goFunc: 215 },
  'go1.25.12': { sleep: 363, goFunc: 215 },
  'go1.26.10': { sleep: 363, goFunc: 215 },
  'go1.27.3': { sleep: 368, goFunc: 182 },
};

/** A goroutine in `time.Sleep` (runtime/time.go timeSleep's gopark). */
export function timeSleepFrame(goMinor: number): GoroutineFrame {
  const line = LINES[stdRelease(goMinor)].sleep;
  return { func: 'time.Sleep', args: '', file: '/usr/local/go/src/runtime/time.go', line };
}

/** `go f()` in `goFunc`: the creator of every goroutine an AfterFunc timer starts. */
export function goFuncSite(goMinor: number): GoSite {
  const line = LINES[stdRelease(goMinor)].goFunc;
  return { func: 'time.goFunc', file: '/usr/local/go/src/time/sleep.go', line };
}
