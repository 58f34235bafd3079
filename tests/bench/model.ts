/**
 * Model budgets (design.md "Budgets"): the cost of one simulated scheduling event — a goroutine
 * switched onto a P by schedule(), the work a real Gosched does — for `gmp` with 10,000
 * goroutines, against the real runtime's Gosched cost on the reference machine; and the heap the
 * model holds with 100,000 live goroutines.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ModelSimulation } from '../../src/model/simulation.ts';
import { SECOND } from '../../src/scenarios/duration.ts';
import { gmp } from '../../src/scenarios/gmp.ts';
import { defaultValues } from '../../src/scenarios/params.ts';
import { timeoutHandler } from '../../src/scenarios/timeout-handler.ts';
import type { Simulation } from '../../src/scenarios/types.ts';

const NS_BUDGET_RATIO = 2;
const HEAP_BUDGET_MB = 200;

/** BenchmarkGosched ns/op lines of the fixture copy of reference/results/switchcost.txt; median. */
export function realGoschedNs(): number {
  const text = readFileSync(
    fileURLToPath(new URL('../fixtures/switchcost.txt', import.meta.url)),
    'utf8',
  );
  const values = goschedFigures(text);
  if (values.length === 0)
    throw new Error('no BenchmarkGosched lines in tests/fixtures/switchcost.txt');
  return median(values);
}

/** The BenchmarkGosched ns/op figures of `go test -bench` output. */
function goschedFigures(text: string): number[] {
  return [...text.matchAll(/^BenchmarkGosched-\d+\s+\d+\s+([\d.]+) ns\/op/gm)].map((m) =>
    Number(m[1]),
  );
}

/**
 * The same BenchmarkGosched run on this machine (tests/fixtures/switchcost, a copy of the reference
 * program), when Go is installed: design.md measures the budget against the real runtime "on the
 * same machine", and the reference figure comes from another CPU. Null without `go`.
 */
export function goschedOnThisMachineNs(count = 3): number[] | null {
  const dir = fileURLToPath(new URL('../fixtures/switchcost/', import.meta.url));
  const run = spawnSync(
    'go',
    ['test', '-run', '^$', '-bench', '^BenchmarkGosched$', '-count', String(count)],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' } },
  );
  if (run.error !== undefined || run.status !== 0) return null;
  const values = goschedFigures(run.stdout);
  return values.length === 0 ? null : values;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Blocks this thread for `ms` (Atomics.wait), so V8's background GC threads finish sweeping what
 * the last full GC freed before the clock starts: their CPU time is the process's, and without
 * the pause the setup's garbage is billed to the model (a paired run measured it: median 771 vs
 * 591 ns/event; with --single-threaded-gc the two agree).
 */
