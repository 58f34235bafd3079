/**
 * The standard-library layer's whole state, kept inside the engine's `Sched` (as `s.stdlib`) so a
 * checkpoint of the engine is a checkpoint of everything. Plain data only.
 */
import { newChanState, type ChanState } from './chan.ts';
import { newContextState, type ContextState } from './context.ts';
import { newHttpState, type HttpState } from './http.ts';
import { newMutex, newOnce, newOnceFunc, type Mutex, type Once, type OnceFunc } from './sync.ts';
import { newTimerState, type TimerState } from './timers.ts';
import type { GoMinor } from './wait-reasons.ts';

export interface StdlibState {
  timers: TimerState;
  chans: ChanState;
  ctxs: ContextState;
  mutexes: Mutex[];
  onces: Once[];
  onceFuncs: OnceFunc[];
  /**
   * Each goroutine's local variables (channel, context and timer ids, a request number...), by G
   * slot. `go` copies the values a closure captures into the new G's first slots.
   */
  locals: number[][];
  /**
   * By G slot: the stdlib function that started the G (`time.goFunc`...), for dumps, or null.
   * An array, not a Map: slots are recycled, and a Map churned millions of times is slow in V8.
   */
  createdBy: (string | null)[];
  /** `time.After` timers a G's current select created: [timer id, channel id] pairs. */
  selectTimers: Map<number, [number, number][]>;
  /** Channel timers nothing references any more, still in a heap until they fire (before Go 1.23). */
  orphanTimers: Set<number>;
  http: HttpState;
  /** Since when every P has been idle (the M waits in netpoll for the next timer), or -1. */
  idleSince: number;
}

export interface StdlibShape {
  readonly mutexes?: number;
  readonly onces?: number;
  readonly onceFuncs?: number;
}

export function newStdlibState(
  gomaxprocs: number,
  goMinor: GoMinor,
  shape: StdlibShape,
): StdlibState {
  return {
    timers: newTimerState(gomaxprocs, goMinor),
    chans: newChanState(),
    ctxs: newContextState(),
    mutexes: Array.from({ length: shape.mutexes ?? 0 }, newMutex),
    onces: Array.from({ length: shape.onces ?? 0 }, newOnce),
    onceFuncs: Array.from({ length: shape.onceFuncs ?? 0 }, newOnceFunc),
    locals: [],
    createdBy: [],
    selectTimers: new Map(),
    orphanTimers: new Set(),
    idleSince: -1,
    http: newHttpState(),
  };
}
