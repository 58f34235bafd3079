/**
 * Scenario `stack-growth`: one goroutine recurses `depth` levels with frames of `frameBytes`, like
 * reference/go/stackgrowth, then optionally calls runtime.GC() a few times. The stack starts at
 * 2 KiB, doubles by copying whenever a prologue finds too little room (facts 18-21), and each GC's
 * stack scan may halve it again once the recursion has returned.
 *
 * It runs on the scheduler engine: the recursion is the engine's `call`/`ret` ops (whose prologue
 * check is src/model/stack.ts); the few ops only this scenario needs register themselves below.
 */
import { registerOp, type Op } from '../model/program.ts';
import { ModelSimulation } from '../model/simulation.ts';
import { newStack, pushFrame, shrinkStack, type GoStack } from '../model/stack.ts';
import { NO, type GRec, type Sched } from '../model/state.ts';
import { Say } from '../model/trace-text.ts';
import { traceArgs, traceEvent } from '../model/trace.ts';
import { lineOf } from './go/source-lines.ts';
import type { GoSource, ParamSchema, ParamValues, Scenario } from './types.ts';

/**
 * Default frame: `main.recurse` of the reference program compiles (Go 1.19, linux/amd64,
 * `go build -gcflags=-S`) to `TEXT main.recurse(SB), ABIInternal, $96-8`: 96 bytes of frame
 * (the [64]byte, a spill of n%64 across the call, the callee's argument spill slot, the saved
 * frame pointer) plus the 8-byte return address = 104 bytes. That size puts every step boundary
 * of results/stackgrowth.tsv in the right place (tests/fidelity/stack-growth.test.ts). Go 1.26
 * and 1.27 compile the same function to `$88-8`, 96 bytes, and a go1.27.3 run of the program
 * measures the steps a 96-byte frame gives (tests/fixtures/stackgrowth-go1.27.3.tsv).
 */
export const REFERENCE_FRAME_BYTES = 104;

/**
 * What the goroutine's stack holds before the first `recurse` frame: the 32 bytes `newproc1`
 * reserves at the top (`4*PtrSize + MinFrameSize`, rounded) plus the closure `main.main.func1`
 * (`$40-0` in the same assembly, 48 bytes with its return address into goexit).
 * @see https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go (newproc1)
 */
export const ENTRY_FRAME_BYTES = 32 + 48;

/** CPU time of one `recurse` body (zero 64 bytes, a bounds check, the call) and of a return. */
const BODY_NS = 4;
const RETURN_NS = 2;
/** One `runtime.GC()` cycle on a heap this small: order of 100 µs (STW phases + mark). */
const GC_NS = 150_000;
/** `runtime.ReadMemStats` in main: a short stop-the-world. */
const READ_MEMSTATS_NS = 1_000;
/** Room after the program's own work for goroutine start, wake-ups and scheduling. */
const HORIZON_SLACK_NS = 5_000;
/** Samples a default run takes: enough for the chart to show every doubling step. */
const DEFAULT_SAMPLES = 200;

const code = `package main

import (
	"fmt"
	"runtime"
	"sync"
)

//go:noinline
func recurse(n int) byte {
	var frame [64]byte
	frame[n%64] = byte(n)
	if n == 0 {
		return frame[0]
	}
	return recurse(n-1) + frame[n%64]
}

func main() {
	const depth, gcs = 300, 0
	var ready, release sync.WaitGroup
	release.Add(1)
	ready.Add(1)
	go func() {
		recurse(depth)
		for i := 0; i < gcs; i++ {
			runtime.GC() // the GC's stack scan may halve this goroutine's stack
		}
		ready.Done()
		release.Wait()
	}()
	ready.Wait()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("stack in use:", ms.StackInuse)
	release.Done()
}
`;

const source: GoSource = { title: 'main.go', code };
const line = (needle: string): number => lineOf(source, needle);

const params = {
  depth: {
    kind: 'int',
    label: 'Recursion depth',
    help: 'recurse(depth) puts depth+1 frames of recurse on the goroutine stack.',
    min: 0,
    max: 20_000,
    default: 300,
    log: true,
  },
  frameBytes: {
    kind: 'int',
    label: 'Frame size',
    help: 'One whole frame of recurse as the compiler lays it out: locals, spills, saved frame pointer, return address. A [64]byte local gives 104 bytes up to Go 1.25, 96 from Go 1.26.',
    min: 16,
    max: 65_536,
    default: REFERENCE_FRAME_BYTES,
    step: 8,
    log: true,
    unit: 'bytes',
  },
  start: {
    kind: 'enum',
    label: 'Starting stack',
    help: 'A brand-new goroutine gets malg(stackMin) = 2 KiB; one recycled from the free list gets startingStackSize, which the GC sets from the average stack it scanned (Go 1.19+).',
    options: ['2048', '4096', '8192', '16384'],
    optionLabels: [
      '2 KiB (new G)',
      '4 KiB (recycled G)',
      '8 KiB (recycled G)',
      '16 KiB (recycled G)',
    ],
    default: '2048',
  },
  gcs: {
    kind: 'int',
    label: 'GC cycles after',
    help: 'runtime.GC() calls once the recursion has returned; each stack scan halves the stack at most once.',
    min: 0,
    max: 12,
    default: 0,
  },
} as const satisfies ParamSchema;

