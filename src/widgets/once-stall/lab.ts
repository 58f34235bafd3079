import { onceStall } from '../../scenarios/once-stall';
import { goMinorOf } from '../../scenarios/go/go-version';
import type { Scenario } from '../../scenarios/types';
import { mutexWaitReason, waitReason } from '../../model/stdlib/wait-reasons';
import type { HoldingRow } from '../../render/leak-rows';
import { restrictEnum, type LeakLab } from '../leak-lab/lab';

const scenario = onceStall as unknown as Scenario;

/** The charts' grid: 100ms, fine enough to see goroutines pile up over a 3s load. */
const SAMPLE_NS = 100_000_000;

const whole = (n: number) => n.toLocaleString('en-US');

/**
 * `once-stall` buggy (f blocks, or panics) beside the fixed bounded, retrying load. Once.Do's slow
 * path takes the Once's mutex and holds it while f runs, so a blocked f parks every later caller
 * on that mutex (https://github.com/golang/go/blob/go1.25.0/src/sync/once.go, doSlow). The wait
 * reason is `semacquire` before Go 1.20 and `sync.Mutex.Lock` after.
 */
export const onceStallLab: LeakLab = {
  id: 'once-stall',
  scenario,
  schema: restrictEnum(scenario.params, 'mode', ['block', 'panic']),
  buggy: (values) => values,
  fixed: (values) => ({ ...values, mode: 'fixed' }),
  chartNames: ['goroutines', 'calls', 'nilConfig'],
  sampleNs: () => SAMPLE_NS,
  holdings(view, counters, values) {
    const mutex = mutexWaitReason(goMinorOf(String(values['go'])));
    const parked = view.byWaitReason[mutex] ?? 0;
    const stuck = view.byWaitReason[waitReason.selectNoCases] ?? 0;
    const waiting = view.byWaitReason[waitReason.select] ?? 0;
    const rows: HoldingRow[] = [
      {
        key: 'parked',
        label: 'callers parked on the Once’s mutex',
        count: parked,
        detail: `${whole(parked)} · [${mutex}] in sync.(*Once).doSlow`,
        tone: 'waiting',
      },
      {
        key: 'stuck',
        label: 'goroutine stuck in f',
        count: stuck,
        detail: `${whole(stuck)} · [select (no cases)] holding the mutex`,
        tone: 'syscall',
      },
      {
        key: 'select',
        label: 'goroutines in a bounded select',
        count: waiting,
        detail: `${whole(waiting)} · [select] waiting at most 50ms, or the loader’s deadline`,
        tone: 'runnable',
      },
      {
        key: 'nil',
        label: 'calls that got a nil config',
        count: counters['nilConfig'] ?? 0,
        detail: `${whole(counters['nilConfig'] ?? 0)} of ${whole(counters['calls'] ?? 0)} calls`,
        tone: 'accent',
      },
    ];
    return rows;
  },
  chartNote:
    'With f blocked, goroutines grow by one per call and never drain: each caller is parked on ' +
    'the Once’s mutex, and the dump shows them all on one stack. With f panicking nothing piles ' +
    'up, but every call gets a nil config: the Once counts as done.',
};
