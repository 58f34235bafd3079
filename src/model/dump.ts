/**
 * Goroutine dumps: one GoroutineRecord per live G, formatted by B's traceback.ts in the runtime's
 * own text (fact 25).
 */
import { FORCE_GC_PERIOD_NS } from './constants.ts';
import type { GoSite, Op, World } from './program.ts';
import type { GRec } from './state.ts';
import { formatDump, type GoroutineRecord } from './traceback.ts';
import { lineOf } from './view.ts';

/**
 * Fact 25: `[..., N minutes]` comes from g.waitsince, set lazily by the GC's markroot to the
 * start of the previous cycle, so the first GC after the park records 0 (unknown) and only the
 * next one records a time. The model's only GCs are sysmon's forced ones every 2 minutes;
 * `parkedGc` is the last of them before the park (`GRec.parkedGc`).
 */
export function waitMinutes(parkedGc: number, now: number): number | undefined {
  const firstGc = parkedGc + 1;
  const secondGcAt = (firstGc + 1) * FORCE_GC_PERIOD_NS;
  if (secondGcAt > now) return undefined;
  const waitsince = firstGc * FORCE_GC_PERIOD_NS;
  const minutes = Math.floor((now - waitsince) / 60_000_000_000);
  return minutes >= 1 ? minutes : undefined;
}

function stateOf(g: GRec): string {
  switch (g.status) {
    case '_Grunning':
      return 'running';
    case '_Grunnable':
      return 'runnable';
    case '_Gsyscall':
      return 'syscall';
    default:
      return g.waitReason;
  }
}

/** The record of one live goroutine: its frames innermost first, its wait, who created it. */
export function goroutineRecord(w: World, g: GRec): GoroutineRecord {
  const s = w.s;
  const prog = w.code[g.prog]!;
  // Innermost first: the current function at the current line, then each caller at its call.
  const frames: GoroutineRecord['frames'][number][] = [];
  const calls = g.calls;
  const callAt = (depth: number): { func?: string; file?: string } | undefined =>
    depth === 0 ? undefined : (prog.ops[calls[depth - 1]!] as { func?: string; file?: string });
  const funcAt = (depth: number): string => callAt(depth)?.func ?? prog.func;
  const fileAt = (depth: number): string => callAt(depth)?.file ?? prog.file;
  const depth = calls.length;
  frames.push({ func: funcAt(depth), args: '', file: fileAt(depth), line: lineOf(w, g.idx) });
  for (let d = depth - 1; d >= 0; d--) {
    frames.push({ func: funcAt(d), args: '', file: fileAt(d), line: prog.ops[calls[d]!]!.line });
  }
  const rec: GoroutineRecord = { id: g.goid, state: stateOf(g), frames };
  const minutes = g.status === '_Gwaiting' ? waitMinutes(g.parkedGc, s.now) : undefined;
  if (minutes !== undefined) rec.waitMinutes = minutes;
  if (g.createdProg >= 0) {
    const parent = w.code[g.createdProg]!;
    const goOp = parent.ops[g.createdPc] as (Op & { readonly creator?: GoSite }) | undefined;
    const site = goOp?.creator;
    rec.createdBy = {
      func: site?.func ?? parent.func,
      file: site?.file ?? parent.file,
      line: site?.line ?? goOp?.line ?? parent.line,
      parentId: g.parentGoid,
    };
  }
  return rec;
}

export function goroutineRecords(w: World): GoroutineRecord[] {
  const out: GoroutineRecord[] = [];
  for (const g of w.s.allgs) if (g.status !== '_Gdead') out.push(goroutineRecord(w, g));
  return out;
}

export function dumpText(w: World): string {
  return formatDump(goroutineRecords(w), { goVersion: `go1.${w.s.cfg.goMinor}` });
}
