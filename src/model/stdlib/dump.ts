/**
 * Goroutine dumps of stdlib scenarios: the engine's records, plus what only the stdlib layer
 * knows, namely which goroutines a timer started. `time.AfterFunc` (and a context deadline) runs
 * f through `goFunc`, so the runtime prints `created by time.goFunc` for them.
 *
 * @see https://github.com/golang/go/blob/go1.19.8/src/time/sleep.go (goFunc, line 176)
 */
import { goroutineRecords } from '../dump.ts';
import type { World } from '../program.ts';
import { formatDump, type GoroutineRecord } from '../traceback.ts';

/** Ops that park a G and run again when it wakes (the G still stands on them). */
const RETRIED_WHEN_WOKEN = new Set(['http.accept', 'http.readRequest']);

export function stdlibRecords(w: World): GoroutineRecord[] {
  const s = w.s;
  const records = goroutineRecords(w);
  const createdBy = s.stdlib?.createdBy;
  const goidToIdx = new Map<number, number>();
  for (const g of s.allgs) if (g.status !== '_Gdead') goidToIdx.set(g.goid, g.idx);
  for (const rec of records) {
    const idx = goidToIdx.get(rec.id);
    const g = idx === undefined ? undefined : s.allgs[idx];
    if (g === undefined) continue;
    // The engine moves a parked G past the op that parked it; the runtime's traceback shows the
    // line where it waits.
    const ops = w.code[g.prog]?.ops ?? [];
    const here = ops[g.pc];
    const parkedBy = ops[g.pc - 1];
    const top = rec.frames[0];
    if (g.status === '_Gwaiting' && parkedBy !== undefined && top !== undefined) {
      if (here === undefined || !RETRIED_WHEN_WOKEN.has(here.kind)) top.line = parkedBy.line;
    }
    if (createdBy?.[g.idx] === 'time.goFunc') {
      // The timer ran on whichever goroutine's P checked it; Go ≥ 1.21 names none here.
      rec.createdBy = {
        func: 'time.goFunc',
        file: '/usr/local/go/src/time/sleep.go',
        line: 176,
        parentId: 0,
      };
    }
  }
  return records;
}

export function stdlibDump(w: World): string {
  return formatDump(stdlibRecords(w), { goVersion: `go1.${w.s.cfg.goMinor}` });
}
