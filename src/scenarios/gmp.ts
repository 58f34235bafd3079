/**
 * `gmp`: N goroutines with a mix of CPU work, blocking syscalls and network waits, spread over
 * GOMAXPROCS Ps by one spawner or one spawner per P. Shows runnext, local and global queues,
 * stealing, syscall hand-off, the netpoller and (before Go 1.14) a CPU loop that cannot be
 * preempted.
 */
import type { Op, Program } from '../model/program.ts';
import type { GoOp, NetReadOp, SpinOp, SyscallOp } from '../model/ops/basic.ts';
import type { WgAddOp, WgWaitOp } from '../model/ops/waitgroup.ts';
import { ModelSimulation } from '../model/simulation.ts';
import { lineOf } from './go/source-lines.ts';
import type { GoSource, ParamValues, Scenario } from './types.ts';

const source: GoSource = {
  title: 'main.go',
  code: `package main

import (
	"net"
	"os"
	"sync"
)

var sink int

// crunch is a loop with no calls: before Go 1.14 nothing can preempt it.
func crunch(n int) int {
	x := 0
	for i := 0; i < n; i++ {
		x += i ^ (x >> 3)
	}
	return x
}

func cpuWorker(wg *sync.WaitGroup, n int) {
	defer wg.Done()
	sink += crunch(n)
}

func syscallWorker(wg *sync.WaitGroup, f *os.File, buf []byte, n int) {
	defer wg.Done()
	sink += crunch(n / 2)
	f.Read(buf) // read(2) blocks: the M goes with the G
	sink += crunch(n / 2)
}

func netWorker(wg *sync.WaitGroup, c net.Conn, buf []byte, n int) {
	defer wg.Done()
	sink += crunch(n / 2)
	c.Read(buf) // parks in the netpoller: no M held
	sink += crunch(n / 2)
}

func spawn(wg *sync.WaitGroup, i int) {
	switch kindOf(i) {
	case cpu:
		go cpuWorker(wg, work)
	case syscall:
		go syscallWorker(wg, file, make([]byte, 512), work)
	case network:
		go netWorker(wg, conn, make([]byte, 512), work)
	}
}

func main() {
	var wg sync.WaitGroup
	wg.Add(goroutines)
	if spawners == 1 {
		for i := 0; i < goroutines; i++ {
			spawn(&wg, i)
		}
	} else {
		for s := 0; s < spawners; s++ {
			go func(s int) {
				for i := s; i < goroutines; i += spawners {
					spawn(&wg, i)
				}
			}(s)
		}
	}
	wg.Wait()
}
`,
};

const L = (needle: string): number => lineOf(source, needle);

/** Where the program's file sits in goroutine dumps (the reference dump shows absolute paths). */
const SOURCE_PATH = '/app/main.go';

/** The first line containing `needle` after line `from` (for lines repeated in each worker). */
function after(from: number, needle: string): number {
  const i = source.code.split('\n').findIndex((l, k) => k >= from && l.includes(needle));
  if (i < 0) throw new Error(`main.go: no ${JSON.stringify(needle)} after line ${from}`);
  return i + 1;
}

const params = {
  gomaxprocs: {
    kind: 'int',
    label: 'GOMAXPROCS',
    help: 'Number of Ps.',
    min: 1,
    max: 256,
    default: 4,
    log: true,
  },
  goroutines: {
    kind: 'int',
    label: 'goroutines',
    help: 'Worker goroutines to start.',
    min: 1,
    max: 100_000,
    default: 1000,
    log: true,
  },
  work: {
    kind: 'duration',
    label: 'CPU work',
    help: 'CPU time of each worker (a loop with no calls).',
    minNs: 1_000,
    maxNs: 1_000_000_000,
    defaultNs: 2_000_000,
    log: true,
  },
  syscalls: {
    kind: 'int',
    label: 'syscall share',
    help: 'Percent of workers that block in a read(2).',
    min: 0,
    max: 100,
    default: 20,
    unit: '%',
  },
  syscallTime: {
    kind: 'duration',
    label: 'syscall time',
    help: 'How long each read(2) blocks.',
    minNs: 1_000,
    maxNs: 1_000_000_000,
    defaultNs: 1_000_000,
    log: true,
  },
  network: {
    kind: 'int',
    label: 'network share',
    help: 'Percent of workers that wait on a socket.',
    min: 0,
    max: 100,
    default: 20,
    unit: '%',
  },
  networkTime: {
    kind: 'duration',
    label: 'network wait',
    help: 'How long each socket read waits for data.',
    minNs: 1_000,
    maxNs: 10_000_000_000,
    defaultNs: 5_000_000,
    log: true,
  },
  spawner: {
    kind: 'enum',
    label: 'spawner',
    help: 'One loop in main, or one spawning goroutine per P.',
    options: ['one', 'many'],
    optionLabels: ['main spawns all', 'one spawner per P'],
    default: 'one',
  },
  go: {
    kind: 'enum',
    label: 'Go version',
    help: 'Before 1.14 a loop with no calls cannot be preempted; from 1.14 sysmon preempts it with a signal.',
    options: ['1.13', '1.14', '1.25'],
    optionLabels: ['Go 1.13 (cooperative)', 'Go 1.14 (async preemption)', 'Go 1.25'],
    default: '1.25',
  },
} as const;

type GmpValues = ParamValues<typeof params>;

type Kind = 'cpu' | 'syscall' | 'network';

/**
 * Which kind worker i is. `i * 37 mod 100` visits 0..99 once per 100 workers (37 is coprime to
 * 100), so every block of 100 has exactly the asked shares, interleaved; the same for every seed.
 */
