/**
 * The transcript's sentences. The ring (trace.ts) records a sentence as its number here plus its
 * operands, and the text is written only when someone reads the event: a fast-forward overwrites
 * most events before anyone asks.
 */
import type { TraceEvent } from '../scenarios/types.ts';

/** Sentence numbers; each has one event kind (KIND_OF). */
export const Say = {
  Go: 0,
  Schedule: 1,
  ScheduleInherit: 2,
  Exit: 3,
  Park: 4,
  Ready: 5,
  Gosched: 6,
  Goyield: 7,
  Preempt: 8,
  NoCalls: 9,
  Steal: 10,
  Handoff: 11,
  SyscallEnter: 12,
  SyscallKeepsP: 13,
  SyscallNoP: 14,
  Netpoll: 15,
  NewM: 16,
  Stopm: 17,
  BlocksInNetpoll: 18,
  Unpark: 19,
  Sleep: 20,
  SleepFires: 21,
  TimerAdd: 22,
  TimerGo: 23,
  TimerSend: 24,
  StackGrow: 25,
  StackShrink: 26,
} as const;
export type Say = (typeof Say)[keyof typeof Say];

export const KIND_OF: readonly TraceEvent['kind'][] = [
  'go',
  'schedule',
  'schedule',
  'exit',
  'park',
  'ready',
  'note',
  'note',
  'preempt',
  'note',
  'steal',
  'handoff',
  'syscall-enter',
  'syscall-exit',
  'syscall-exit',
  'netpoll',
  'm-new',
  'm-park',
  'm-park',
  'm-unpark',
  'timer-add',
  'timer-fire',
  'timer-add',
  'timer-fire',
  'timer-fire',
  'stack-grow',
  'stack-shrink',
];

/**
 * The text of sentence `say`: `g`, `p` and `m` are the event's own fields, `a`-`c` and `str` the
 * operands its emitter gave.
 */
export function sentence(
  say: number,
  g: number,
  p: number,
  m: number,
  a: number,
  b: number,
  c: number,
  str: string | undefined,
): string {
  switch (say) {
    case Say.Go:
      return `go ${str}: G${g} created in P${p}'s runnext`;
    case Say.Schedule:
      return `P${p} runs G${g}`;
    case Say.ScheduleInherit:
      return `P${p} runs G${g} (inherits the time slice)`;
    case Say.Exit:
      return `G${g} exits`;
    case Say.Park:
      return `G${g} parks [${str}]`;
    case Say.Ready:
      return `G${g} ready, into P${p}'s runnext`;
    case Say.Gosched:
      return `G${g} calls Gosched: global queue`;
    case Say.Goyield:
      return `G${g} calls goyield: tail of P${p}'s local queue`;
    case Say.Preempt:
      return `G${g} preempted on P${p} (${str}; slice seen by sysmon ${fmtNs(a)} ago): global queue`;
    case Say.NoCalls:
      return `G${g} asked to stop, but its loop makes no calls: it runs on (cooperative preemption)`;
    case Say.Steal:
      return `P${p} steals ${a} G(s) from P${b}, runs G${g}`;
    case Say.Handoff:
      return `P${p} handed off (handoffp)`;
    case Say.SyscallEnter:
      return `G${g} enters a ${fmtNs(a)} syscall on M${m}; P${p} is _Psyscall`;
    case Say.SyscallKeepsP:
      return `G${g} back from its syscall, keeps running on P${p}`;
    case Say.SyscallNoP:
      return `G${g} back from its syscall, no P free: global queue; M${m} parks`;
    case Say.Netpoll:
      return `netpoll returns G${g}`;
    case Say.NewM:
      return `M${m} created (newm)`;
    case Say.Stopm:
      return `M${m} parks (stopm)`;
    case Say.BlocksInNetpoll:
      return `M${m} blocks in netpoll`;
    case Say.Unpark:
      return `M${m} unparked for P${p}`;
    case Say.Sleep:
      return `G${g} sleeps; timer on P${p} in ${fmtNs(a)}`;
    case Say.SleepFires:
      return `timer of G${g} fires on P${p}`;
    case Say.TimerAdd:
      return `timer ${a} on P${p}`;
    case Say.TimerGo:
      return `timer fires: go ${str} as G${g}`;
    case Say.TimerSend:
      return `timer fires: value sent on channel ${a}`;
    case Say.StackGrow:
      return `G${g} calls ${str}: stack ${a} → ${b} bytes (copystack, ${c} bytes copied)`;
    case Say.StackShrink:
      return `G${g}'s stack ${a} bytes → ${b} bytes: the GC's stack scan found only ${c} bytes in use (copystack)`;
    default:
      throw new Error(`no sentence ${say}`);
  }
}

/** `durations in the runtime's words` for transcript sentences: 10ms, 250µs, 108ns. */
export function fmtNs(ns: number): string {
  if (ns >= 1_000_000) return `${+(ns / 1_000_000).toFixed(3)}ms`;
  if (ns >= 1_000) return `${+(ns / 1_000).toFixed(3)}µs`;
  return `${ns}ns`;
}
