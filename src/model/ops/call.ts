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
import type { GRec } from '../state.ts';
import { emit, tracing } from '../trace.ts';

export interface CallOp extends Op {
  readonly kind: 'call';
  /** Callee name as a traceback prints it, e.g. `main.recurse`. */
  readonly func: string;
  /** The callee's whole frame (locals, spills, return address, frame pointer). */
  readonly frameBytes: number;
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

registerOp<CallOp>({
  kind: 'call',
  run: (w, g, op) => {
    const s = w.s;
    const needsRecord =
      g.stack === null && prologueWouldGrow(STACK_MIN, usedByCalls(w, g), op.frameBytes);
    if (needsRecord) g.stack = stackToGrow(w, g);
    // An empty call stack may be the shared NO_CALLS (state.ts): replace it, never push onto it.
    if (g.calls.length === 0) g.calls = [g.pc];
    else g.calls.push(g.pc);
    if (g.stack === null) return 0;
    try {
      const growth = pushFrame(g.stack, op.frameBytes);
      if (growth !== null && tracing(s)) {
        emit(
          s,
          'stack-grow',
          `G${g.goid} calls ${op.func}: stack ${growth.fromBytes} → ${growth.toBytes} bytes (copystack, ${growth.copiedBytes} bytes copied)`,
          { g: g.goid },
        );
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
    if (g.calls.length > 0) g.calls.pop();
    return 0;
  },
});