export function kindOf(i: number, syscalls: number, network: number): Kind {
  const u = (i * 37) % 100;
  if (u < syscalls) return 'syscall';
  if (u < syscalls + network) return 'network';
  return 'cpu';
}

const WG = 0;

function workers(v: GmpValues): Program[] {
  const half = Math.max(1, Math.floor(v.work / 2));
  const file = SOURCE_PATH;
  // The worker's CPU loop is shown on its `sink += crunch(...)` line; it returns through wg.Done.
  const worker = (func: string, role: string, blocking: Op | null): Program => {
    const decl = L(`func ${func.slice('main.'.length)}(`);
    const done: WgAddOp = {
      kind: 'wg.Add',
      wg: WG,
      delta: -1,
      line: after(decl, 'defer wg.Done()'),
    };
    if (blocking === null) {
      const crunch: SpinOp = { kind: 'spin', ns: v.work, line: after(decl, 'sink += crunch(n)') };
      return { func, file, line: decl, role, ops: [crunch, done] };
    }
    const first: SpinOp = { kind: 'spin', ns: half, line: after(decl, 'sink += crunch(n / 2)') };
    const second: SpinOp = {
      kind: 'spin',
      ns: half,
      line: after(blocking.line, 'sink += crunch(n / 2)'),
    };
    return { func, file, line: decl, role, ops: [first, blocking, second, done] };
  };
  const read: SyscallOp = { kind: 'syscall', ns: v.syscallTime, line: L('f.Read(buf)') };
  const recv: NetReadOp = { kind: 'netread', ns: v.networkTime, line: L('c.Read(buf)') };
  return [
    worker('main.cpuWorker', 'cpu', null),
    worker('main.syscallWorker', 'syscall', read),
    worker('main.netWorker', 'network', recv),
  ];
}

/** Program table: 0 main, 1-3 the workers, 4.. the spawners (many). */
export function gmpPrograms(v: GmpValues): Program[] {
  const kinds: Record<Kind, number> = { cpu: 1, syscall: 2, network: 3 };
  const goLine: Record<Kind, number> = {
    cpu: L('go cpuWorker'),
    syscall: L('go syscallWorker'),
    network: L('go netWorker'),
  };
  const spawnOps = (indices: number[]): Op[] =>
    indices.map((i): GoOp => {
      const k = kindOf(i, v.syscalls, v.network);
      return { kind: 'go', prog: kinds[k], line: goLine[k] };
    });
  const add: WgAddOp = {
    kind: 'wg.Add',
    wg: WG,
    delta: v.goroutines,
    line: L('wg.Add(goroutines)'),
  };
  const wait: WgWaitOp = { kind: 'wg.Wait', wg: WG, line: L('wg.Wait()') };
  const programs: Program[] = [];
  const mainFn = { func: 'main.main', file: SOURCE_PATH, line: L('func main()'), role: 'main' };
  if (v.spawner === 'one') {
    const all = Array.from({ length: v.goroutines }, (_, i) => i);
    programs.push({ ...mainFn, ops: [add, ...spawnOps(all), wait] });
    programs.push(...workers(v));
    return programs;
  }
  const spawners = Math.min(v.gomaxprocs, v.goroutines);
  const goSpawner = (k: number): GoOp => ({ kind: 'go', prog: 4 + k, line: L('go func(s int)') });
  programs.push({
    ...mainFn,
    ops: [add, ...Array.from({ length: spawners }, (_, k) => goSpawner(k)), wait],
  });
  programs.push(...workers(v));
  for (let k = 0; k < spawners; k++) {
    const mine: number[] = [];
    for (let i = k; i < v.goroutines; i += spawners) mine.push(i);
    programs.push({
      func: 'main.main.func1',
      file: SOURCE_PATH,
      line: L('go func(s int)'),
      role: 'spawner',
      ops: spawnOps(mine),
    });
  }
  return programs;
}

/** Rough virtual run time: total CPU over the Ps, plus the longest wait, with slack. */
function horizonNs(v: GmpValues): number {
  const cpu = (v.goroutines * v.work) / v.gomaxprocs;
  return Math.ceil(2 * cpu + 4 * Math.max(v.syscallTime, v.networkTime) + 50_000_000);
}

export const gmp: Scenario<typeof params> = {
  id: 'gmp',
  title: 'G, M and P at work',
  summary:
    'Goroutines start in the runnext slot of the P that ran the go statement, spill into its local queue and the global queue, and idle Ps steal half of a busy P’s queue. A blocking read(2) takes its M along; sysmon hands the P to another M. A socket read parks the goroutine in the netpoller and holds no thread at all.',
  params,
  sources: [source],
  seriesNames: [
    'goroutines',
    'running',
    'runqTotal',
    'runqMax',
    'globalRunq',
    'idleP',
    'ms',
    'spinning',
    'syscall',
    'ioWait',
    'steals',
    'handoffs',
    'preemptions',
  ],
  counterNames: ['schedules', 'steals', 'handoffs', 'preemptions', 'ms'],
  horizonNs,
  create(values, options) {
    return new ModelSimulation(
      {
        programs: gmpPrograms(values),
        gomaxprocs: values.gomaxprocs,
        asyncPreempt: values.go !== '1.13',
        horizonNs: horizonNs(values),
        goMinor: Number(values.go.split('.')[1]),
        waitGroups: 1,
        seriesNames: this.seriesNames,
      },
      options,
    );
  },
};
