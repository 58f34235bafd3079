import type { GView, View } from '../scenarios/types';
import { formatVirtualTime } from '../widgets/shell/transcript';
import type { StageFactory, StageRenderer } from './stage';
import { fitText } from './fit-text';
import { statusColor } from './status-colors';
import { textLabels } from './text-labels';
import { buildTimeline, sleepWakes, type Timeline } from './timeline';

/** The widest the row labels' column gets; a phone's stage gives it only what its words need. */
const MAX_LEFT = 130;
const TOP = 30;
const ROW = 36;
const BOTTOM = 40;

/**
 * GOMAXPROCS=1 as a timeline: one row per goroutine coloured by its state over virtual time, a
 * row of sysmon's ticks, a marker where the spinning goroutine is preempted, and the sleeper's
 * wake latency (its `ready` to its next `schedule`) as a bracket. Built from the trace alone.
 */
export const preemptionStage: StageFactory = (pixi, app, initialPalette) => {
  let palette = initialPalette;
  let width = app.screen.width;
  let height = app.screen.height;
  let view: View | null = null;
  let timeline: Timeline = { fromNs: 0, rows: new Map(), marks: [] };
  let counters: Readonly<Record<string, number>> = {};
  let horizonNs = 1;
  const bars = new pixi.Graphics();
  const labels = new pixi.Container();
  app.stage.addChild(bars, labels);

  const texts = textLabels(pixi, labels);
  const label = (key: string, text: string, x: number, y: number, size = 12, color = palette.ink) =>
    texts.put(key, text, x, y, size, color);

  const redraw = () => {
    bars.clear();
    texts.hideAll();
    if (!view) return;
    const v = view;
    const byId = new Map<number, GView>(v.gs.map((g) => [g.id, g]));
    const ids = [
      ...new Set([
        ...timeline.rows.keys(),
        ...v.gs.filter((g) => g.status !== '_Gdead').map((g) => g.id),
      ]),
    ].sort((a, b) => a - b);
    const maxRows = Math.max(1, Math.floor((height - TOP - BOTTOM) / ROW) - 1);
    const shown = ids.slice(0, maxRows);
    const from = timeline.fromNs;
    const span = Math.max(1, Math.max(horizonNs, v.nowNs) - from);
    const rowLabel = (id: number) => {
      const g = byId.get(id);
      return `G${id}${g ? ` ${g.role}` : ''}`;
    };
    const left = Math.min(
      MAX_LEFT,
      16 + Math.max(...['sysmon ticks', ...shown.map(rowLabel)].map((t) => texts.measure(t, 12))),
    );
    const plotW = Math.max(20, width - left - 16);
    const x = (t: number) => left + ((t - from) / span) * plotW;
    const p0 = v.ps[0];
    const running = p0?.running ?? null;
    const now = `t = ${formatVirtualTime(v.nowNs)}`;
    const onP0 = running === null ? 'nobody' : `G${running}`;
    label(
      'title',
      fitText(
        [
          `P0 · GOMAXPROCS=${v.ps.length} · ${now} · on P0: ${onP0}`,
          `GOMAXPROCS=${v.ps.length} · ${now} · P0: ${onP0}`,
          `${now} · P0: ${onP0}`,
        ],
        width - 16,
        13,
        texts.measure,
      ),
      8,
      6,
      13,
    );

    shown.forEach((id, row) => {
      const y = TOP + row * ROW;
      label(`g${id}`, rowLabel(id), 8, y + 10, 12);
      bars.rect(left, y + 4, plotW, ROW - 12).fill({ color: palette.lane });
      for (const s of timeline.rows.get(id) ?? []) {
        const x0 = x(s.startNs);
        bars.rect(x0, y + 4, Math.max(1, x(s.endNs) - x0), ROW - 12).fill({
          color: statusColor(palette, s.status),
          alpha: s.status === '_Grunning' ? 1 : 0.5,
        });
      }
    });
    const rowOf = (g: number | undefined) => Math.max(0, shown.indexOf(g ?? -1));

    const sysY = TOP + shown.length * ROW;
    label('sysmon', 'sysmon ticks', 8, sysY + 10, 12, palette.muted);
    bars.rect(left, sysY + ROW / 2, plotW, 1).fill({ color: palette.muted, alpha: 0.4 });
    // The sleeper's timer only runs when the P schedules, so its ready and its schedule fall
    // together and the trace's ready-to-run gap is about 0: the lateness that matters is from the
    // sleep's end to running, which the scenario measures (view.extra.wakeLatenciesMs, one per
    // sleep, the figures the counters report). Each wake from a sleep gets a bracket that long,
    // ending where the sleeper ran; the latest figures go with the latest wakes (the trace may
    // have dropped the first ones). Wakes from other waits (the WaitGroup) get none.
    const measured = v.extra['wakeLatenciesMs'];
    const measuredNs = Array.isArray(measured)
      ? measured.filter((m): m is number => typeof m === 'number').map((m) => Math.round(m * 1e6))
      : [];
    let preempts = 0;
    for (const m of timeline.marks) {
      const mx = x(m.tNs);
      if (m.kind === 'sysmon') {
        bars.rect(mx, sysY + 8, 1, ROW - 16).fill({ color: palette.muted });
      } else if (m.kind === 'preempt') {
        preempts += 1;
        const y = TOP + rowOf(m.g) * ROW;
        bars.rect(mx - 1, y, 2, ROW - 4).fill({ color: palette.accent });
        bars.poly([mx - 6, y, mx + 6, y, mx, y + 7]).fill({ color: palette.accent });
      }
    }
    for (const wake of sleepWakes(timeline.marks, measuredNs)) {
      const mx = x(wake.tNs);
      const y = TOP + rowOf(wake.g) * ROW + ROW - 6;
      // At least 4 px between its ends, so a short wait still reads as a bracket.
      const x0 = Math.min(x(wake.tNs - wake.latencyNs), mx - 4);
      bars.rect(x0, y - 1, mx - x0, 2).fill({ color: palette.syscall });
      bars.rect(x0, y - 4, 1, 8).fill({ color: palette.syscall });
      bars.rect(mx, y - 4, 1, 8).fill({ color: palette.syscall });
    }
    const latest = measuredNs.at(-1) ?? null;
    const preemptions = `preemptions ${counters['preemptions'] ?? preempts}`;
    // The row labels' column is empty down here: the summary takes the stage's whole width.
    label(
      'summary',
      latest === null
        ? `${preemptions} · no wake yet`
        : fitText(
            [
              `${preemptions} · last wake latency ${formatVirtualTime(latest)}`,
              `${preemptions} · wake latency ${formatVirtualTime(latest)}`,
            ],
            width - 16,
            12,
            texts.measure,
          ),
      8,
      height - BOTTOM + 18,
      12,
    );
    label('t0', formatVirtualTime(from), left, height - BOTTOM, 10, palette.muted);
    const end = formatVirtualTime(Math.max(horizonNs, v.nowNs));
    label('t1', end, left + plotW - texts.measure(end, 10), height - BOTTOM, 10, palette.muted);
    // Now: the run so far is left of this line; the axis spans the whole run.
    bars.rect(x(v.nowNs), TOP - 4, 1, sysY + ROW - TOP).fill({ color: palette.ink, alpha: 0.6 });
  };

  const renderer: StageRenderer = {
    show({ view: next, trace, counters: nextCounters, horizonNs: horizon }) {
      horizonNs = horizon;
      view = next;
      counters = nextCounters;
      timeline = buildTimeline(trace, next.nowNs);
      redraw();
    },
    tick() {
      return false;
    },
    layout(w, h, p) {
      width = w;
      height = h;
      palette = p;
      redraw();
    },
    destroy() {
      texts.clear();
    },
  };
  return renderer;
};
