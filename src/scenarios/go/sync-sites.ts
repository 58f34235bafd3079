/**
 * Where `sync.Once.Do` stands in a goroutine dump, per Go release: the frames of a caller parked
 * on the Once's mutex, and of the caller running f. Read off real dumps of the reference's
 * oncestall program (tests/fixtures/once-block*.dump.txt; tests/stdlib/once-stall-dump.test.ts
 * compares the model's dumps with them). From Go 1.24, sync.Mutex wraps internal/sync.Mutex, so
 * a waiter shows two more frames.
 * @see https://github.com/golang/go/blob/go1.25.0/src/sync/once.go
 * @see https://github.com/golang/go/blob/go1.25.0/src/internal/sync/mutex.go
 */
import type { GoroutineFrame } from '../../model/traceback.ts';
import { stdRelease, type StdRelease } from './std-release.ts';

const GOROOT = '/usr/local/go/src';

/** Line and PC offset of a frame that has its own PC; inlined frames have a line only. */
type At = readonly [line: number, offset: number];

interface OnceLines {
  /** From 1.24 the semaphore and the slow path are internal/sync's. */
  readonly internalSync: boolean;
  readonly semacquire: At;
  readonly lockSlow: At;
  /** `(*Mutex).Lock`: internal/sync's from 1.24, sync's before. */
  readonly lock: number;
  /** sync's `(*Mutex).Lock`, which calls internal/sync's (1.24+). */
  readonly syncLock: number | null;
  /** `doSlow` at `o.m.Lock()`, and at `f()`. */
  readonly doSlowLock: At;
  readonly doSlowCall: At;
  /** `Do` at its `o.doSlow(f)` (inlined). */
  readonly doCall: number;
}

/** go1.19.8's lines; each later release is the one before it plus what it moved. */
const LINES_go1_19_8: OnceLines = {
  internalSync: false,
  semacquire: [77, 0x25],
  lockSlow: [171, 0x165],
  lock: 90,
  syncLock: null,
  doSlowLock: [70, 0x53],
  doSlowCall: [74, 0xc2],
  doCall: 65,
};
const LINES_go1_21_13: OnceLines = {
  ...LINES_go1_19_8,
  lockSlow: [171, 0x15d],
  doSlowLock: [70, 0x50],
  doSlowCall: [74, 0xbf],
};
const LINES_go1_22_12: OnceLines = { ...LINES_go1_21_13, doSlowCall: [74, 0xc2] };
const LINES_go1_23_5: OnceLines = {
  ...LINES_go1_22_12,
  semacquire: [95, 0x25],
  lockSlow: [173, 0x15d],
  lock: 92,
  doSlowLock: [72, 0x50],
  doSlowCall: [76, 0xb4],
  doCall: 67,
};
const LINES_go1_24_4: OnceLines = {
  ...LINES_go1_23_5,
  internalSync: true,
  lockSlow: [149, 0x15d],
  lock: 70,
  syncLock: 46,
  doSlowLock: [74, 0x48],
  doSlowCall: [78, 0xab],
  doCall: 69,
};
const LINES_go1_25_12: OnceLines = {
  ...LINES_go1_24_4,
  doSlowLock: [74, 0x49],
  doSlowCall: [78, 0xac],
};
/** sync and runtime/sema.go did not move in 1.26. */
const LINES_go1_26_10: OnceLines = LINES_go1_25_12;
const LINES_go1_27_3: OnceLines = {
  ...LINES_go1_26_10,
  lockSlow: [149, 0x15a],
  doSlowLock: [74, 0x48],
  doSlowCall: [78, 0xab],
};

const LINES: Readonly<Record<StdRelease, OnceLines>> = {
  'go1.19.8': LINES_go1_19_8,
  'go1.21.13': LINES_go1_21_13,
  'go1.22.12': LINES_go1_22_12,
  'go1.23.5': LINES_go1_23_5,
  'go1.24.4': LINES_go1_24_4,
  'go1.25.12': LINES_go1_25_12,
  'go1.26.10': LINES_go1_26_10,
  'go1.27.3': LINES_go1_27_3,
};

/** The frames of a caller parked in `o.m.Lock()` inside `doSlow`, innermost first. */
export function onceLockFrames(goMinor: number): GoroutineFrame[] {
  const l = LINES[stdRelease(goMinor)];
  const pkg = l.internalSync ? 'internal/sync' : 'sync';
  const mutexGo = `${GOROOT}/${pkg}/mutex.go`;
  const frames: GoroutineFrame[] = [
    {
      func: `${pkg}.runtime_SemacquireMutex`,
      args: '0x0?, 0x0?, 0x0?',
      file: `${GOROOT}/runtime/sema.go`,
      line: l.semacquire[0],
      offset: l.semacquire[1],
    },
    {
      func: `${pkg}.(*Mutex).lockSlow`,
      args: '0x5c4b5c',
      file: mutexGo,
      line: l.lockSlow[0],
      offset: l.lockSlow[1],
    },
    { func: `${pkg}.(*Mutex).Lock`, args: '...', file: mutexGo, line: l.lock },
  ];
  if (l.syncLock !== null)
    frames.push({
      func: 'sync.(*Mutex).Lock',
      args: '...',
      file: `${GOROOT}/sync/mutex.go`,
      line: l.syncLock,
    });
  frames.push(doSlowFrame(l.doSlowLock));
  return frames;
}

/** `doSlow` at its call of f: the frame under f's for the caller that runs it. */
export function onceCallFrame(goMinor: number): GoroutineFrame {
  return doSlowFrame(LINES[stdRelease(goMinor)].doSlowCall);
}

/** `Do`, inlined into its caller: the frame under `doSlow`. */
export function onceDoFrame(goMinor: number): GoroutineFrame {
  const line = LINES[stdRelease(goMinor)].doCall;
  return { func: 'sync.(*Once).Do', args: '...', file: `${GOROOT}/sync/once.go`, line };
}

function doSlowFrame([line, offset]: At): GoroutineFrame {
  return {
    func: 'sync.(*Once).doSlow',
    args: '0x0?, 0x0?',
    file: `${GOROOT}/sync/once.go`,
    line,
    offset,
  };
}