export type StackGrowthParams = typeof params;
export type StackGrowthValues = ParamValues<StackGrowthParams>;

/** One row of the depth → size table. */
export interface StackStep {
  readonly kind: 'start' | 'grow' | 'shrink';
  /** `n` of the deepest recurse frame so far counted from the top: frames on the stack - 1. */
  readonly depth: number;
  readonly bytes: number;
  /** Totals after this step. */
  readonly copies: number;
  readonly copiedBytes: number;
}

const STEP_KINDS = ['start', 'grow', 'shrink'] as const;

/** The scenario's history lives in `Sched.extra` as parallel number arrays (plain data). */
const H = {
  kind: 'stack.kind',
  depth: 'stack.depth',
  bytes: 'stack.bytes',
  copies: 'stack.copies',
  copied: 'stack.copied',
} as const;

function record(s: Sched, kind: StackStep['kind'], depth: number, st: GoStack): void {
  (s.extra[H.kind] ??= []).push(STEP_KINDS.indexOf(kind));
  (s.extra[H.depth] ??= []).push(depth);
  (s.extra[H.bytes] ??= []).push(st.size);
  (s.extra[H.copies] ??= []).push(st.copies);
  (s.extra[H.copied] ??= []).push(st.copiedBytes);
}

/** The steps recorded so far, oldest first. */
export function stepsOf(s: Sched): StackStep[] {
  const kinds = s.extra[H.kind] ?? [];
  return kinds.map((k, i) => ({
    kind: STEP_KINDS[k] ?? 'start',
    depth: s.extra[H.depth]?.[i] ?? 0,
    bytes: s.extra[H.bytes]?.[i] ?? 0,
    copies: s.extra[H.copies]?.[i] ?? 0,
    copiedBytes: s.extra[H.copied]?.[i] ?? 0,
  }));
}

function lastOf(s: Sched, key: string): number {
  const arr = s.extra[key];
  return arr === undefined || arr.length === 0 ? 0 : (arr[arr.length - 1] ?? 0);
}

/** Frames of `recurse` on the stack - 1 (the `n` of the first call minus the current one). */
function depthOf(g: GRec): number {
  return g.calls.length - 1;
}

/** newproc1/gfget: the goroutine's stack, with the entry frame already on it. */
interface StackAllocOp extends Op {
  readonly kind: 'stack-growth.alloc';
  readonly bytes: number;
}
registerOp<StackAllocOp>({
  kind: 'stack-growth.alloc',
  run: (w, g, op) => {
    g.stack = newStack(op.bytes);
    pushFrame(g.stack, ENTRY_FRAME_BYTES);
    record(w.s, 'start', -1, g.stack);
    return 0;
  },
});

/** The body of `recurse` after its prologue: notes a growth the prologue just did. */
interface BodyOp extends Op {
  readonly kind: 'stack-growth.body';
  readonly ns: number;
}
registerOp<BodyOp>({
  kind: 'stack-growth.body',
  run: (w, g, op) => {
    const st = g.stack;
    if (st !== null && st.size !== lastOf(w.s, H.bytes)) record(w.s, 'grow', depthOf(g), st);
    return op.ns;
  },
});

/** runtime.GC(): the stack scan of this (parked) goroutine may halve its stack once. */
interface GcOp extends Op {
  readonly kind: 'stack-growth.gc';
  readonly ns: number;
}
registerOp<GcOp>({
  kind: 'stack-growth.gc',
  run: (w, g, op) => {
    const st = g.stack;
    const shrink = st === null ? null : shrinkStack(st);
    if (st !== null && shrink !== null) {
      record(w.s, 'shrink', depthOf(g), st);
      if (w.s.trace !== null) {
        const e = traceEvent(w.s, Say.StackShrink, g.idx, NO, NO);
        traceArgs(w.s, e, shrink.fromBytes, shrink.toBytes, st.used);
      }
    }
    return op.ns;
  },
});

/** Index of the recursing closure in `programs` (main.main is 0). */
const WORKER_PROG = 1;

