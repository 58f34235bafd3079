/**
 * Goroutine birth and death: newproc/newproc1, goexit0/gdestroy, gfput/gfget (facts 2, 22).
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go
 */
import { GFREE_KEEP, GFREE_MAX, GOID_CACHE_BATCH } from './constants.ts';
import { dropg, wakep } from './m.ts';
import type { World } from './program.ts';
import { runqput } from './runq.ts';
import { NO, NO_CALLS, type GRec, type PRec, type Sched } from './state.ts';
import { Say } from './trace-text.ts';
import { traceMove } from './trace.ts';

/** Fact 22: ids come from the P's cache, refilled 16 at a time from `sched.goidgen`. */
function nextGoid(s: Sched, p: PRec): number {
  if (p.goidcache === p.goidcacheend) {
    s.goidgen += GOID_CACHE_BATCH;
    p.goidcache = s.goidgen - (GOID_CACHE_BATCH - 1);
    p.goidcacheend = p.goidcache + GOID_CACHE_BATCH;
  }
  return p.goidcache++;
}

/*
 * Appends below are `a[a.length] = x`, not `a.push(x)`: TurboFan left these pushes as calls to
 * the ArrayPrototypePush builtin (4% of the gmp bench's instructions); an indexed store at the
 * length is compiled inline.
 */

/** Fact 22: take a dead G from the P's free list, refilling up to 32 from the global list. */
export function gfget(s: Sched, p: PRec): number {
  if (p.gFree.length === 0 && s.gFree.length > 0) {
    while (p.gFree.length < GFREE_KEEP && s.gFree.length > 0)
      p.gFree[p.gFree.length] = s.gFree.pop()!;
  }
  return p.gFree.length > 0 ? p.gFree.pop()! : NO;
}

/** Fact 22: at 64 entries move Gs to the global list until fewer than 32 remain. */
export function gfput(s: Sched, p: PRec, gi: number): void {
  p.gFree[p.gFree.length] = gi;
  if (p.gFree.length >= GFREE_MAX) {
    while (p.gFree.length >= GFREE_KEEP) s.gFree[s.gFree.length] = p.gFree.pop()!;
  }
}

function freshG(idx: number): GRec {
  return {
    idx,
    goid: 0,
    status: '_Gdead',
    waitReason: '',
    where: 'dead',
    at: NO,
    prog: 0,
    pc: 0,
    left: NO,
    preempt: false,
    parentGoid: 0,
    createdProg: NO,
    createdPc: NO,
    calls: NO_CALLS as number[],
    stack: null,
    parkedGc: 0,
    mark: 0,
    runqpos: 0,
  };
}

/**
 * `go f()`: newproc1 takes a G (gfget or a new one), then runqput(pp, newg, true) puts it in the
 * creator's runnext (fact 2), and wakep() looks for an idle P once main has started.
 */
export function newproc(w: World, p: PRec, prog: number, parent: GRec | null): GRec {
  const s = w.s;
  let gi = gfget(s, p);
  if (gi === NO) {
    gi = s.allgs.length;
    s.allgs[gi] = freshG(gi);
  }
  const g = s.allgs[gi]!;
  g.goid = nextGoid(s, p);
  g.prog = prog;
  g.pc = 0;
  g.left = NO;
  g.preempt = false;
  g.parentGoid = parent === null ? 0 : parent.goid;
  g.createdProg = parent === null ? NO : parent.prog;
  g.createdPc = parent === null ? NO : parent.pc;
  g.calls = NO_CALLS as number[];
  g.stack = null;
  g.mark = 0;
  s.ngLive++;
  runqput(s, p, gi, true);
  if (s.trace !== null) traceMove(s, Say.Go, g, p, NO, w.code[prog]!.func);
  if (parent !== null) wakep(w);
  return g;
}

/** goexit0 → gdestroy: the G turns `_Gdead` and its struct goes to the P's free list. */
export function goexit(w: World, g: GRec, p: PRec): void {
  const s = w.s;
  if (s.trace !== null) traceMove(s, Say.Exit, g, p, NO, null);
  g.status = '_Gdead';
  g.waitReason = '';
  g.where = 'dead';
  g.at = NO;
  g.stack = null;
  g.calls = NO_CALLS as number[];
  dropg(s, p);
  s.ngLive--;
  gfput(s, p, g.idx);
  // runtime.main calls exit(0) when main.main returns: the other goroutines just stop.
  if (g.goid === 1) s.done = true;
}
