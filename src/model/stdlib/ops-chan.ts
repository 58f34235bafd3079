/**
 * Channel and select ops over stdlib/chan.ts. Operands name the G's locals (`chan` is the local
 * that holds a channel id). Results of receives and selects are read by the next `std.take`.
 */
import { gopark } from '../park.ts';
import { OP_BLOCKED, registerOp, type Op, type World } from '../program.ts';
import type { GRec, PRec } from '../state.ts';
import { chanClose, chanRecv, chanSend, freeChan, makeChan, select } from './chan.ts';
import { dropChanTimer, localsOf, startTimer, stdHooks, stdlibOf } from './engine-bridge.ts';
import type { OpOutcome } from './sched-hooks.ts';
import { idGet } from './id-table.ts';

/** Carry out an outcome: park the G, crash on an unrecovered panic, or go on. */
export function settle(w: World, g: GRec, p: PRec, out: OpOutcome | null): number {
  if (out === null || out.kind === 'done') return 0;
  if (out.kind === 'park') {
    gopark(w, g, p, out.reason);
    return OP_BLOCKED;
  }
  w.s.fatal = `panic: ${out.value}\n\ngoroutine ${g.goid} [running]:`;
  w.s.done = true;
  return 0;
}

/** `make(chan T, cap)` into local `dst`; `users` goroutines will hold it (see `chan.release`). */
export interface MakeChanOp extends Op {
  readonly kind: 'chan.make';
  readonly cap: number;
  readonly dst: number;
  readonly users?: number;
}
registerOp<MakeChanOp>({
  kind: 'chan.make',
  run: (w, g, op) => {
    const st = stdlibOf(w.s);
    const id = makeChan(st.chans, op.cap);
    const c = idGet(st.chans.chans, id);
    if (c !== undefined) c.users = op.users ?? 1;
    localsOf(st, g.idx)[op.dst] = id;
    return 0;
  },
});

/** This goroutine is done with the channel in local `chan`; the last user frees it. */
export interface ReleaseChanOp extends Op {
  readonly kind: 'chan.release';
  readonly chan: number;
}
registerOp<ReleaseChanOp>({
  kind: 'chan.release',
  run: (w, g, op) => {
    const st = stdlibOf(w.s);
    const id = localsOf(st, g.idx)[op.chan] ?? 0;
    const c = idGet(st.chans.chans, id);
    if (c !== undefined && --c.users <= 0) freeChan(st.chans, id);
    return 0;
  },
});

export interface SendOp extends Op {
  readonly kind: 'chan.send';
  readonly chan: number;
  readonly value: number;
}
registerOp<SendOp>({
  kind: 'chan.send',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    const id = localsOf(st, g.idx)[op.chan] ?? 0;
    return settle(w, g, p, chanSend(st.chans, id, g.idx, op.value, stdHooks(w, p)));
  },
});

export interface RecvOp extends Op {
  readonly kind: 'chan.recv';
  readonly chan: number;
}
registerOp<RecvOp>({
  kind: 'chan.recv',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    const id = localsOf(st, g.idx)[op.chan] ?? 0;
    return settle(w, g, p, chanRecv(st.chans, id, g.idx, stdHooks(w, p)));
  },
});

export interface CloseOp extends Op {
  readonly kind: 'chan.close';
  readonly chan: number;
}
registerOp<CloseOp>({
  kind: 'chan.close',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    const id = localsOf(st, g.idx)[op.chan] ?? 0;
    return settle(w, g, p, chanClose(st.chans, id, stdHooks(w, p)));
  },
});

/** A select case: receive from a local's channel, from `time.After(afterNs)`, or send. */
export type SelectCaseSpec =
  | { readonly dir: 'recv'; readonly chan: number }
  | { readonly dir: 'after'; readonly afterNs: number }
  | { readonly dir: 'send'; readonly chan: number; readonly value: number };

export interface SelectOp extends Op {
  readonly kind: 'select';
  readonly cases: readonly SelectCaseSpec[];
  readonly hasDefault: boolean;
}

/** What `time.After` allocates and keeps reachable while pending: a Timer and its channel. */
const TIME_AFTER_BYTES = 208;

/** A select case with its channel resolved; reused (selects never nest), so a select allocates none. */
interface ScratchCase {
  dir: 'recv' | 'send';
  chan: number;
  value: number;
}
const scratchBySize: ScratchCase[][] = [];

function scratchCases(n: number): ScratchCase[] {
  let cases = scratchBySize[n];
  if (cases === undefined) {
    cases = Array.from({ length: n }, () => ({ dir: 'recv', chan: 0, value: 0 }));
    scratchBySize[n] = cases;
  }
  return cases;
}

registerOp<SelectOp>({
  kind: 'select',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    const locals = localsOf(st, g.idx);
    let afterTimers: [number, number][] | null = null;
    const cases = scratchCases(op.cases.length);
    for (let i = 0; i < cases.length; i++) {
      const c = op.cases[i] as SelectCaseSpec;
      const sc = cases[i] as ScratchCase;
      if (c.dir === 'after') {
        // time.After(d) = NewTimer(d).C: a channel timer sending on a 1-slot channel.
        const chan = makeChan(st.chans, 1);
        const timer = startTimer(
          w,
          p,
          w.s.now + c.afterNs,
          { kind: 'send', chan },
          { isChan: true, bytes: TIME_AFTER_BYTES },
        );
        const ch = idGet(st.chans.chans, chan);
        if (ch !== undefined) ch.timerId = timer;
        (afterTimers ??= []).push([timer, chan]);
        sc.dir = 'recv';
        sc.chan = chan;
        sc.value = 0;
      } else {
        sc.dir = c.dir;
        sc.chan = locals[c.chan] ?? 0;
        sc.value = c.dir === 'send' ? c.value : 0;
      }
    }
    if (afterTimers !== null) st.selectTimers.set(g.idx, afterTimers);
    return settle(w, g, p, select(st.chans, g.idx, cases, op.hasDefault, stdHooks(w, p)));
  },
});

/**
 * After a select: the `time.After` timers it made are garbage. One that fired (or, from Go 1.23,
 * one out of the heap because nobody waits on it) goes at once; before 1.23 an unfired one stays
 * in its P's heap, holding its memory, until it fires.
 */
export function releaseSelectTimers(w: World, g: GRec): void {
  const st = stdlibOf(w.s);
  const made = st.selectTimers.get(g.idx);
  if (made === undefined) return;
  st.selectTimers.delete(g.idx);
  for (const [timerId, chanId] of made) {
    const t = idGet(st.timers.timers, timerId);
    if (t === undefined || !t.pending || !t.heaped) dropChanTimer(st, timerId, chanId);
    else st.orphanTimers.add(timerId);
  }
}
