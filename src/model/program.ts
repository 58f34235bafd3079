/**
 * Goroutine programs are data: an array of ops per function, a program counter per G. That keeps
 * the state cloneable (no generators or closures) and lets a widget highlight each G's line.
 *
 * Ops dispatch through an open table, `op kind → OpDef`, so new ops (channels, timers, Mutex...)
 * live in their own files and register themselves; see README.md.
 */
import type { GRec, PRec, Sched } from './state.ts';

/** One Go-like operation. Every op names the line of the scenario's Go source it stands for. */
export interface Op {
  readonly kind: string;
  readonly line: number;
}

/**
 * Where a `go` statement really is, when a scenario folds the function that holds it into another
 * program (the model runs `http.Server.Serve`'s accept loop as main's ops, and TimeoutHandler's
 * ServeHTTP as the connection goroutine's): the `created by` lines of a dump name this site.
 */
export interface GoSite {
  readonly func: string;
  readonly file: string;
  readonly line: number;
}

/** A goroutine's function: what `go f()` starts. */
export interface Program {
  /** Function name as a traceback prints it, e.g. `main.worker` or `main.main.func1`. */
  readonly func: string;
  /** Source file as a traceback prints it, e.g. `/app/main.go`. */
  readonly file: string;
  /** Line of the function's declaration, for frames of a G that has not started yet. */
  readonly line: number;
  /** A short role for colouring: `main`, `worker`, `spinner`, ... */
  readonly role: string;
  readonly ops: readonly Op[];
}

/** Immutable code plus mutable state; restore() swaps `s` and keeps the code. */
export interface World {
  s: Sched;
  readonly code: readonly Program[];
  /** `defs[prog][pc]`: each op's handler, looked up once when the simulation is built. */
  readonly defs: readonly (readonly OpDef[])[];
  /** randomOrder's coprimes of GOMAXPROCS (fact 7), computed once. */
  readonly coprimes: readonly number[];
}

/**
 * What an op's `run` returns:
 * - a duration ≥ 0: the G keeps its P and the op ends that many ns later (0 = at once, next op);
 * - OP_BLOCKED: the G left the P (parked, queued, exited); the M calls schedule();
 * - OP_DETACHED: the G took its M with it (a syscall); nothing more happens on this P now.
 * For OP_BLOCKED and OP_DETACHED the op counts as done: the G resumes at the next op.
 */
export const OP_BLOCKED = -1;
export const OP_DETACHED = -2;

export interface OpDef<T extends Op = Op> {
  readonly kind: T['kind'];
  /**
   * A loop with no function calls: the preempt flag (stackguard0 = stackPreempt) is never checked
   * inside it, so only async preemption stops it (facts 12, B7).
   */
  readonly callFree?: boolean;
  /**
   * `run` only returns a duration and touches nothing else, so execute() may start the op at
   * once behind the switch cost (one event instead of two; same times).
   */
  readonly durationOnly?: boolean;
  run(w: World, g: GRec, op: T, p: PRec): number;
}

const table = new Map<string, OpDef>();

/** Registers an op handler; a second registration of the same kind is a programming error. */
export function registerOp<T extends Op>(def: OpDef<T>): void {
  if (table.has(def.kind)) throw new Error(`op ${def.kind} registered twice`);
  // The table hands each handler only ops of its own kind, so widening T to Op is safe here.
  table.set(def.kind, def);
}

/**
 * Resolves every op's handler up front, so the hot path indexes an array instead of a Map. Built
 * by push, not `map`: once V8 optimizes a `map` call it returns arrays of another elements kind,
 * and the first simulation built with them deoptimized runP and execute in the middle of a run.
 */
export function resolveDefs(code: readonly Program[]): OpDef[][] {
  const defs: OpDef[][] = [];
  for (const prog of code) {
    const row: OpDef[] = [];
    for (const op of prog.ops) row.push(opDef(op.kind));
    defs.push(row);
  }
  return defs;
}

export function opDef(kind: string): OpDef {
  const def = table.get(kind);
  if (def === undefined) throw new Error(`unknown op ${kind}; import its module to register it`);
  return def;
}
