/**
 * The ready 60-minute onboarding session on /onboarding/: a timed agenda built from the chapters,
 * each block with the widget to show at a preset (the same presets the chapters use) and questions
 * for the group. tests/content checks that every preset names a registered widget and validates
 * against its scenario's schema, and that the blocks fill exactly 60 minutes.
 */
import type { WidgetId } from '../widgets/registry';

export interface WidgetPreset {
  readonly widget: WidgetId;
  /** Scenario parameters, spelled as in the widget's URL (`syscallTime: '20ms'`). */
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly seed: number;
  readonly step: number;
  /** What to point at once the widget is open at this preset. */
  readonly show: string;
}

export interface AgendaBlock {
  readonly minutes: number;
  readonly title: string;
  /** Chapter collection id and optional heading anchor the block is built from. */
  readonly chapter: string;
  readonly anchor?: string;
  readonly presets: readonly WidgetPreset[];
  readonly questions: readonly string[];
}

export const SESSION_MINUTES = 60;

export const agenda: readonly AgendaBlock[] = [
  {
    minutes: 5,
    title: 'The hook: three leaks that crashed nothing',
    chapter: '01-ghost-leaks',
    presets: [],
    questions: [
      'Which of the three symptoms would your dashboards show today, and which would nobody see?',
      'Why does the deadlock detector stay silent while a server leaks goroutines?',
    ],
  },
  {
    minutes: 12,
    title: 'G, M and P: who runs what',
    chapter: '02-why-goroutines-are-cheap',
    anchor: 'g-m-and-p-who-does-what',
    presets: [
      {
        widget: 'gmp',
        params: { gomaxprocs: 4, goroutines: 300, syscalls: 20, syscallTime: '20ms', network: 20 },
        seed: 7,
        step: 163,
        show: 'Every new goroutine sits in P0’s queue; step once and P1 steals half of it.',
      },
      {
        widget: 'gmp',
        params: { gomaxprocs: 4, goroutines: 300, syscalls: 20, syscallTime: '20ms', network: 20 },
        seed: 7,
        step: 374,
        show: 'Three Ps stuck behind 20 ms system calls; ask for a prediction, then step until sysmon hands them off.',
      },
    ],
    questions: [
      'Why is the number of Ps, not the number of threads, what limits parallel Go code?',
      'What happens to the P of a goroutine that blocks on a channel, and to the P of one in a system call?',
    ],
  },
  {
    minutes: 8,
    title: 'Stacks: 2 KiB, doubled by copying',
    chapter: '02-why-goroutines-are-cheap',
    anchor: 'stacks-2-kib-to-start-doubled-by-copying',
    presets: [
      {
        widget: 'stack-growth',
        params: { depth: 3000, frameBytes: 104, start: 2048 },
        seed: 1,
        step: 2514,
        show: 'The 256 KiB stack is full; one step shows the eighth copy, to 512 KiB.',
      },
    ],
    questions: [
      'Why can Go move a stack while C cannot?',
      'What does a leaked goroutine that once recursed deeply keep holding?',
    ],
  },
  {
    minutes: 8,
    title: 'Preemption: a loop with no calls',
    chapter: '02-why-goroutines-are-cheap',
    anchor: 'preemption-from-polite-to-forced',
    presets: [
      {
        widget: 'preemption',
        params: { async: true, spin: '410ms', sleep: '1ms', gomaxprocs: 1, trials: 5 },
        seed: 1,
        step: 44,
        show: 'main sleeps 1 ms while a loop spins; play to see it wake about 10 ms later, then switch async off.',
      },
    ],
    questions: [
      'Why does a 1 ms sleep take 5 to 20 ms on a busy P?',
      'Do we still need runtime.Gosched in long computations?',
    ],
  },
  {
    minutes: 10,
    title: 'Timeout traps: AfterFunc, TimeoutHandler, select',
    chapter: '03-timeout-traps',
    presets: [
      {
        widget: 'afterfunc-leak',
        params: { mode: 'nostop', rate: 1000, delay: '2s', load: '2s', payload: 4096 },
        seed: 1,
        step: 7261,
        show: 'Timers never stopped (left) against stopped (right): flat goroutines, a heap of 7 MiB in pending timers. Switch the mode to a blocking function and play.',
      },
      {
        widget: 'timeout-handler',
        params: { qps: 50, work: '4s', timeout: '1s', load: '6s', total: '12s' },
        seed: 1,
        step: 740,
        show: 'One second in, before the first 503; ask how many inner handlers run at 5 s, then play.',
      },
    ],
    questions: [
      'Where in our code does a timer or a timeout stop waiting without stopping the work?',
      'Which of our handlers would keep running after TimeoutHandler has sent its 503?',
    ],
  },
  {
    minutes: 7,
    title: 'sync.Once: the init that blocks',
    chapter: '04-sync-once-misuse',
    anchor: 'trap-1-the-init-that-blocks',
    presets: [
      {
        widget: 'once-stall',
        params: { mode: 'block', qps: 100, load: '3s' },
        seed: 1,
        step: 456,
        show: 'f is stuck and 48 callers wait on the Once’s mutex; open the goroutine dump, then play.',
      },
    ],
    questions: [
      'What does every caller of a Once do while f is still running, and what if f never returns?',
      'When is sync.OnceValue enough, and when do you need a bounded, retrying initialiser?',
    ],
  },
  {
    minutes: 8,
    title: 'From incident to defence: signals, alerts, runbook',
    chapter: '05-from-incident-to-defence',
    anchor: 'what-the-shapes-mean',
    presets: [
      {
        widget: 'observability',
        params: { incident: 'once-stall', qps: 20, duration: '10m' },
        seed: 1,
        step: 14442,
        show: 'A minute into incident 3 at 20 requests a second; play on to see the staircase, then switch the incident and move the alert rule.',
      },
    ],
    questions: [
      'Which signal would have caught each incident first on our services?',
      'Do our tests run goleak, and who looks at a goroutine dump when the alert fires?',
    ],
  },
  {
    minutes: 2,
    title: 'Wrap-up',
    chapter: '05-from-incident-to-defence',
    presets: [],
    questions: ['One thing each of us will check in our own service this week.'],
  },
];
