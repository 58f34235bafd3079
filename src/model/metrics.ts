/**
 * Series sampled on a virtual-time grid: at every multiple of `sampleNs` the state as it was at
 * that instant (sampled before the first event past it is processed).
 */
import type { Sched } from './state.ts';
import { globalRunqLen, localRunqLen } from './state.ts';

/** The scheduler-wide figures every scenario can report. */
export function schedFigures(s: Sched): Record<string, number> {
  let running = 0;
  let runqTotal = 0;
  let runqMax = 0;
  for (const p of s.allp) {
    if (p.curg !== -1 && s.allgs[p.curg]!.where === 'running') running++;
    const len = localRunqLen(p) + (p.runnext === -1 ? 0 : 1);
    runqTotal += len;
    if (len > runqMax) runqMax = len;
  }
  let spinning = 0;
  for (const m of s.allm) if (m.spinning) spinning++;
  const globalRunq = globalRunqLen(s);
  return {
    goroutines: s.ngLive,
    running,
    runnable: runqTotal + globalRunq,
    runqTotal,
    runqMax,
    globalRunq,
    idleP: s.pidle.length,
    ms: s.allm.length,
    spinning,
    syscall: s.inSyscall,
    ioWait: s.netWaiters,
    steals: s.counters['steals'] ?? 0,
    handoffs: s.counters['handoffs'] ?? 0,
    preemptions: s.counters['preemptions'] ?? 0,
  };
}

export type ExtraSampler = (s: Sched) => Readonly<Record<string, number>>;

/** Appends samples for every grid point strictly before `upTo`. */
export function sampleUntil(
  s: Sched,
  upTo: number,
  names: readonly string[],
  extra: ExtraSampler | null,
): void {
  while (s.nextSampleNs < upTo && s.nextSampleNs <= s.cfg.horizonNs) {
    const figures = { ...schedFigures(s), ...(extra === null ? {} : extra(s)) };
    (s.series['t_ms'] ??= []).push(s.nextSampleNs / 1_000_000);
    for (const name of names) (s.series[name] ??= []).push(figures[name] ?? 0);
    s.nextSampleNs += s.cfg.sampleNs;
  }
}
