/**
 * `preemption`: reference/go/preempt. With GOMAXPROCS=1 a goroutine spins in a loop with no calls
 * while main sleeps 1ms. With async preemption (Go 1.14+) sysmon's retake sees the P's schedtick
 * unchanged for 10ms and signals the M, so main is back after one time slice (5-20ms); with
 * GODEBUG=asyncpreemptoff=1 (or before Go 1.14) main waits for the whole loop.
 *
 * The spinner inherits main's time slice: main reaches `go` + `time.Sleep` through runnext
 * (execute(gp, inheritTime=true) does not bump schedtick), so how much of the 10-20ms slice is
 * left depends on where sysmon's 10ms tick fell. That phase is drawn from the seeded PRNG: one
 * seed = one process run, like the reference's repeated runs.
 */
import { registerOp, type Op, type Program } from '../model/program.ts';
import type { GoOp, SleepOp, SpinOp } from '../model/ops/basic.ts';
import type { WgAddOp, WgWaitOp } from '../model/ops/waitgroup.ts';
import { ModelSimulation } from '../model/simulation.ts';
import type { Sched } from '../model/state.ts';
import { lineOf } from './go/source-lines.ts';
import type { GoSource, ParamValues, Scenario } from './types.ts';

const source: GoSource = {
  title: 'main.go',
  code: `// With GOMAXPROCS=1 a tight loop with no calls holds the only P. Async
// preemption (Go 1.14+) lets a sleeping goroutine back in after about one
// 10ms time slice; with GODEBUG=asyncpreemptoff=1 it waits for the loop.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

var sink int

//go:noinline
func spin(n int) int {
	x := 0
	for i := 0; i < n; i++ { // no calls: no cooperative preemption point
		x += i ^ (x >> 3)
	}
	return x
}

func main() {
	runtime.GOMAXPROCS(1)
	n := calibrate() // spin(n) alone takes about 410ms
	sink = spin(n)
	for trial := 0; trial < 5; trial++ {
		var wg sync.WaitGroup
		wg.Add(1)
		t0 := time.Now()
		go func() { sink = spin(n); wg.Done() }()
		time.Sleep(time.Millisecond) // parks main; the spinner takes the only P
		fmt.Printf("%d\\t%.1f\\n", trial, float64(time.Since(t0).Microseconds())/1000)
		wg.Wait()
	}
}
`,
};

const L = (needle: string): number => lineOf(source, needle);

/** Where the program's file sits in goroutine dumps (the reference dump shows absolute paths). */
const SOURCE_PATH = '/app/main.go';

const params = {
  async: {
    kind: 'bool',
    label: 'async preemption',
    help: 'Go 1.14+ preempts with a signal (SIGURG); off = GODEBUG=asyncpreemptoff=1 or Go 1.13.',
    default: true,
  },
  spin: {
    kind: 'duration',
    label: 'spin',
    help: 'How long the call-free loop runs.',
    minNs: 1_000_000,
    maxNs: 5_000_000_000,
    defaultNs: 410_000_000,
    log: true,
  },
  sleep: {
    kind: 'duration',
    label: 'sleep',
    help: 'How long main sleeps while the loop spins.',
    minNs: 1_000,
    maxNs: 1_000_000_000,
    defaultNs: 1_000_000,
    log: true,
  },
  gomaxprocs: {
    kind: 'int',
    label: 'GOMAXPROCS',
    help: 'Number of Ps.',
    min: 1,
    max: 8,
    default: 1,
  },
  trials: {
    kind: 'int',
    label: 'trials',
    help: 'Rounds of spawn-spin-sleep, as in the reference.',
    min: 1,
    max: 20,
    default: 5,
  },
} as const;

type PreemptValues = ParamValues<typeof params>;

/** `t0 := time.Now()`: the G notes the time. */
interface LatencyStartOp extends Op {
  readonly kind: 'preempt.t0';
}
/** `time.Since(t0)` once main runs again: one wake latency. */
interface LatencyEndOp extends Op {
  readonly kind: 'preempt.since';
}

const LATENCIES = 'wakeLatencyNs';

