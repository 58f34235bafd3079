/** The renderer's picture of one instant (types.ts `View`), built on demand from the state. */
import type { GPlace, GView, MView, PView, SysmonView, View } from '../scenarios/types.ts';
import { EvKind } from './event-queue.ts';
import { STACK_MIN } from './constants.ts';
import { sleepers } from './sleep-heap.ts';
import type { World } from './program.ts';
import { NO, globalRunqLen, type Sched } from './state.ts';
import { placeOf } from './trace.ts';

/** The source line a G stands on: its current op's, or its function's when past the end. */
export function lineOf(w: World, gi: number): number {
  const g = w.s.allgs[gi]!;
  const prog = w.code[g.prog]!;
  return prog.ops[g.pc]?.line ?? prog.line;
}

/**
 * Queue positions of every queued G slot, found in one pass over the queues: `placeOf` scans a
 * queue per goroutine, which is quadratic when 100,000 goroutines wait in the global queue.
 */
function queuePositions(s: Sched): Int32Array {
  const at = new Int32Array(s.allgs.length);
  for (const p of s.allp) {
    for (let i = p.runqhead, index = 0; i < p.runqtail; i++, index++) at[p.runq[i & 255]!] = index;
  }
  for (let i = s.runqHead; i < s.runq.length; i++) at[s.runq[i]!] = i - s.runqHead;
  return at;
}

function placeIn(s: Sched, gi: number, positions: Int32Array): GPlace {
  const g = s.allgs[gi]!;
  if (g.where === 'localq') return { kind: 'localq', p: g.at, index: positions[gi] ?? 0 };
  if (g.where === 'globalq') return { kind: 'globalq', index: positions[gi] ?? 0 };
  return placeOf(s, gi);
}

/** When sysmon wakes next: its pending event in the queue (one scan; the queue holds few events). */
function sysmonOf(s: Sched): SysmonView {
  const q = s.queue;
  let next: number | null = null;
  for (let i = 0; i < q.size; i++) {
    if (q.kind[i] === EvKind.Sysmon && q.b[i] === s.sysmonGen && (next === null || q.t[i]! < next))
      next = q.t[i]!;
  }
  return { nextTickNs: s.sysmonWait ? null : next, delayNs: s.sysmonDelay };
}

export function buildView(w: World, maxGs: number, extra: Record<string, unknown>): View {
  const s = w.s;
  const ps: PView[] = s.allp.map((p) => {
    const runq: number[] = [];
    for (let i = p.runqhead; i < p.runqtail; i++) runq.push(s.allgs[p.runq[i & 255]!]!.goid);
    return {
      id: p.id,
      status: p.status,
      m: p.m === NO ? null : p.m,
      running: p.curg === NO ? null : s.allgs[p.curg]!.goid,
      runnext: p.runnext === NO ? null : s.allgs[p.runnext]!.goid,
      runq,
      schedtick: p.schedtick,
      timers: sleepers(p.timers),
    };
  });
  const ms: MView[] = s.allm.map((m) => ({
    id: m.id,
    p: m.p === NO ? null : m.p,
    curg: m.curg === NO ? null : s.allgs[m.curg]!.goid,
    spinning: m.spinning,
    parked: m.parked,
    inSyscall: m.inSyscall,
  }));
  const byStatus: Record<string, number> = {};
  const byWaitReason: Record<string, number> = {};
  const gs: GView[] = [];
  const positions = queuePositions(s);
  let live = 0;
  for (const g of s.allgs) {
    if (g.status === '_Gdead') continue;
    live++;
    byStatus[g.status] = (byStatus[g.status] ?? 0) + 1;
    if (g.status === '_Gwaiting')
      byWaitReason[g.waitReason] = (byWaitReason[g.waitReason] ?? 0) + 1;
    if (gs.length < maxGs) {
      gs.push({
        id: g.goid,
        status: g.status,
        place: placeIn(s, g.idx, positions),
        line: lineOf(w, g.idx),
        role: w.code[g.prog]!.role,
        stackBytes: g.stack?.size ?? STACK_MIN,
      });
    }
  }
  const globalRunq: number[] = [];
  for (let i = s.runqHead; i < s.runq.length && globalRunq.length < maxGs; i++) {
    globalRunq.push(s.allgs[s.runq[i]!]!.goid);
  }
  return {
    nowNs: s.now,
    ps,
    ms,
    globalRunq,
    globalRunqLen: globalRunqLen(s),
    gs,
    gsTruncated: live > gs.length,
    byStatus,
    byWaitReason,
    extra,
    sysmon: sysmonOf(s),
  };
}
