/**
 * Runtime constants the model reproduces (go-facts.md section A) and the modelled costs of the
 * runtime's own work. Sources: https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go and
 * runtime2.go unless noted.
 */

/** Fact 1: `runq [256]guintptr` in `type p`. */
export const LOCAL_RUNQ_SIZE = 256;
/** Fact 4: `if pp.schedtick%61 == 0 && !sched.runq.empty()` in findRunnable. */
export const GLOBAL_FAIRNESS_TICKS = 61;
/** Fact 7: `const stealTries = 4` in stealWork. */
export const STEAL_TRIES = 4;
/** Fact 9: `forcePreemptNS = 10 * 1000 * 1000` (10ms) in proc.go. */
export const FORCE_PREEMPT_NS = 10_000_000;
/** Fact 10: sysmon's shortest sleep, `delay = 20` µs. */
export const SYSMON_MIN_DELAY_NS = 20_000;
/** Fact 10: `if delay > 10*1000 { delay = 10 * 1000 }` µs. */
export const SYSMON_MAX_DELAY_NS = 10_000_000;
/** Fact 10: `else if idle > 50 { delay *= 2 }`. */
export const SYSMON_IDLE_ROUNDS = 50;
/** Fact 11: sysmon polls the network if `lastpoll+10*1000*1000 < now`. */
export const SYSMON_NETPOLL_NS = 10_000_000;
/** Fact 14: a P in a syscall is retaken anyway once the syscall has lasted 10ms. */
export const SYSCALL_RETAKE_NS = 10_000_000;
/** Fact 16: `sched.maxmcount = 10000` in schedinit. */
export const MAX_M_COUNT = 10_000;
/** Fact 22: gfput spills to the global free list at 64 and keeps fewer than 32. */
export const GFREE_MAX = 64;
export const GFREE_KEEP = 32;
/** Fact 22: `_GoidCacheBatch = 16`. */
export const GOID_CACHE_BATCH = 16;
/** Fact 18: `stackMin = 2048`. */
export const STACK_MIN = 2048;
/** Fact 11: `forcegcperiod = 2 * 60 * 1e9`; used for the GC-granular wait minutes of fact 25. */
export const FORCE_GC_PERIOD_NS = 120_000_000_000;

/**
 * Costs, measured on the reference machine (reference/results/switchcost.txt, go1.19.8, 2 cores):
 * BenchmarkGosched ≈ 108 ns/op is one full hand-off (gopark of the caller, schedule, execute), so
 * each `schedule()` → `execute()` costs that much virtual time. BenchmarkSpawnExit ≈ 295 ns/op is
 * `go f()` + goexit + one switch; the model charges the part that is not the switch to `newproc`.
 */
export const SCHEDULE_COST_NS = 108;
export const NEWPROC_COST_NS = 295 - SCHEDULE_COST_NS;
/**
 * Waking a parked M is a futex wake and a thread switch in the kernel; creating one is a clone(2).
 * These two are modelling choices of the right order (microseconds), not measurements.
 */
export const M_WAKE_NS = 5_000;
export const M_CREATE_NS = 30_000;