registerOp<LatencyStartOp>({
  kind: 'preempt.t0',
  run: (w, g) => {
    g.mark = w.s.now;
    return 0;
  },
});
registerOp<LatencyEndOp>({
  kind: 'preempt.since',
  run: (w, g) => {
    (w.s.extra[LATENCIES] ??= []).push(w.s.now - g.mark);
    return 0;
  },
});

/** The spin length varies a little between runs (the reference: 411-416 ms for the same n). */
const SPIN_JITTER = 0.005;

export function preemptionPrograms(v: PreemptValues): Program[] {
  const spinLine = L('x += i ^ (x >> 3)');
  const add: WgAddOp = { kind: 'wg.Add', wg: 0, delta: 1, line: L('wg.Add(1)') };
  const t0: LatencyStartOp = { kind: 'preempt.t0', line: L('t0 := time.Now()') };
  const spawn: GoOp = { kind: 'go', prog: 1, line: L('go func()') };
  const sleep: SleepOp = { kind: 'sleep', ns: v.sleep, line: L('time.Sleep(time.Millisecond)') };
  const since: LatencyEndOp = { kind: 'preempt.since', line: L('fmt.Printf') };
  const wait: WgWaitOp = { kind: 'wg.Wait', wg: 0, line: L('wg.Wait()') };
  const trial: Op[] = [add, t0, spawn, sleep, since, wait];
  const loop: SpinOp = { kind: 'spin', ns: v.spin, jitter: SPIN_JITTER, line: spinLine };
  const done: WgAddOp = { kind: 'wg.Add', wg: 0, delta: -1, line: L('go func()') };
  const main: Program = {
    func: 'main.main',
    file: SOURCE_PATH,
    line: L('func main()'),
    role: 'main',
    ops: [loop, ...Array.from({ length: v.trials }, () => trial).flat()],
  };
  const spinner: Program = {
    func: 'main.main.func1',
    file: SOURCE_PATH,
    line: L('go func()'),
    role: 'spinner',
    ops: [loop, done],
  };
  return [main, spinner];
}

function latencies(s: Sched): readonly number[] {
  return s.extra[LATENCIES] ?? [];
}

function horizonNs(v: PreemptValues): number {
  return Math.ceil((v.trials + 1) * (v.spin * 1.1 + v.sleep + 30_000_000));
}

const ms = (ns: number): number => Math.round(ns / 100_000) / 10;

export const preemption: Scenario<typeof params> = {
  id: 'preemption',
  title: 'A loop with no calls',
  summary:
    'One P, a goroutine spinning in a loop with no function calls, and main asleep for 1ms. With asynchronous preemption sysmon stops the loop 10-20ms into its time slice and main is back within one slice; without it, main waits for the whole loop.',
  params,
  sources: [source],
  seriesNames: ['wakeLatencyMs', 'running', 'globalRunq', 'preemptions'],
  counterNames: [
    'schedules',
    'steals',
    'handoffs',
    'preemptions',
    'trials',
    'wakeLatencyMs',
    'wakeLatencyMsMin',
    'wakeLatencyMsMax',
  ],
  horizonNs,
  create(values, options) {
    return new ModelSimulation(
      {
        programs: preemptionPrograms(values),
        gomaxprocs: values.gomaxprocs,
        asyncPreempt: values.async,
        horizonNs: horizonNs(values),
        goMinor: values.async ? 25 : 13,
        waitGroups: 1,
        sysmonSteady: true,
        seriesNames: this.seriesNames,
        sampleExtra: (s) => ({ wakeLatencyMs: ms(latencies(s).at(-1) ?? 0) }),
        countersExtra: (s) => {
          const l = latencies(s);
          if (l.length === 0) return { trials: 0 };
          return {
            trials: l.length,
            wakeLatencyMs: ms(l.reduce((a, b) => a + b, 0) / l.length),
            wakeLatencyMsMin: ms(Math.min(...l)),
            wakeLatencyMsMax: ms(Math.max(...l)),
          };
        },
        viewExtra: (s) => ({ wakeLatenciesMs: latencies(s).map(ms) }),
      },
      options,
    );
  },
};
