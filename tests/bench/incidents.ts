/**
 * Budgets of the incident scenarios (design.md), printed, never asserted (the machine is shared):
 * - the 12 s TimeoutHandler reference run (`-qps 50 -work 4s -timeout 1s -load 6s`): < 20 ms;
 * - one hour of timeout-handler at 1,000 qps ignoring ctx: < 5 s, with bounded memory.
 * Each figure is the CPU time of the simulation (process.cpuUsage, user + system), which a busy
 * shared machine distorts less than wall time; wall time is printed beside it. Tracing is off, as
 * for the CLI (a widget keeps a trace ring).
 *
 * Run: `npx tsx tests/bench/incidents.ts [--hour-load 1h]` (a shorter `--hour-load` extrapolates).
 */
import { performance } from 'node:perf_hooks';
import { SECOND } from '../../src/scenarios/duration.ts';
import { timeoutHandler } from '../../src/scenarios/timeout-handler.ts';
import type { Simulation } from '../../src/scenarios/types.ts';

interface Measure {
  cpuMs: number;
  wallMs: number;
  events: number;
  sent: number;
  heapMb: number;
}

function measure(sim: Simulation, untilNs: number, onSample?: () => void): Measure {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const slice = 60 * SECOND;
  for (let t = slice; ; t += slice) {
    sim.runUntil(Math.min(t, untilNs));
    onSample?.();
    if (t >= untilNs || sim.done) break;
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - wall0,
    events: sim.events,
    sent: sim.counters()['sent'] ?? 0,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

function reference(): Measure {
  const values = {
    qps: 50,
    work: 4 * SECOND,
    timeout: SECOND,
    load: 6 * SECOND,
    ctx: false,
    total: 12 * SECOND,
    go: '1.19',
  };
  return measure(
    timeoutHandler.create(values, { seed: 1, sampleNs: SECOND / 2, traceCapacity: 0 }),
    values.total,
  );
}

function hour(loadNs: number): Measure & { peakHeapMb: number } {
  const values = {
    qps: 1000,
    work: 4 * SECOND,
    timeout: SECOND,
    load: loadNs,
    ctx: false,
    total: loadNs,
    go: '1.25',
  };
  const sim = timeoutHandler.create(values, { seed: 1, sampleNs: SECOND / 2, traceCapacity: 0 });
  let peakHeapMb = 0;
  const m = measure(sim, values.total, () => {
    peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
  });
  return { ...m, peakHeapMb };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? NaN;
}

const arg = process.argv.indexOf('--hour-load');
const hourLoad =
  arg > 0
    ? Number.parseFloat(process.argv[arg + 1] ?? '1') *
      (process.argv[arg + 1]?.endsWith('m') === true ? 60 : 3600) *
      SECOND
    : 3600 * SECOND;

reference(); // warm-up
const refs = Array.from({ length: 7 }, reference);
const ref = refs[0] as Measure;
console.log(
  `timeout-handler 12 s reference run: ${median(refs.map((r) => r.cpuMs)).toFixed(1)} ms CPU, ${median(refs.map((r) => r.wallMs)).toFixed(1)} ms wall (median of 7; budget 20 ms), ${ref.events} events, ${ref.sent} requests`,
);
const h = hour(hourLoad);
const scale = (3600 * SECOND) / hourLoad;
console.log(
  `timeout-handler ${(hourLoad / SECOND / 60).toFixed(0)} min at 1000 qps ignoring ctx: ${(h.cpuMs / 1000).toFixed(2)} s CPU, ${(h.wallMs / 1000).toFixed(2)} s wall, ${h.events} events (${((h.cpuMs * 1e6) / h.events).toFixed(0)} ns CPU/event, ${(h.events / h.sent).toFixed(1)} events/request), ${h.sent} requests; heap ${h.peakHeapMb.toFixed(0)} MB at most${scale === 1 ? '' : `; one hour ≈ ${((h.cpuMs * scale) / 1000).toFixed(1)} s CPU by extrapolation`} (budget 5 s: ${((h.cpuMs * scale) / 5000).toFixed(1)} times the budget)`,
);
