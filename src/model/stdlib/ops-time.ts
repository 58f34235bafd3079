/**
 * Timer ops: `time.AfterFunc`, `Timer.Stop`, and a `time.Ticker` with its receive.
 * @see https://github.com/golang/go/blob/go1.25.0/src/time/sleep.go
 * @see https://github.com/golang/go/blob/go1.25.0/src/time/tick.go
 */
import { registerOp, type Op } from '../program.ts';
import { makeChan } from './chan.ts';
import { localsOf, startTimer, stdlibOf } from './engine-bridge.ts';
import { stopTimer } from './timers.ts';
import { idGet } from './id-table.ts';

/**
 * `t := time.AfterFunc(d, f)`: a timer on this P's heap holding `bytes` (the closure and what it
 * captures); no goroutine until it fires. When it fires, `fn` (a function of the scenario's
 * program table) starts in a new goroutine whose local 0 is this G's local `arg`.
 */
export interface AfterFuncOp extends Op {
  readonly kind: 'time.AfterFunc';
  readonly delayNs: number;
  readonly fn: string;
  readonly arg: number;
  readonly bytes: number;
  readonly dst: number;
}
registerOp<AfterFuncOp>({
  kind: 'time.AfterFunc',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    const locals = localsOf(st, g.idx);
    const fire = { kind: 'go', fn: op.fn, arg: locals[op.arg] ?? 0 } as const;
    locals[op.dst] = startTimer(w, p, w.s.now + op.delayNs, fire, { bytes: op.bytes });
    return 0;
  },
});

/** `t.Stop()`: the timer in local `timer` will not fire; its closure is released. */
export interface StopOp extends Op {
  readonly kind: 'timer.Stop';
  readonly timer: number;
}
registerOp<StopOp>({
  kind: 'timer.Stop',
  run: (w, g, op) => {
    const st = stdlibOf(w.s);
    stopTimer(st.timers, localsOf(st, g.idx)[op.timer] ?? 0);
    return 0;
  },
});

/**
 * `tick := time.NewTicker(period)`: a periodic channel timer sending on a 1-slot channel (a tick
 * that finds the slot full is dropped). Local `dst` gets the channel, `dst + 1` the timer (for
 * `tick.Stop()`); `<-tick.C` is a `chan.recv` on it.
 */
export interface NewTickerOp extends Op {
  readonly kind: 'time.NewTicker';
  readonly periodNs: number;
  readonly dst: number;
}
registerOp<NewTickerOp>({
  kind: 'time.NewTicker',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    const chan = makeChan(st.chans, 1);
    const timer = startTimer(
      w,
      p,
      w.s.now + op.periodNs,
      { kind: 'send', chan },
      { period: op.periodNs, isChan: true },
    );
    const ch = idGet(st.chans.chans, chan);
    if (ch !== undefined) ch.timerId = timer;
    const locals = localsOf(st, g.idx);
    locals[op.dst] = chan;
    locals[op.dst + 1] = timer;
    return 0;
  },
});