export function settle(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * CPU time (user + system, so other processes on the shared 2-core machine count less) per
 * `schedules` event of one full gmp run with 10,000 goroutines. Building the programs is setup:
 * it is not timed, and its garbage is collected (and swept) before the clock starts; everything
 * the simulation does while it runs (G records included) is timed.
 */
function oneRun(gc: () => void): number {
  const values = { ...defaultValues(gmp.params), goroutines: 10_000 };
  const sim = gmp.create(values, { seed: 1, sampleNs: 100_000_000, traceCapacity: 0 });
  gc();
  settle(30);
  const start = process.cpuUsage();
  while (sim.step());
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / (sim.counters()['schedules'] ?? 1);
}

/**
 * Median (and best) of `runs` runs after `warmups` (V8 needs a few runs to optimise the hot
 * path). The best run is the one least disturbed by other processes on the shared machine.
 */
export function modelNsPerEvent(runs = 25, warmups = 10): { median: number; best: number } {
  const gc = gcFunction();
  for (let i = 0; i < warmups; i++) oneRun(gc);
  const ns = Array.from({ length: runs }, () => oneRun(gc));
  return { median: median(ns), best: Math.min(...ns) };
}

/** The widgets' trace ring (`ModelSimulation`'s default `traceCapacity`). */
const WIDGET_TRACE_CAPACITY = 4096;

/** CPU ms of running `make`'s simulation to its horizon; creating it is not timed. */
function cpuMsOfRun(
  make: (traceCapacity: number) => Simulation,
  traceCapacity: number,
  gc: () => void,
): number {
  const sim = make(traceCapacity);
  gc();
  settle(20);
  const start = process.cpuUsage();
  sim.runUntil(Infinity);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * What the widgets' trace ring costs: a run with it against the same run untraced, alternately
 * (traced first in every other pair, so a drift of the machine's speed falls on both), after
 * `warmups` pairs. The median of the pairs' ratios; the medians of each side's times.
 */
export function tracedRatio(
  make: (traceCapacity: number) => Simulation,
  pairs: number,
  warmups = 4,
): { ratio: number; untracedMs: number; tracedMs: number } {
  const gc = gcFunction();
  for (let i = 0; i < warmups; i++) {
    cpuMsOfRun(make, 0, gc);
    cpuMsOfRun(make, WIDGET_TRACE_CAPACITY, gc);
  }
  const untraced: number[] = [];
  const traced: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const tracedFirst = i % 2 === 1;
    const t0 = tracedFirst ? cpuMsOfRun(make, WIDGET_TRACE_CAPACITY, gc) : NaN;
    const u = cpuMsOfRun(make, 0, gc);
    const t = tracedFirst ? t0 : cpuMsOfRun(make, WIDGET_TRACE_CAPACITY, gc);
    untraced.push(u);
    traced.push(t);
    ratios.push(t / u);
  }
  return { ratio: median(ratios), untracedMs: median(untraced), tracedMs: median(traced) };
}

/** gmp with 10,000 goroutines, as `modelNsPerEvent` runs it. */
export function gmp10k(traceCapacity: number): Simulation {
  const values = { ...defaultValues(gmp.params), goroutines: 10_000 };
  return gmp.create(values, { seed: 1, sampleNs: 100_000_000, traceCapacity });
}

/** timeout-handler at 1,000 qps for its default 6 s of load, 20 s in all. */
export function timeoutHandler1000qps(traceCapacity: number): Simulation {
  const values = { ...defaultValues(timeoutHandler.params), qps: 1000, total: 20 * SECOND };
  const sampleNs = timeoutHandler.defaultSampleNs?.(values) ?? 10_000_000;
  return timeoutHandler.create(values, { seed: 1, sampleNs, traceCapacity });
}

/**
 * A full GC, for heap figures that do not depend on when V8 last collected. `npm run bench` runs
 * without --expose-gc, so the flag is switched on at run time and `gc` taken from a new context.
 */
export function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap growth while 100,000 goroutines are alive at once (each works 10s, so none has ended). */
export function heapWith100kGoroutinesMB(): number {
  const gc = gcFunction();
  const values = {
    ...defaultValues(gmp.params),
    goroutines: 100_000,
    work: 1_000_000_000,
    syscalls: 0,
    network: 0,
  };
  gc();
  const before = process.memoryUsage().heapUsed;
  const sim = gmp.create(values, {
    seed: 1,
    sampleNs: 100_000_000,
    traceCapacity: 0,
  }) as ModelSimulation;
  while (!sim.done && sim.state.ngLive < 100_000) sim.step();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (sim.state.ngLive < 100_000) throw new Error(`only ${sim.state.ngLive} goroutines alive`);
  return (after - before) / 1e6;
}

export function runModelBench(log: (line: string) => void = console.log): void {
  const real = realGoschedNs();
  // Go's own figure here, taken before and after the model's runs so both see the same load.
  const before = goschedOnThisMachineNs();
  const { median: ns, best } = modelNsPerEvent();
  const after = goschedOnThisMachineNs();
  const ratio = ns / real;
  const verdict = ratio <= NS_BUDGET_RATIO ? 'ok' : 'OVER';
  log(
    `model: ${ns.toFixed(0)} ns/event (${ratio.toFixed(1)}x real Gosched ${real.toFixed(1)} ns; budget ${NS_BUDGET_RATIO}x: ${verdict}; best run ${best.toFixed(0)} ns = ${(best / real).toFixed(1)}x)`,
  );
  if (before === null || after === null) {
    log('model vs Gosched on this machine: not measured (no `go` on PATH)');
  } else {
    const here = median([...before, ...after]);
    const r = ns / here;
    log(
      `model vs Gosched on this machine: ${here.toFixed(1)} ns (median of ${before.length + after.length}, taken before and after the model's runs), ${r.toFixed(1)}x (budget ${NS_BUDGET_RATIO}x: ${r <= NS_BUDGET_RATIO ? 'ok' : 'OVER'}); best model run ${(best / here).toFixed(1)}x`,
    );
  }
  const line = (name: string, r: ReturnType<typeof tracedRatio>, pairs: number) =>
    `${name} ${r.ratio.toFixed(2)}x (median of ${pairs} alternated pairs; ${r.untracedMs.toFixed(1)} ms untraced, ${r.tracedMs.toFixed(1)} ms traced)`;
  const gmpRatio = tracedRatio(gmp10k, 31);
  const thRatio = tracedRatio(timeoutHandler1000qps, 7);
  log(
    `model traced / untraced (the widgets' ${WIDGET_TRACE_CAPACITY.toLocaleString('en-US')}-event ring, CPU per run): ${line('gmp 10k', gmpRatio, 31)}; ${line('timeout-handler 1,000 qps', thRatio, 7)}`,
  );
  const mb = heapWith100kGoroutinesMB();
  log(
    `model heap with 100,000 live goroutines: ${mb.toFixed(1)} MB (budget ${HEAP_BUDGET_MB} MB: ${mb < HEAP_BUDGET_MB ? 'ok' : 'OVER'})`,
  );
}
