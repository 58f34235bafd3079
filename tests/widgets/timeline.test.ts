import { describe, expect, it } from 'vitest';
import { buildTimeline, sleepWakes } from '../../src/render/timeline';
import type { TraceEvent } from '../../src/scenarios/types';

let seq = 0;
const ev = (tNs: number, kind: TraceEvent['kind'], g?: number, text = ''): TraceEvent => ({
  seq: ++seq,
  tNs,
  kind,
  ...(g === undefined ? {} : { g }),
  text,
});

describe('buildTimeline', () => {
  const trace = [
    ev(0, 'schedule', 1),
    ev(0, 'park', 2),
    ev(10, 'ready', 2),
    ev(20, 'note', undefined, 'sysmon: retake P0'),
    ev(20, 'preempt', 1),
    ev(20, 'schedule', 2),
    ev(25, 'park', 2),
    ev(25, 'schedule', 1),
  ];

  it('turns schedule/park/ready/preempt into per-goroutine state segments', () => {
    const t = buildTimeline(trace, 40);
    expect(t.rows.get(1)).toEqual([
      { startNs: 0, endNs: 20, status: '_Grunning' },
      { startNs: 20, endNs: 25, status: '_Grunnable' },
      { startNs: 25, endNs: 40, status: '_Grunning' },
    ]);
    expect(t.rows.get(2)?.map((s) => s.status)).toEqual([
      '_Gwaiting',
      '_Grunnable',
      '_Grunning',
      '_Gwaiting',
    ]);
  });

  it('marks the preemption, sysmon and the wake latency from ready to schedule', () => {
    const t = buildTimeline(trace, 40);
    expect(t.marks).toContainEqual({ tNs: 20, kind: 'preempt', g: 1 });
    expect(t.marks).toContainEqual({ tNs: 20, kind: 'sysmon' });
    expect(t.marks).toContainEqual({ tNs: 20, kind: 'wake', g: 2, latencyNs: 10 });
  });

  it('ignores events after the current instant, so a step back draws the shorter run', () => {
    const t = buildTimeline(trace, 15);
    expect(t.marks).toEqual([]);
    expect(t.rows.get(1)).toEqual([{ startNs: 0, endNs: 15, status: '_Grunning' }]);
  });
});

describe('sleepWakes', () => {
  // The preemption scenario's main: it sleeps, its timer fires as the P schedules (ready and run
  // at one instant), then it waits on a WaitGroup. Its wake bracket was drawn from the trace's
  // ready-to-run gap, about 0 px wide; it spans the measured sleep-to-run latency.
  const trace = [
    ev(0, 'schedule', 1),
    ev(100, 'park', 1, 'G1 parks [sleep]'),
    ev(2_000, 'ready', 1),
    ev(2_000, 'schedule', 1),
    ev(2_100, 'park', 1, 'G1 parks [sync.WaitGroup.Wait]'),
    ev(5_000, 'ready', 1),
    ev(5_000, 'schedule', 1),
    ev(5_100, 'park', 1, 'G1 parks [sleep]'),
    ev(9_000, 'ready', 1),
    ev(9_000, 'schedule', 1),
  ];

  it('gives each wake from a sleep its measured latency, the latest with the latest', () => {
    const marks = buildTimeline(trace, 10_000).marks;
    // Three sleeps measured, the first of them no longer in the trace.
    expect(sleepWakes(marks, [700, 900, 2_900])).toEqual([
      { tNs: 2_000, g: 1, latencyNs: 900 },
      { tNs: 9_000, g: 1, latencyNs: 2_900 },
    ]);
  });
});
