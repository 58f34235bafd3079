/**
 * Function call and return with a frame size: the prologue's stack check (morestack → newstack →
 * copystack, B's stack.ts) and a preemption point, since that same check sees stackPreempt.
 *
 * A G's `GoStack` is made only when its stack first has to grow: until then it is the fresh
 * 2 KiB stack holding the frames of its `calls`, so `used` is their sum. A leaking server keeps
 * hundreds of thousands of goroutines parked one call deep, and a record each (~120 bytes of
 * JS heap) would be a third of what they cost.
 */
import {
  newStack,
  popFrame,
  prologueWouldGrow,
  pushFrame,
  STACK_MIN,
  StackOverflowError,
  type GoStack,
} from '../stack.ts';
import { registerOp, type Op, type World } from '../program.ts';
import { NO, NO_CALLS, type GRec } from '../state.ts';
import { Say } from '../trace-text.ts';
import { traceArgs, traceEvent, traceName } from '../trace.ts';

export interface CallOp extends Op {
  readonly kind: 'call';
  /** Callee name as a traceback prints it, e.g. `main.recurse`. */
  readonly func: string;
  /** The callee's whole frame (locals, spills, return address, frame pointer). */
  readonly frameBytes: number;
  /** The callee's source file, when it is not the caller's (a handler called by net/http). */
  readonly file?: string;
}

export interface RetOp extends Op {
  readonly kind: 'ret';
}

/** The frame sizes of a G's calls, outermost first (its stack's frames while it has no GoStack). */
function callFrames(w: World, g: GRec): number[] {
  const ops = w.code[g.prog]!.ops;
  return g.calls.map((pc) => (ops[pc] as CallOp).frameBytes);
}

/** Bytes the frames of a G's calls take on its fresh stack. */
function usedByCalls(w: World, g: GRec): number {
  const ops = w.code[g.prog]!.ops;
  let used = 0;
  for (const pc of g.calls) used += (ops[pc] as CallOp).frameBytes;
  return used;
}

/** The G's stack as a record: its own, or the fresh stack its calls' frames fill so far. */
function stackToGrow(w: World, g: GRec): GoStack {
  const st = newStack();
  // None of these frames made the fresh stack grow when it was called (else it would have a
  // GoStack already), so pushing them again grows nothing.
  for (const frame of callFrames(w, g)) pushFrame(st, frame);
  return st;
}

/**
 * One-call stacks, by pc, shared by every G one call deep there: a leaking server parks hundreds
 * of thousands of them in the same function. Not state: `[pc]` is the same value in any run.
 */
const singleCalls: (readonly number[])[] = [];

function singleCall(pc: number): number[] {
  let calls = singleCalls[pc];
  if (calls === undefined) {
    calls = Object.freeze([pc]);
    singleCalls[pc] = calls;
  }
  return calls as number[];
}

/**
 * Call stacks of at most one call may be shared (NO_CALLS, `singleCall`, or after a checkpoint's
 * structuredClone, which keeps the sharing), so they are replaced, never written; a longer one
 * is the G's own and grows and shrinks in place (a recursion thousands deep stays linear).
 */
function pushCall(g: GRec, pc: number): void {
  const calls = g.calls;
  if (calls.length === 0) g.calls = singleCall(pc);
  else if (calls.length === 1) g.calls = [calls[0] as number, pc];
  else calls.push(pc);
}

function popCall(g: GRec): void {
  const calls = g.calls;
  if (calls.length === 1) g.calls = NO_CALLS as number[];
  else if (calls.length > 1) calls.pop();
}

registerOp<CallOp>({
  kind: 'call',
  run: (w, g, op) => {
    const s = w.s;
    const needsRecord =
      g.stack === null && prologueWouldGrow(STACK_MIN, usedByCalls(w, g), op.frameBytes);
    if (needsRecord) g.stack = stackToGrow(w, g);
    pushCall(g, g.pc);
    if (g.stack === null) return 0;
    try {
      const growth = pushFrame(g.stack, op.frameBytes);
      if (growth !== null && s.trace !== null) {
        const e = traceEvent(s, Say.StackGrow, g.idx, NO, NO);
        traceArgs(s, e, growth.fromBytes, growth.toBytes, growth.copiedBytes);
        traceName(s, e, op.func);
      }
    } catch (e) {
      if (!(e instanceof StackOverflowError)) throw e;
      s.fatal = `${e.message}\n\ngoroutine ${g.goid} [running]:`;
      s.done = true;
    }
    return 0;
  },
});

registerOp<RetOp>({
  kind: 'ret',
  run: (_w, g) => {
    if (g.stack !== null) popFrame(g.stack);
    popCall(g);
    return 0;
  },
});