/** The programs: main.main (index 0) and the recursing closure (WORKER_PROG). */
function programs(values: StackGrowthValues) {
  const READY = 0;
  const RELEASE = 1;
  const callFirst = {
    kind: 'call',
    func: 'main.recurse',
    frameBytes: values.frameBytes,
    line: line('\t\trecurse(depth)'),
  };
  const callNext = {
    kind: 'call',
    func: 'main.recurse',
    frameBytes: values.frameBytes,
    line: line('return recurse(n-1)'),
  };
  const body = { kind: 'stack-growth.body', ns: BODY_NS, line: line('frame[n%64] = byte(n)') };
  const ret = { kind: 'ret', line: line('return frame[0]') };
  const afterRet = { kind: 'compute', ns: RETURN_NS, line: line('return recurse(n-1)') };
  const frames = values.depth + 1;
  const worker: Op[] = [
    {
      kind: 'stack-growth.alloc',
      bytes: Number(values.start),
      line: line('go func() {'),
    } as StackAllocOp,
  ];
  for (let i = 0; i < frames; i++) worker.push(i === 0 ? callFirst : callNext, body);
  for (let i = 0; i < frames; i++) worker.push(ret, afterRet);
  for (let i = 0; i < values.gcs; i++)
    worker.push({ kind: 'stack-growth.gc', ns: GC_NS, line: line('runtime.GC()') } as GcOp);
  worker.push(
    { kind: 'wg.Add', wg: READY, delta: -1, line: line('ready.Done()') } as Op,
    { kind: 'wg.Wait', wg: RELEASE, line: line('release.Wait()') } as Op,
  );
  const main: Op[] = [
    { kind: 'wg.Add', wg: RELEASE, delta: 1, line: line('release.Add(1)') } as Op,
    { kind: 'wg.Add', wg: READY, delta: 1, line: line('ready.Add(1)') } as Op,
    { kind: 'go', prog: WORKER_PROG, line: line('go func() {') } as Op,
    { kind: 'wg.Wait', wg: READY, line: line('ready.Wait()') } as Op,
    { kind: 'compute', ns: READ_MEMSTATS_NS, line: line('runtime.ReadMemStats(&ms)') } as Op,
    { kind: 'wg.Add', wg: RELEASE, delta: -1, line: line('release.Done()') } as Op,
  ];
  return [
    { func: 'main.main', file: '/app/main.go', line: line('func main()'), role: 'main', ops: main },
    {
      func: 'main.main.func1',
      file: '/app/main.go',
      line: line('go func() {'),
      role: 'recurse',
      ops: worker,
    },
  ];
}

function workerOf(s: Sched): GRec | undefined {
  return s.allgs.find((g) => g.prog === WORKER_PROG && g.status !== '_Gdead');
}

function figures(s: Sched): Record<string, number> {
  const g = workerOf(s);
  const bytes = s.extra[H.bytes] ?? [];
  return {
    stackBytes: g?.stack?.size ?? lastOf(s, H.bytes),
    stackUsed: g?.stack?.used ?? 0,
    depth: g === undefined ? 0 : Math.max(0, depthOf(g)),
    copies: g?.stack?.copies ?? lastOf(s, H.copies),
    copiedBytes: g?.stack?.copiedBytes ?? lastOf(s, H.copied),
    peakStackBytes: bytes.length === 0 ? 0 : Math.max(...bytes),
    growths: (s.extra[H.kind] ?? []).filter((k) => k === 1).length,
    shrinks: (s.extra[H.kind] ?? []).filter((k) => k === 2).length,
  };
}

function horizonNs(values: StackGrowthValues): number {
  const frames = values.depth + 1;
  return frames * (BODY_NS + RETURN_NS) + values.gcs * GC_NS + READ_MEMSTATS_NS + HORIZON_SLACK_NS;
}

const seriesNames = ['stackBytes', 'stackUsed', 'depth', 'copies', 'copiedBytes'] as const;

export const stackGrowth: Scenario<StackGrowthParams> = {
  id: 'stack-growth',
  title: 'A goroutine stack grows by copying',
  summary:
    'One goroutine recurses with a fixed frame size. Its stack starts at 2 KiB; whenever a function prologue finds SP within 928 bytes of the bottom, morestack allocates a block twice as large and copies the whole stack into it. After the recursion returns, each GC can halve it again.',
  params,
  sources: [source],
  seriesNames,
  counterNames: ['stackBytes', 'peakStackBytes', 'copies', 'copiedBytes', 'growths', 'shrinks'],
  horizonNs,
  defaultSampleNs: (values) => Math.max(1, Math.ceil(horizonNs(values) / DEFAULT_SAMPLES)),
  create(values, options) {
    return new ModelSimulation(
      {
        programs: programs(values),
        gomaxprocs: 1,
        asyncPreempt: true,
        horizonNs: horizonNs(values),
        goMinor: 25,
        waitGroups: 2,
        seriesNames,
        sampleExtra: figures,
        countersExtra: (s) => {
          const f = figures(s);
          return {
            stackBytes: f['stackBytes'] ?? 0,
            peakStackBytes: f['peakStackBytes'] ?? 0,
            copies: f['copies'] ?? 0,
            copiedBytes: f['copiedBytes'] ?? 0,
            growths: f['growths'] ?? 0,
            shrinks: f['shrinks'] ?? 0,
          };
        },
        viewExtra: (s) => {
          const g = workerOf(s);
          return {
            goid: g?.goid ?? null,
            stackFrames: g?.stack?.frames.slice() ?? [],
            stack:
              g?.stack === null || g === undefined
                ? null
                : { ...g.stack, frames: g.stack.frames.slice() },
            history: stepsOf(s),
          };
        },
      },
      options,
    );
  },
};
