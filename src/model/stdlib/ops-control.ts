/**
 * Control flow and bookkeeping ops for stdlib programs: loops, branches on a select's case or a
 * local, `go` with captured values, and scenario counters. Programs stay flat arrays of ops; a
 * jump sets the pc of the op to run next.
 */
import { NEWPROC_COST_NS } from '../constants.ts';
import { newproc } from '../proc.ts';
import { registerOp, type GoSite, type Op } from '../program.ts';
import type { GRec } from '../state.ts';
import { takeDelivery } from './chan.ts';
import { freshLocals, localsOf, stdlibOf } from './engine-bridge.ts';
import { releaseSelectTimers } from './ops-chan.ts';

/** run() returns 0 and the engine then steps past the op: aim one before the target. */
function jumpTo(g: GRec, to: number): number {
  g.pc = to - 1;
  return 0;
}

export interface JumpOp extends Op {
  readonly kind: 'std.jump';
  readonly to: number;
}
registerOp<JumpOp>({ kind: 'std.jump', run: (_w, g, op) => jumpTo(g, op.to) });

/**
 * The test of `for time.Since(start) < d { ... }` (the program starts at 0): once virtual time
 * reaches `untilNs`, leave the loop for `exit`. The body ends with a `std.jump` back here.
 */
export interface WhileBeforeOp extends Op {
  readonly kind: 'std.whileBefore';
  readonly untilNs: number;
  readonly exit: number;
}
registerOp<WhileBeforeOp>({
  kind: 'std.whileBefore',
  run: (w, g, op) => (w.s.now < op.untilNs ? 0 : jumpTo(g, op.exit)),
});

/** Jump to `to` when local `slot` equals `equals`. */
export interface JumpIfOp extends Op {
  readonly kind: 'std.jumpIf';
  readonly slot: number;
  readonly equals: number;
  readonly to: number;
}
registerOp<JumpIfOp>({
  kind: 'std.jumpIf',
  run: (w, g, op) => {
    const v = localsOf(stdlibOf(w.s), g.idx)[op.slot] ?? 0;
    return v === op.equals ? jumpTo(g, op.to) : 0;
  },
});

/**
 * After a channel receive or a select (parked or not): take what the G received. With `cases`,
 * jump to the pc for the case that won (-1, default, is the last entry when there is one); with
 * `dst`, keep the received value in a local.
 */
export interface TakeOp extends Op {
  readonly kind: 'std.take';
  readonly cases?: readonly number[];
  readonly dst?: number;
}
registerOp<TakeOp>({
  kind: 'std.take',
  run: (w, g, op) => {
    const st = stdlibOf(w.s);
    const got = takeDelivery(st.chans, g.idx);
    releaseSelectTimers(w, g);
    if (op.dst !== undefined) localsOf(st, g.idx)[op.dst] = got.value;
    if (op.cases === undefined) return 0;
    const index = got.caseIndex < 0 ? op.cases.length - 1 : got.caseIndex;
    const to = op.cases[index];
    if (to === undefined) throw new Error(`select case ${got.caseIndex} has no target`);
    return jumpTo(g, to);
  },
});

/** `go f(x, y)`: the new G's first locals are the values of the caller's `pass` locals. */
export interface GoWithOp extends Op {
  readonly kind: 'std.go';
  readonly prog: number;
  readonly pass: readonly number[];
  readonly creator?: GoSite;
}
registerOp<GoWithOp>({
  kind: 'std.go',
  run: (w, g, op, p) => {
    const st = stdlibOf(w.s);
    const mine = localsOf(st, g.idx);
    const child = newproc(w, p, op.prog, g);
    const theirs = freshLocals(st, child.idx, op.pass.length);
    for (const slot of op.pass) theirs.push(mine[slot] ?? 0);
    st.createdBy[child.idx] = null;
    return NEWPROC_COST_NS;
  },
});

/** `atomic.AddInt64(&counter, delta)` on a scenario counter. */
export interface CountOp extends Op {
  readonly kind: 'std.count';
  readonly name: string;
  readonly delta: number;
}
registerOp<CountOp>({
  kind: 'std.count',
  run: (w, _g, op) => {
    const c = w.s.counters;
    c[op.name] = (c[op.name] ?? 0) + op.delta;
    return 0;
  },
});

/** Set a local to a constant. */
export interface SetOp extends Op {
  readonly kind: 'std.set';
  readonly slot: number;
  readonly value: number;
}
registerOp<SetOp>({
  kind: 'std.set',
  run: (w, g, op) => {
    localsOf(stdlibOf(w.s), g.idx)[op.slot] = op.value;
    return 0;
  },
});
