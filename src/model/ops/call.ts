/**
 * Function call and return with a frame size: the prologue's stack check (morestack → newstack →
 * copystack, B's stack.ts) and a preemption point, since that same check sees stackPreempt.
 */
import { newStack, popFrame, pushFrame, StackOverflowError } from '../stack.ts';
import { registerOp, type Op } from '../program.ts';
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

registerOp<CallOp>({
  kind: 'call',
  run: (w, g, op) => {
    const s = w.s;
    g.stack ??= newStack();
    // An empty call stack may be the shared NO_CALLS (state.ts): replace it, never push onto it.
    if (g.calls.length === 0) g.calls = [g.pc];
    else g.calls.push(g.pc);
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
