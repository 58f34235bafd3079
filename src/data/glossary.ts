/**
 * The guide's glossary: one entry per runtime term the chapters use. `<Term id="...">` links to
 * `/glossary/#<id>` and the build fails for an id that is not here, so a chapter can never link
 * to a missing definition. Definitions follow ../shared/go-facts.md and cite the runtime source
 * at a release tag.
 */

export interface GlossaryEntry {
  /** Stable anchor id, kebab-case; used as `<Term id>` and as the `#fragment` on /glossary/. */
  readonly id: string;
  /** The term as a heading shows it. */
  readonly term: string;
  /** Other spellings a reader may search for. */
  readonly aliases?: readonly string[];
  /** One short paragraph, plain text. */
  readonly definition: string;
  /** Where the runtime defines or implements it, at a release tag. */
  readonly source?: { readonly label: string; readonly url: string };
}

const GO_TAG = 'go1.25.0';
const runtimeFile = (file: string): string =>
  `https://github.com/golang/go/blob/${GO_TAG}/src/runtime/${file}`;

export const glossary: readonly GlossaryEntry[] = [
  {
    id: 'goroutine',
    term: 'Goroutine',
    definition:
      'A function running concurrently with the rest of the program, started with the go statement. To the runtime it is a G: a small record plus its own stack, scheduled onto OS threads by the Go scheduler rather than by the kernel.',
    source: { label: 'runtime/proc.go: newproc', url: runtimeFile('proc.go') },
  },
  {
    id: 'g',
    term: 'G',
    aliases: ['runtime.g'],
    definition:
      'The runtime’s record of one goroutine (type g in runtime2.go): its stack bounds, saved registers for switching, status, wait reason and links into queues. About 400 bytes on amd64. G records are recycled through per-P free lists and are never returned to the heap.',
    source: { label: 'runtime/runtime2.go: type g', url: runtimeFile('runtime2.go') },
  },
  {
    id: 'm',
    term: 'M',
    aliases: ['machine', 'OS thread'],
    definition:
      'An OS thread as the runtime sees it (type m). An M needs a P to run Go code; without one it can only sit in a system call or sleep. The runtime creates Ms on demand, up to 10,000 by default (debug.SetMaxThreads).',
    source: { label: 'runtime/runtime2.go: type m', url: runtimeFile('runtime2.go') },
  },
  {
    id: 'p',
    term: 'P',
    aliases: ['processor'],
    definition:
      'A processor in the scheduler’s sense (type p): the right to run Go code, plus the resources that go with it — a local run queue, the runnext slot, a timer heap, a stack cache and a free list of Gs. There are exactly GOMAXPROCS of them.',
    source: { label: 'runtime/runtime2.go: type p', url: runtimeFile('runtime2.go') },
  },
  {
    id: 'gmp',
    term: 'GMP',
    definition:
      'The shorthand for the scheduler’s three kinds of object: Gs (goroutines) run on Ms (threads) that hold Ps (permissions to run Go code, with queues). At most GOMAXPROCS goroutines run Go code at any instant.',
    source: { label: 'runtime/proc.go: scheduler overview', url: runtimeFile('proc.go') },
  },
  {
    id: 'gomaxprocs',
    term: 'GOMAXPROCS',
    definition:
      'The number of Ps, so the number of goroutines that can execute Go code at the same time. It defaults to the CPUs the process may use; since Go 1.25 on Linux it also respects the cgroup CPU limit and is re-checked periodically. runtime.GOMAXPROCS changes it at run time with a stop-the-world.',
    source: { label: 'runtime/proc.go: procresize', url: runtimeFile('proc.go') },
  },
  {
    id: 'runnext',
    term: 'runnext',
    definition:
      'A one-goroutine slot on each P that is checked before the local run queue. A goroutine just created with go, or just woken by a channel operation, goes there; the goroutine it displaces moves to the tail of the local queue. A goroutine taken from runnext inherits the remaining time slice of the one before it.',
    source: { label: 'runtime/proc.go: runqput, runqget', url: runtimeFile('proc.go') },
  },
  {
    id: 'local-run-queue',
    term: 'Local run queue',
    aliases: ['runq', 'LRQ'],
    definition:
      'A lock-free ring of 256 runnable goroutines owned by one P. Only the owner adds to it; any P may steal from it. When it is full, half of it (128) plus the new goroutine move to the global run queue in one batch.',
    source: { label: 'runtime/proc.go: runqput, runqputslow', url: runtimeFile('proc.go') },
  },
  {
    id: 'global-run-queue',
    term: 'Global run queue',
    aliases: ['GRQ', 'sched.runq'],
    definition:
      'One locked queue of runnable goroutines shared by all Ps. Preempted goroutines, goroutines that called runtime.Gosched and overflow from full local queues land here. A P checks it first on every 61st schedule so it is never starved, and refills its local queue from it in batches.',
    source: { label: 'runtime/proc.go: findRunnable', url: runtimeFile('proc.go') },
  },
  {
    id: 'work-stealing',
    term: 'Work stealing',
    definition:
      'What an idle P does when its own queues and the global queue are empty: it visits the other Ps in a random order, up to four passes, and takes half (rounded up) of a victim’s local run queue.',
    source: { label: 'runtime/proc.go: stealWork, runqgrab', url: runtimeFile('proc.go') },
  },
  {
    id: 'spinning-m',
    term: 'Spinning M',
    definition:
      'A thread that holds a P but has no goroutine and is actively looking for work (checking queues, stealing) before it goes to sleep. The runtime keeps at most about half of the busy Ps’ worth of spinning threads, so idle CPUs do not burn time hunting.',
    source: { label: 'runtime/proc.go: wakep, findRunnable', url: runtimeFile('proc.go') },
  },
  {
    id: 'sysmon',
    term: 'sysmon',
    definition:
      'A runtime thread that runs without a P. It starts by waking every 20 µs; after about 1 ms in which it has taken no P back from a system call, its sleep doubles each round up to 10 ms, so a CPU-bound program is checked every 10 ms, and when every P is idle it sleeps until the next timer. It preempts goroutines that have run for 10 ms, takes Ps back from threads stuck in system calls, polls the network if nobody has for 10 ms, and starts a forced GC when none has run for two minutes.',
    source: { label: 'runtime/proc.go: sysmon, retake', url: runtimeFile('proc.go') },
  },
  {
    id: 'handoff',
    term: 'Hand-off (handoffp)',
    aliases: ['handoffp', 'retake'],
    definition:
      'Giving a P away from a thread that is blocked in a system call, so another thread can run the P’s goroutines meanwhile. sysmon does it once a syscall has lasted at least one of its ticks and either goroutines are waiting for the P, no other P is free to run them, or the call has taken 10 ms; the goroutine in the syscall gets a P back (its old one if it can) when the call returns.',
    source: { label: 'runtime/proc.go: handoffp, retake', url: runtimeFile('proc.go') },
  },
  {
    id: 'netpoller',
    term: 'Netpoller',
    definition:
      'The runtime’s wrapper around epoll, kqueue or IOCP. A goroutine waiting on a socket parks with the wait reason “IO wait” and holds no thread; the scheduler polls for ready sockets and puts their goroutines back on run queues.',
    source: { label: 'runtime/netpoll.go', url: runtimeFile('netpoll.go') },
  },
  {
    id: 'timer-heap',
    term: 'Timer heap',
    definition:
      'Each P keeps its pending timers (time.Sleep, time.AfterFunc, timers behind channels) in a 4-ary heap and runs the due ones while scheduling. There has been no timer goroutine (timerproc) since Go 1.14. A pending AfterFunc holds its closure here, not a goroutine.',
    source: { label: 'runtime/time.go', url: runtimeFile('time.go') },
  },
  {
    id: 'time-slice',
    term: 'Time slice',
    aliases: ['schedtick', 'forcePreemptNS'],
    definition:
      'How long a goroutine may run before sysmon asks it to yield: 10 ms (forcePreemptNS). sysmon notices a slice is used up by seeing the P’s schedtick counter unchanged for that long.',
    source: { label: 'runtime/proc.go: retake', url: runtimeFile('proc.go') },
  },
  {
    id: 'cooperative-preemption',
    term: 'Cooperative preemption',
    definition:
      'Stopping a goroutine at the next function call: the runtime poisons the goroutine’s stack guard (stackguard0 = stackPreempt) so the next function prologue’s stack check fails and enters the scheduler. A loop that calls no functions never reaches such a check.',
    source: { label: 'runtime/stack.go: newstack', url: runtimeFile('stack.go') },
  },
  {
    id: 'async-preemption',
    term: 'Asynchronous preemption',
    definition:
      'Since Go 1.14: the runtime sends the thread a signal (SIGURG on Unix; Windows suspends the thread instead) and, if the goroutine stopped at a safe point, makes it call asyncPreempt and enter the scheduler, even in the middle of a loop with no calls. GODEBUG=asyncpreemptoff=1 turns it off.',
    source: { label: 'runtime/preempt.go', url: runtimeFile('preempt.go') },
  },
  {
    id: 'stack-guard',
    term: 'Stack guard',
    aliases: ['stackguard0', 'morestack'],
    definition:
      'The address each function prologue compares the stack pointer with: the stack’s low end plus a reserve (928 bytes on linux/amd64). Going below it calls morestack, which grows the stack. The scheduler also uses it to request a preemption.',
    source: { label: 'runtime/stack.go', url: runtimeFile('stack.go') },
  },
  {
    id: 'copystack',
    term: 'copystack',
    aliases: ['stack growth', 'newstack'],
    definition:
      'How a goroutine stack changes size: the runtime allocates a new contiguous block (twice the size to grow, half to shrink), copies the used part, and adjusts every pointer that points into the old stack. Stacks are never extended in place.',
    source: { label: 'runtime/stack.go: newstack, copystack', url: runtimeFile('stack.go') },
  },
  {
    id: 'stack-shrink',
    term: 'Stack shrinking',
    definition:
      'During the garbage collector’s stack scan, a goroutine that uses less than a quarter of its stack gets it halved, never below 2 KiB. GODEBUG=gcshrinkstackoff=1 disables it.',
    source: { label: 'runtime/stack.go: shrinkstack', url: runtimeFile('stack.go') },
  },
  {
    id: 'g-status',
    term: 'Goroutine status',
    aliases: ['_Grunnable', '_Grunning', '_Gwaiting', '_Gdead'],
    definition:
      'The runtime’s state field for a G: _Gidle (0), _Grunnable (1, in a run queue), _Grunning (2, on a thread), _Gsyscall (3), _Gwaiting (4, parked), _Gdead (6, finished, ready for reuse), _Gcopystack (8), _Gpreempted (9). A leaked goroutine stays in _Gwaiting.',
    source: { label: 'runtime/runtime2.go: status constants', url: runtimeFile('runtime2.go') },
  },
  {
    id: 'gopark',
    term: 'gopark',
    definition:
      'The runtime function a goroutine calls to block: it records a wait reason, sets the status to _Gwaiting and switches to the scheduler. Only a matching goready (a channel send, an unlock, a timer) makes it runnable again. It is the top frame of almost every parked goroutine in a SIGQUIT dump; debug=2 dumps and runtime.Stack hide runtime frames, so there the top frame is the caller that parked (sync.runtime_SemacquireMutex, internal/sync.runtime_SemacquireMutex from Go 1.24, or your own function on a channel operation).',
    source: { label: 'runtime/proc.go: gopark, goready', url: runtimeFile('proc.go') },
  },
  {
    id: 'wait-reason',
    term: 'Wait reason',
    definition:
      'Why a parked goroutine is waiting, shown in brackets in a goroutine dump: chan receive, chan send, select, select (no cases), sleep, IO wait, sync.Mutex.Lock (semacquire before Go 1.20), sync.WaitGroup.Wait and so on.',
    source: { label: 'runtime/runtime2.go: waitReasonStrings', url: runtimeFile('runtime2.go') },
  },
  {
    id: 'goroutine-dump',
    term: 'Goroutine dump',
    aliases: ['traceback', 'debug=2'],
    definition:
      'A text listing of every goroutine: a header with its id, status or wait reason and, once it has waited a minute or more, the minutes; then its stack frames and the goroutine that created it. Printed on SIGQUIT, on a fatal runtime error, and by /debug/pprof/goroutine?debug=2; an unrecovered panic prints only the panicking goroutine unless GOTRACEBACK=all.',
    source: { label: 'runtime/traceback.go: goroutineheader', url: runtimeFile('traceback.go') },
  },
  {
    id: 'goroutine-profile',
    term: 'Goroutine profile',
    definition:
      'A pprof profile of all live goroutines grouped by identical stack, with a count per stack. /debug/pprof/goroutine?debug=1 prints it as text; without debug it is the binary format go tool pprof reads.',
    source: {
      label: 'runtime/pprof/pprof.go',
      url: `https://github.com/golang/go/blob/${GO_TAG}/src/runtime/pprof/pprof.go`,
    },
  },
  {
    id: 'runtime-metrics',
    term: 'runtime/metrics',
    definition:
      'The standard library package that exposes the runtime’s own counters by name, such as /sched/goroutines:goroutines and /sched/latencies:seconds. Cheap to read, stable names, and the right source for dashboards.',
    source: {
      label: 'runtime/metrics/description.go',
      url: `https://github.com/golang/go/blob/${GO_TAG}/src/runtime/metrics/description.go`,
    },
  },
  {
    id: 'schedtrace',
    term: 'schedtrace',
    definition:
      'GODEBUG=schedtrace=1000 makes the runtime print one line about the scheduler every 1000 ms: Ps, idle Ps, threads, spinning threads, global and per-P run queue lengths. Adding scheddetail=1 lists every P, M and G.',
    source: { label: 'runtime/proc.go: schedtrace', url: runtimeFile('proc.go') },
  },
  {
    id: 'goleak',
    term: 'goleak',
    definition:
      'A test helper from Uber (go.uber.org/goleak) that fails a test, or a whole test binary, if goroutines other than the expected ones are still alive when it ends.',
  },
  {
    id: 'goroutineleak-profile',
    term: 'goroutineleak profile',
    definition:
      'A profile added experimentally in Go 1.26 (GOEXPERIMENT=goroutineleakprofile, served at /debug/pprof/goroutineleak) and on by default from Go 1.27. A special GC cycle finds goroutines blocked on channels, mutexes or condition variables that no runnable goroutine can reach, so nothing can ever wake them, and goroutines in select {}. One waiting on a global (a package-level Once, mutex or channel) or on a socket is not reported.',
    source: { label: 'Go 1.26 release notes', url: 'https://go.dev/doc/go1.26' },
  },
  {
    id: 'checkdead',
    term: 'Deadlock detector (checkdead)',
    definition:
      'The runtime check behind “fatal error: all goroutines are asleep - deadlock!”. It fires only when no goroutine can ever run again and no timer is pending, so it never catches a leak in a server that is still doing other work.',
    source: { label: 'runtime/proc.go: checkdead', url: runtimeFile('proc.go') },
  },
];

/** Ids in glossary order; `Term.astro` and the content tests check ids against this set. */
export const glossaryIds: ReadonlySet<string> = new Set(glossary.map((entry) => entry.id));
