/**
 * The basic Go-like ops: compute, spin, go, Gosched, goyield, syscall, network read, sleep.
 * Each registers itself in the op table (program.ts).
 */
import { NEWPROC_COST_NS } from '../constants.ts';
import { dropg } from '../m.ts';
import { entersyscall, entersyscallblock } from '../syscall.ts';
import { gopark } from '../park.ts';
import { netpollBlock } from '../netpoll.ts';
import { newproc } from '../proc.ts';
import { nextFloat } from '../prng.ts';
import { OP_BLOCKED, OP_DETACHED, registerOp, type Op } from '../program.ts';
import { globrunqput, runqput } from '../runq.ts';
import { addTimer } from '../timers.ts';
import { NO } from '../state.ts';
import { Say } from '../trace-text.ts';
import { traceMove } from '../trace.ts';

/** CPU work that calls functions as it goes, so it is preemptible even cooperatively. */
export interface ComputeOp extends Op {
  readonly kind: 'compute';
  readonly ns: number;
}
registerOp<ComputeOp>({ kind: 'compute', durationOnly: true, run: (_w, _g, op) => op.ns });

/**
 * A loop with no calls (like reference/go/preempt's spin): only async preemption stops it.
 * `jitter` (a fraction) varies its length per run, as a real loop's time varies (411-416 ms).
 */
export interface SpinOp extends Op {
  readonly kind: 'spin';
  readonly ns: number;
  readonly jitter?: number;
}
registerOp<SpinOp>({
  kind: 'spin',
  callFree: true,
  durationOnly: true,
  run: (w, _g, op) => {
    const j = op.jitter ?? 0;
    return j === 0 ? op.ns : Math.round(op.ns * (1 - j + 2 * j * nextFloat(w.s.rng)));
  },
});

/** `go f()`: the new G lands in this P's runnext (fact 2); newproc costs NEWPROC_COST_NS. */
export interface GoOp extends Op {
  readonly kind: 'go';
  /** Index of the started function in the scenario's program table. */
  readonly prog: number;
}
registerOp<GoOp>({
  kind: 'go',
  run: (w, g, op, p) => {
    newproc(w, p, op.prog, g);
    return NEWPROC_COST_NS;
  },
});

/** runtime.Gosched: goschedImpl(gp, false) → the global queue (fact 13). */
export interface GoschedOp extends Op {
  readonly kind: 'gosched';
}
registerOp<GoschedOp>({
  kind: 'gosched',
  run: (w, g, _op, p) => {
    dropg(w.s, p);
    globrunqput(w.s, g.idx);
    if (w.s.trace !== null) traceMove(w.s, Say.Gosched, g, p, NO, null);
    return OP_BLOCKED;
  },
});

/** goyield (used inside the runtime, e.g. by sync): the tail of the local queue (fact 13). */
export interface GoyieldOp extends Op {
  readonly kind: 'goyield';
}
registerOp<GoyieldOp>({
  kind: 'goyield',
  run: (w, g, _op, p) => {
    dropg(w.s, p);
    runqput(w.s, p, g.idx, false);
    if (w.s.trace !== null) traceMove(w.s, Say.Goyield, g, p, NO, null);
    return OP_BLOCKED;
  },
});

/** A blocking system call of `ns` (fact 14). */
export interface SyscallOp extends Op {
  readonly kind: 'syscall';
  readonly ns: number;
}
registerOp<SyscallOp>({
  kind: 'syscall',
  run: (w, g, op, p) => {
    entersyscall(w, g, p, op.ns);
    return OP_DETACHED;
  },
});

/** A syscall the runtime knows will block (entersyscallblock): the P is handed off at once. */
export interface SyscallBlockOp extends Op {
  readonly kind: 'syscallBlock';
  readonly ns: number;
}
registerOp<SyscallBlockOp>({
  kind: 'syscallBlock',
  run: (w, g, op, p) => {
    entersyscallblock(w, g, p, op.ns);
    return OP_DETACHED;
  },
});

/** A network read whose data arrives after `ns`: `IO wait` in the netpoller, no M held. */
export interface NetReadOp extends Op {
  readonly kind: 'netread';
  readonly ns: number;
}
registerOp<NetReadOp>({
  kind: 'netread',
  run: (w, g, op, p) => {
    netpollBlock(w, g, p, op.ns);
    return OP_BLOCKED;
  },
});

/** time.Sleep: a timer on this P's heap, then gopark with reason `sleep` (facts 24, 27). */
export interface SleepOp extends Op {
  readonly kind: 'sleep';
  readonly ns: number;
}
registerOp<SleepOp>({
  kind: 'sleep',
  run: (w, g, op, p) => {
    gopark(w, g, p, 'sleep');
    addTimer(w, p, w.s.now + op.ns, g.idx);
    return OP_BLOCKED;
  },
});
