import type { GStatus, TraceEvent } from '../scenarios/types';

/** A stretch of time one goroutine spent in one state. `endNs` is the current instant if open. */
export interface Segment {
  readonly startNs: number;
  readonly endNs: number;
  readonly status: GStatus;
}

/** A moment worth marking on the timeline. */
export interface Mark {
  readonly tNs: number;
  readonly kind: 'preempt' | 'sysmon' | 'wake';
  readonly g?: number;
  /** For wake marks: how long the woken goroutine waited for a P after it was made ready, ns. */
  readonly latencyNs?: number;
  /** For wake marks: the goroutine had parked in time.Sleep (its park reads `[sleep]`). */
  readonly sleep?: true;
}

export interface Timeline {
  /** Earliest instant the trace still covers; the drawing starts there. */
  readonly fromNs: number;
  readonly rows: ReadonlyMap<number, readonly Segment[]>;
  readonly marks: readonly Mark[];
}

/** The state a trace event leaves its goroutine in, as runtime2.go names it. */
const STATUS_AFTER: Partial<Record<TraceEvent['kind'], GStatus>> = {
  go: '_Grunnable',
  schedule: '_Grunning',
  preempt: '_Grunnable',
  park: '_Gwaiting',
  ready: '_Grunnable',
  'syscall-enter': '_Gsyscall',
  'syscall-exit': '_Grunnable',
  netpoll: '_Grunnable',
  exit: '_Gdead',
};

/**
 * Rebuilds a per-goroutine timeline from the trace events held up to `nowNs`. It depends only on
 * the events, never on how the widget got there, so the same seed and step draw the same picture.
 */
export function buildTimeline(trace: readonly TraceEvent[], nowNs: number): Timeline {
  const rows = new Map<number, Segment[]>();
  const open = new Map<number, { startNs: number; status: GStatus }>();
  const readyAt = new Map<number, number>();
  const asleep = new Set<number>();
  const marks: Mark[] = [];
  const close = (g: number, tNs: number) => {
    const o = open.get(g);
    if (!o) return;
    const row = rows.get(g) ?? [];
    if (tNs > o.startNs) row.push({ startNs: o.startNs, endNs: tNs, status: o.status });
    rows.set(g, row);
    open.delete(g);
  };
  for (const e of trace) {
    if (e.tNs > nowNs) break;
    if (e.kind === 'preempt')
      marks.push({ tNs: e.tNs, kind: 'preempt', ...(e.g === undefined ? {} : { g: e.g }) });
    else if (e.kind === 'note' && /sysmon/i.test(e.text))
      marks.push({ tNs: e.tNs, kind: 'sysmon' });
    const g = e.g;
    const status = STATUS_AFTER[e.kind];
    if (g === undefined || status === undefined) continue;
    if (e.kind === 'park' && e.text.includes('[sleep]')) asleep.add(g);
    if (e.kind === 'ready') readyAt.set(g, e.tNs);
    if (e.kind === 'schedule') {
      const at = readyAt.get(g);
      if (at !== undefined) {
        const sleep = asleep.has(g) ? { sleep: true as const } : {};
        marks.push({ tNs: e.tNs, kind: 'wake', g, latencyNs: e.tNs - at, ...sleep });
      }
      readyAt.delete(g);
      asleep.delete(g);
    }
    close(g, e.tNs);
    if (!rows.has(g)) rows.set(g, []);
    if (status !== '_Gdead') open.set(g, { startNs: e.tNs, status });
  }
  for (const g of [...open.keys()]) close(g, nowNs);
  return { fromNs: trace[0]?.tNs ?? 0, rows, marks };
}

/**
 * The wakes from a sleep, each with how late it ran: `measuredNs` (the scenario's figures, from the
 * sleep's end to running, one per sleep) where given, the latest figures with the latest wakes
 * since the trace may have dropped the first ones; else the trace's own ready-to-run gap.
 */
export function sleepWakes(
  marks: readonly Mark[],
  measuredNs: readonly number[],
): { tNs: number; g: number | undefined; latencyNs: number }[] {
  const wakes = marks.filter((m) => m.kind === 'wake' && m.sleep === true);
  const skipped = measuredNs.length - wakes.length;
  return wakes.map((m, i) => ({
    tNs: m.tNs,
    g: m.g,
    latencyNs: measuredNs[skipped + i] ?? m.latencyNs ?? 0,
  }));
}
