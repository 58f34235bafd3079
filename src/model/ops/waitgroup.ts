/**
 * sync.WaitGroup ops over the stdlib layer's plain-data WaitGroup (stdlib/sync.ts). A scenario
 * keeps its WaitGroups in `Sched.waitGroups` and names one by index.
 */
import { goready, gopark } from '../park.ts';
import { nextInt } from '../prng.ts';
import { OP_BLOCKED, registerOp, type Op, type World } from '../program.ts';
import { NO, type PRec } from '../state.ts';
import type { SchedHooks } from '../stdlib/sched-hooks.ts';
import { waitGroupAdd, waitGroupWait } from '../stdlib/sync.ts';

export interface WgAddOp extends Op {
  readonly kind: 'wg.Add';
  readonly wg: number;
  /** Add(delta); Done is Add(-1). */
  readonly delta: number;
}

export interface WgWaitOp extends Op {
  readonly kind: 'wg.Wait';
  readonly wg: number;
}

/**
 * The scheduler side the stdlib layer asks for: goready onto the waker's P, the seeded PRNG.
 * One reusable object (not fresh closures per op): ops run one at a time.
 */
class Hooks implements SchedHooks {
  w: World | null = null;
  /**
   * The waker's P by id, not the record: `hooks` lives in the old generation and a run's Ps start
   * young, so storing a PRec on every wg.Add was a write-barrier call (RecordWrite) each time.
   */
  pid = NO;
  ready(g: number): void {
    const w = this.w!;
    goready(w, g, w.s.allp[this.pid]!);
  }
  randn(n: number): number {
    return nextInt(this.w!.s.rng, n);
  }
}
const hooks = new Hooks();

export function hooksFor(w: World, p: PRec): SchedHooks {
  // Only on change, for the same reason as `pid`: a run's World starts young too.
  if (hooks.w !== w) hooks.w = w;
  hooks.pid = p.id;
  return hooks;
}

registerOp<WgAddOp>({
  kind: 'wg.Add',
  run: (w, _g, op, p) => {
    const out = waitGroupAdd(w.s.waitGroups[op.wg]!, op.delta, hooksFor(w, p));
    if (out.kind === 'panic') {
      w.s.fatal = `panic: ${out.value}`;
      w.s.done = true;
    }
    return 0;
  },
});

registerOp<WgWaitOp>({
  kind: 'wg.Wait',
  run: (w, g, op, p) => {
    const out = waitGroupWait(w.s.waitGroups[op.wg]!, g.idx, w.s.cfg.goMinor);
    if (out.kind !== 'park') return 0;
    gopark(w, g, p, out.reason);
    return OP_BLOCKED;
  },
});
