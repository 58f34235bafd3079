/** The renderer's picture of one instant (types.ts `View`), built on demand from the state. */
import type { GView, MView, PView, View } from '../scenarios/types.ts';
import { STACK_MIN } from './constants.ts';
import type { World } from './program.ts';
import { NO, globalRunqLen } from './state.ts';
import { placeOf } from './trace.ts';

/** The source line a G stands on: its current op's, or its function's when past the end. */
export function lineOf(w: World, gi: number): number {
  const g = w.s.allgs[gi]!;
  const prog = w.code[g.prog]!;
  return prog.ops[g.pc]?.line ?? prog.line;
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
      timers: p.timers.length,
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
        place: placeOf(s, g.idx),
        line: lineOf(w, g.idx),
        role: g.role,
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
  };
}
