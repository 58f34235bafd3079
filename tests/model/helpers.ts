/** Small programs and simulations for the model tests. */
import type { Op, Program } from '../../src/model/program.ts';
import { ModelSimulation, type ModelSpec } from '../../src/model/simulation.ts';

export const ms = 1_000_000;
export const us = 1_000;

export function prog(func: string, ops: Op[], role = 'worker'): Program {
  return { func, file: '/app/main.go', line: 1, role, ops };
}

export const compute = (ns: number, line = 10): Op => ({ kind: 'compute', ns, line }) as Op;
export const spin = (ns: number, line = 11): Op => ({ kind: 'spin', ns, line }) as Op;
export const go = (p: number, line = 12): Op => ({ kind: 'go', prog: p, line }) as Op;
export const gosched = (line = 13): Op => ({ kind: 'gosched', line });
export const goyield = (line = 14): Op => ({ kind: 'goyield', line });
export const syscall = (ns: number, line = 15): Op => ({ kind: 'syscall', ns, line }) as Op;
export const syscallBlock = (ns: number, line = 20): Op =>
  ({ kind: 'syscallBlock', ns, line }) as Op;
export const netread = (ns: number, line = 16): Op => ({ kind: 'netread', ns, line }) as Op;
export const sleep = (ns: number, line = 17): Op => ({ kind: 'sleep', ns, line }) as Op;
export const wgAdd = (delta: number, line = 18): Op =>
  ({ kind: 'wg.Add', wg: 0, delta, line }) as Op;
export const wgWait = (line = 19): Op => ({ kind: 'wg.Wait', wg: 0, line }) as Op;

export interface SimSetup extends Partial<Omit<ModelSpec, 'programs'>> {
  seed?: number;
  traceCapacity?: number;
}

/** A simulation of `programs` (programs[0] is main.main) with test-friendly defaults. */
export function simOf(programs: Program[], setup: SimSetup = {}): ModelSimulation {
  const { seed = 1, traceCapacity = 0, ...spec } = setup;
  return new ModelSimulation(
    {
      gomaxprocs: 1,
      asyncPreempt: true,
      horizonNs: 10_000 * ms,
      goMinor: 25,
      waitGroups: 1,
      seriesNames: ['goroutines', 'running', 'globalRunq'],
      ...spec,
      programs,
    },
    { seed, sampleNs: 1 * ms, traceCapacity },
  );
}

/** main spawns each worker program once and waits for all of them. */
export function spawnAll(workers: Program[], extraMainOps: Op[] = []): Program[] {
  const main = prog(
    'main.main',
    [wgAdd(workers.length), ...workers.map((_, i) => go(i + 1)), ...extraMainOps, wgWait()],
    'main',
  );
  const done = wgAdd(-1);
  return [main, ...workers.map((w) => ({ ...w, ops: [...w.ops, done] }))];
}

export function runToEnd(sim: ModelSimulation): void {
  while (sim.step());
}
