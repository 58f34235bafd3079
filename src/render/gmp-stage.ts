import type { ParticleContainer } from 'pixi.js';
import type { GView, TraceEvent, View } from '../scenarios/types';
import { approach, gridCell, type Box, type Point } from './geometry';
import { particleTokens } from './particle-tokens';
import { BOX_TITLE, inner, layoutGmp, placePoint, type GmpLayout } from './gmp-layout';
import type { StageFactory, StageRenderer } from './stage';
import { statusColor } from './status-colors';
import { textLabels } from './text-labels';

/**
 * Above this many goroutines the stage stops drawing one square per goroutine and draws
 * aggregates instead (per-P queue bars, a heat strip of states), so 100,000 stay smooth.
 */
export const SPRITE_LIMIT = 2000;
/** While playing, labels are redrawn on every this many frames. */
const LIVE_LABEL_EVERY = 6;
/** How long a steal or hand-off stays drawn, ms. */
const FLASH_MS = 900;

interface Flash {
  readonly kind: 'steal' | 'handoff' | 'sysmon';
  readonly from: number;
  readonly to: number;
  ageMs: number;
}

/** A GMP picture: one lane per P, the global queue, netpoller, syscalls, idle Ms, waiting Gs. */
export const gmpStage: StageFactory = (pixi, app, initialPalette) => {
  let palette = initialPalette;
  let width = app.screen.width;
  let height = app.screen.height;
  let view: View | null = null;
  let layout: GmpLayout = layoutGmp(width, height, 1);
  let flashes: Flash[] = [];
  let counters: Readonly<Record<string, number>> = {};
  let horizonNs = 1;
  let live = false;
  let liveShows = 0;
  let sysmonTicks = 0;
  let lastSeq = -1;

  const frame = new pixi.Graphics();
  const aggregates = new pixi.Graphics();
  const flashLayer = new pixi.Graphics();
  const particles: ParticleContainer = new pixi.ParticleContainer({
    texture: pixi.Texture.WHITE,
    dynamicProperties: { position: true, color: true },
  });
  /** Ms (threads) as tokens that move to the P they attach to, to a syscall, or to the idle list. */
  const mTokens: ParticleContainer = new pixi.ParticleContainer({
    texture: pixi.Texture.WHITE,
    dynamicProperties: { position: true },
  });
  const mTokenSet = particleTokens(pixi, mTokens, 0.55);
  /** When sysmon was due to wake, as of the last picture: passing it means it ticked since. */
  let sysmonDueNs: number | null = null;
  const labels = new pixi.Container();
  app.stage.addChild(frame, aggregates, mTokens, particles, flashLayer, labels);
  const gTokens = particleTokens(pixi, particles);

  /** A label that is reused frame to frame; its texture is rebuilt only when the words change. */
  const texts = textLabels(pixi, labels);
  const label = (key: string, text: string, x: number, y: number, size = 11, color = palette.ink) =>
    texts.put(key, text, x, y, size, color);

  /** sysmon's mark: the right end of the header, beside the progress bar. */
  const sysmonSpot = () => ({ x: layout.header.x + layout.header.w - 6, y: layout.header.y + 9 });

  const drawFrame = () => {
    frame.clear();
    if (!view) return;
    // sysmon: a dot that is filled while it is awake and ticking, hollow while it waits for work.
    const spot = sysmonSpot();
    const awake = view.sysmon !== undefined && view.sysmon.nextTickNs !== null;
    frame.circle(spot.x, spot.y, 4);
    if (awake) frame.fill({ color: palette.accent });
    else frame.stroke({ width: 1, color: palette.muted });
    for (const [i, lane] of layout.lanes.entries()) {
      const p = view.ps[i];
      frame
        .roundRect(lane.lane.x, lane.lane.y, lane.lane.w, lane.lane.h, 4)
        .fill({ color: palette.lane });
      const slotStroke = { width: 1, color: palette.muted, alpha: 0.6 };
      frame
        .rect(lane.running.x, lane.running.y + 1, lane.running.w, lane.running.h - 2)
        .stroke(slotStroke);
      frame
        .rect(lane.runnext.x, lane.runnext.y + 1, lane.runnext.w, lane.runnext.h - 2)
        .stroke({ ...slotStroke, alpha: 0.3 });
      if (p?.m !== null && p?.m !== undefined) {
        frame
          .roundRect(lane.m.x, lane.m.y + 1, lane.m.w - 2, lane.m.h - 2, 3)
          .fill({ color: palette.accent, alpha: 0.18 });
      }
    }
    const boxes: [Box, string][] = [
      [layout.globalq, 'global runq'],
      [layout.netpoll, 'netpoller'],
      [layout.syscall, 'in syscall'],
      [layout.idleMs, 'idle Ms'],
      [layout.waiting, 'waiting'],
    ];
    for (const [box] of boxes) {
      frame
        .roundRect(box.x, box.y, box.w, box.h, 4)
        .stroke({ width: 1, color: palette.muted, alpha: 0.5 });
    }
    // Where the run stands: the bar spans the whole run (its horizon depends on every parameter).
    const bar = {
      x: layout.header.x,
      y: layout.header.y + layout.header.h - 3,
      w: layout.header.w,
    };
    const done = Math.min(1, view.nowNs / Math.max(1, horizonNs));
    frame.rect(bar.x, bar.y, bar.w, 3).fill({ color: palette.lane });
    frame.rect(bar.x, bar.y, bar.w * done, 3).fill({ color: palette.accent });
  };

  const drawLabels = () => {
    texts.hideAll();
    if (!view) return;
    const v = view;
    const laneFont = Math.max(8, Math.min(12, layout.lanes[0]?.lane.h ?? 12));
    const showLaneText = (layout.lanes[0]?.lane.h ?? 0) >= 9;
    for (const [i, lane] of layout.lanes.entries()) {
      const p = v.ps[i];
      if (!p || !showLaneText) continue;
      label(
        `p${i}`,
        `P${p.id}`,
        lane.label.x,
        lane.lane.y + (lane.lane.h - laneFont) / 2 - 1,
        laneFont,
      );
      if (p.m !== null)
        label(
          `m${i}`,
          `M${p.m}`,
          lane.m.x + 3,
          lane.lane.y + (lane.lane.h - laneFont) / 2 - 1,
          laneFont,
          palette.accent,
        );
      const len = p.runq.length;
      if (len > lane.queueSlots) {
        label(
          `q${i}`,
          `${len}`,
          lane.queue.x + lane.queue.w - 28,
          lane.lane.y + (lane.lane.h - laneFont) / 2 - 1,
          laneFont,
          palette.muted,
        );
      }
    }
    const titled = (key: string, box: Box, text: string) =>
      label(key, text, box.x + 4, box.y + 1, 10, palette.muted);
    titled('tg', layout.globalq, `global runq: ${v.globalRunqLen}`);
    titled(
      'tn',
      layout.netpoll,
      `netpoller: ${v.gs.filter((g) => g.place.kind === 'netpoll').length}${v.gsTruncated ? '+' : ''}`,
    );
    const inSyscall = v.ms.filter((m) => m.inSyscall).length;
    titled('ts', layout.syscall, `in syscall: ${inSyscall} M${inSyscall === 1 ? '' : 's'}`);
    const idle = v.ms.filter((m) => m.parked).map((m) => `M${m.id}`);
    const spinning = v.ms.filter((m) => m.spinning).length;
    titled(
      'ti',
      layout.idleMs,
      `idle Ms: ${idle.length ? idle.slice(0, 8).join(' ') + (idle.length > 8 ? ' …' : '') : 'none'}${spinning ? ` · spinning ${spinning}` : ''}`,
    );
    const waiting = v.byStatus['_Gwaiting'] ?? 0;
    titled('tw', layout.waiting, `waiting: ${waiting}`);
    const total =
      Object.values(v.byStatus).reduce((a, b) => a + b, 0) - (v.byStatus['_Gdead'] ?? 0);
    label(
      'header',
      `${total.toLocaleString('en-US')} goroutines · ${v.ps.length} Ps · ${v.ms.length} Ms · steals ${counters['steals'] ?? 0} · hand-offs ${counters['handoffs'] ?? 0} · preemptions ${counters['preemptions'] ?? 0} · sysmon ticks ${counters['sysmonTicks'] ?? sysmonTicks}`,
      layout.header.x,
      layout.header.y + 3,
      12,
    );
  };

  /** Per-P bars (queue length out of 256) and a heat strip of goroutine states. */
  const drawAggregates = (showBars: boolean) => {
    aggregates.clear();
    if (!view) return;
    const v = view;
    if (showBars) {
      for (const [i, lane] of layout.lanes.entries()) {
        const p = v.ps[i];
        if (!p) continue;
        const fill = Math.min(1, p.runq.length / 256);
        aggregates
          .rect(
            lane.queue.x,
            lane.lane.y + lane.lane.h * 0.2,
            lane.queue.w * fill,
            lane.lane.h * 0.6,
          )
          .fill({ color: palette.runnable, alpha: 0.8 });
        if (p.running !== null) {
          aggregates
            .rect(lane.running.x + 2, lane.running.y + 2, lane.running.w - 4, lane.running.h - 4)
            .fill({ color: palette.running });
        }
        if (p.runnext !== null) {
          aggregates
            .rect(lane.runnext.x + 2, lane.runnext.y + 2, lane.runnext.w - 4, lane.runnext.h - 4)
            .fill({ color: palette.runnable });
        }
      }
      const g = layout.globalq;
      const globalFill = Math.min(1, Math.log10(1 + v.globalRunqLen) / 5);
      aggregates
        .rect(
          g.x + 3,
          g.y + BOX_TITLE + 2,
          (g.w - 6) * globalFill,
          Math.max(4, g.h - BOX_TITLE - 6),
        )
        .fill({ color: palette.runnable, alpha: 0.8 });
    }
    // Heat strip: the share of goroutines in each state, always drawn along the bottom of "waiting".
    const strip = {
      x: layout.waiting.x + 3,
      y: layout.waiting.y + layout.waiting.h - 10,
      w: layout.waiting.w - 6,
      h: 7,
    };
    const order = [
      '_Grunning',
      '_Grunnable',
      '_Gsyscall',
      '_Gwaiting',
      '_Gpreempted',
      '_Gcopystack',
    ] as const;
    const counts = order.map((s) => v.byStatus[s] ?? 0);
    const sum = counts.reduce((a, b) => a + b, 0);
    let x = strip.x;
    for (const [i, status] of order.entries()) {
      const share = sum === 0 ? 0 : (counts[i] ?? 0) / sum;
      if (share === 0) continue;
      aggregates
        .rect(x, strip.y, strip.w * share, strip.h)
        .fill({ color: statusColor(palette, status) });
      x += strip.w * share;
    }
  };

  const placeSprites = (gs: readonly GView[]) => {
    const groups = new Map<string, number>();
    const groupKey = (g: GView) =>
      g.place.kind === 'waiting' || g.place.kind === 'netpoll' || g.place.kind === 'syscall'
        ? g.place.kind
        : '';
    const sizes = new Map<string, number>();
    for (const g of gs) {
      const k = groupKey(g);
      if (k) sizes.set(k, (sizes.get(k) ?? 0) + 1);
    }
    gTokens.begin();
    for (const g of gs) {
      const k = groupKey(g);
      const rank = k ? (groups.get(k) ?? 0) : 0;
      if (k) groups.set(k, rank + 1);
      const count = k
        ? (sizes.get(k) ?? 1)
        : g.place.kind === 'globalq'
          ? (view?.globalRunqLen ?? 1)
          : 1;
      const point = placePoint(layout, g.place, rank, count);
      if (point) gTokens.put(g.id, point, layout.sprite, statusColor(palette, g.status));
    }
    gTokens.end();
  };

  /** Each M where it is: on its P's M slot, in the syscall box, or among the idle Ms. */
  const placeMs = () => {
    if (!view) return;
    const size = Math.max(4, Math.min(10, layout.sprite));
    const ranks = { syscall: 0, idle: 0 };
    const loose = view.ms.filter((m) => m.p === null);
    const inSyscall = loose.filter((m) => m.inSyscall).length;
    mTokenSet.begin();
    for (const m of view.ms) {
      let point: Point;
      const lane = m.p === null ? undefined : layout.lanes[m.p];
      if (lane) {
        // Right of the "M3" label, which names the thread while it holds the P.
        point = { x: lane.m.x + lane.m.w - size / 2, y: lane.m.y + lane.m.h / 2 };
      } else if (m.inSyscall) {
        point = gridCell(inner(layout.syscall), ranks.syscall++, inSyscall, 2, size + 2);
      } else {
        point = gridCell(inner(layout.idleMs), ranks.idle++, loose.length - inSyscall, 2, size + 2);
      }
      mTokenSet.put(m.id, point, size, palette.accent);
    }
    mTokenSet.end();
  };

  /** Steals and hand-offs newer than the last view flash briefly; the settled picture has none. */
  const noteEvents = (trace: readonly TraceEvent[]) => {
    sysmonTicks = 0;
    for (const e of trace) {
      if (e.kind === 'note' && /sysmon/i.test(e.text)) sysmonTicks += 1;
      if (e.seq <= lastSeq) continue;
      if (e.kind === 'steal') {
        const from = e.from && 'p' in e.from ? e.from.p : e.p;
        if (from !== undefined && e.p !== undefined)
          flashes.push({ kind: 'steal', from, to: e.p, ageMs: 0 });
      } else if (e.kind === 'handoff' && e.p !== undefined) {
        flashes.push({ kind: 'handoff', from: e.p, to: e.p, ageMs: 0 });
      }
    }
    lastSeq = trace.at(-1)?.seq ?? lastSeq;
    if (flashes.length > 64) flashes = flashes.slice(-64);
  };

  const drawFlashes = () => {
    flashLayer.clear();
    for (const f of flashes) {
      const alpha = Math.max(0, 1 - f.ageMs / FLASH_MS);
      if (f.kind === 'sysmon') {
        const c = sysmonSpot();
        flashLayer.circle(c.x, c.y, 5 + 6 * (f.ageMs / FLASH_MS)).stroke({
          width: 2,
          color: palette.accent,
          alpha,
        });
        continue;
      }
      const a = layout.lanes[f.from];
      const b = layout.lanes[f.to];
      if (!a || !b) continue;
      if (f.kind === 'steal') {
        const x = a.queue.x + 6;
        const y1 = a.lane.y + a.lane.h / 2;
        const y2 = b.lane.y + b.lane.h / 2;
        flashLayer
          .moveTo(x, y1)
          .quadraticCurveTo(x - 40, (y1 + y2) / 2, x, y2)
          .stroke({ width: 2, color: palette.accent, alpha });
      } else {
        flashLayer
          .roundRect(a.lane.x, a.lane.y, a.lane.w, a.lane.h, 4)
          .stroke({ width: 2, color: palette.syscall, alpha });
      }
    }
  };

  const redraw = () => {
    if (!view) return;
    const many = view.gsTruncated || view.gs.length > SPRITE_LIMIT;
    drawFrame();
    drawAggregates(many);
    if (many) gTokens.clear();
    else placeSprites(view.gs);
    placeMs();
    // Re-rendering a dozen text textures every frame costs more than everything else drawn, so
    // while playing the labels refresh every few frames; a paused picture always has them exact.
    liveShows = live ? liveShows + 1 : 0;
    if (liveShows % LIVE_LABEL_EVERY === 0) drawLabels();
    drawFlashes();
  };

  const renderer: StageRenderer = {
    show({ view: next, trace, counters: nextCounters, horizonNs: horizon, live: isLive }) {
      horizonNs = horizon;
      live = isLive;
      const newest = trace.at(-1)?.seq ?? -1;
      if (!view || next.nowNs < view.nowNs || newest < lastSeq) {
        // First picture, a step back or a fresh run: nothing is new, so nothing flashes.
        flashes = [];
        lastSeq = newest;
      }
      if (!view || view.ps.length !== next.ps.length) {
        layout = layoutGmp(width, height, next.ps.length);
      }
      // sysmon woke since the last picture if the run passed the instant it was due.
      if (sysmonDueNs !== null && next.nowNs >= sysmonDueNs && view && next.nowNs > view.nowNs)
        flashes.push({ kind: 'sysmon', from: 0, to: 0, ageMs: 0 });
      sysmonDueNs = next.sysmon?.nextTickNs ?? null;
      view = next;
      counters = nextCounters;
      noteEvents(trace);
      redraw();
    },
    tick(dtMs, animate) {
      let moving = false;
      for (const s of [...gTokens.tokens.values(), ...mTokenSet.tokens.values()]) {
        const p = s.particle;
        if (p.x === s.tx && p.y === s.ty) continue;
        p.x = animate ? approach(p.x, s.tx, dtMs) : s.tx;
        p.y = animate ? approach(p.y, s.ty, dtMs) : s.ty;
        moving = true;
      }
      if (flashes.length > 0) {
        for (const f of flashes) f.ageMs += animate ? dtMs : FLASH_MS;
        flashes = flashes.filter((f) => f.ageMs < FLASH_MS);
        drawFlashes();
        moving = true;
      }
      return moving;
    },
    layout(w, h, p) {
      width = w;
      height = h;
      palette = p;
      layout = layoutGmp(w, h, view?.ps.length ?? 1);
      texts.recolor(palette.ink);
      redraw();
      for (const s of [...gTokens.tokens.values(), ...mTokenSet.tokens.values()]) {
        s.particle.x = s.tx;
        s.particle.y = s.ty;
      }
    },
    destroy() {
      texts.clear();
      gTokens.tokens.clear();
      mTokenSet.tokens.clear();
    },
  };
  return renderer;
};
