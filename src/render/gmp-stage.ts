import type { ParticleContainer } from 'pixi.js';
import type { GView, TraceEvent, View } from '../scenarios/types';
import { approach, gridCell, type Box, type Point } from './geometry';
import { cssRects } from './css-rects';
import { particleRects } from './particle-rects';
import { particleTokens, type Token } from './particle-tokens';
import { BOX_TITLE, inner, layoutGmp, placePoint, placeSize, type GmpLayout } from './gmp-layout';
import type { ParticlePixi, ParticleStageFactory, StageApp, Palette, StageRenderer } from './stage';
import { statusColor } from './status-colors';
import { fitText } from './fit-text';
import { textLabels } from './text-labels';

/**
 * Above this many goroutines the stage stops drawing one square per goroutine and draws
 * aggregates instead (per-P queue bars, a heat strip of states), so 100,000 stay smooth.
 */
export const SPRITE_LIMIT = 2000;
/**
 * While playing, at most this many labels get new words per frame, the longest-unchanged first:
 * re-rasterising a text and uploading its texture is the costliest thing the stage does, and all
 * of them at once made one slow frame in six. A paused picture always has every label exact.
 */
const LIVE_TEXT_UPDATES = 2;
/**
 * Thickest a queue bar gets, px: a bar reads as well at this height as at a tall lane's, and where
 * WebGL runs in software every pixel of it is shaded again each frame (css-rects.ts).
 */
const BAR_MAX_H = 24;
/** How long a steal or hand-off stays drawn, ms. */
const FLASH_MS = 900;
/** The heat strip's states, left to right. */
const HEAT_ORDER = [
  '_Grunning',
  '_Grunnable',
  '_Gsyscall',
  '_Gwaiting',
  '_Gpreempted',
  '_Gcopystack',
] as const;

interface Flash {
  readonly kind: 'steal' | 'handoff' | 'sysmon';
  readonly from: number;
  readonly to: number;
  ageMs: number;
}

/** A GMP picture: one lane per P, the global queue, netpoller, syscalls, idle Ms, waiting Gs. */
function drawGmp(pixi: ParticlePixi, app: StageApp, initialPalette: Palette): StageRenderer {
  let palette = initialPalette;
  let width = app.screen.width;
  let height = app.screen.height;
  let view: View | null = null;
  let layout: GmpLayout = layoutGmp(width, height, 1);
  let flashes: Flash[] = [];
  let counters: Readonly<Record<string, number>> = {};
  let horizonNs = 1;
  let live = false;
  let sysmonTicks = 0;
  let lastSeq = -1;

  // Layers, back to front. Lanes and the progress track, which change only with the layout or
  // the theme, are CSS behind the canvas (css-rects.ts says why); fills that follow the run are
  // particles (particle-rects.ts); the Graphics hold only thin strokes and are rebuilt when the
  // layout changes, not every frame.
  const backdropRects = cssRects(app.canvas);
  /** Slot and box outlines and sysmon's ring, also redrawn only on a new layout. */
  const outlines = new pixi.Graphics();
  /** sysmon's dot, filled while it is awake: shown or hidden by alpha, never rebuilt per frame. */
  const sysmonDot = new pixi.Graphics();
  /** What changes from picture to picture: M slots, progress, per-P bars, the heat strip. */
  const fills: ParticleContainer = new pixi.ParticleContainer({
    texture: pixi.Texture.WHITE,
    dynamicProperties: { position: true, vertex: true, color: true },
  });
  const fillRects = particleRects(pixi, fills);
  const flashLayer = new pixi.Graphics();
  // Redrawn on every frame a flash fades: a batched Graphics that changes makes Pixi rebuild the
  // whole stage's draw list, one drawn on its own only uploads its few vertices again
  // (GraphicsPipe.validateRenderable, https://github.com/pixijs/pixijs/blob/v8.22.0/src/scene/graphics/shared/GraphicsPipe.ts).
  flashLayer.context.batchMode = 'no-batch';
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
  app.stage.addChild(outlines, sysmonDot, fills, mTokens, particles, flashLayer, labels);
  const gTokens = particleTokens(pixi, particles);

  /** Labels reused frame to frame; a texture is rebuilt only when its words change. */
  const texts = textLabels(pixi, labels);
  interface LabelRequest {
    readonly key: string;
    readonly text: string;
    readonly x: number;
    readonly y: number;
    readonly size: number;
    readonly color: number;
  }
  /** The labels of the picture being drawn, shown by `showLabels`. */
  const requests: LabelRequest[] = [];
  /** Each label's words as drawn, and the picture that drew them. */
  const drawn = new Map<string, { text: string; picture: number }>();
  let labelPicture = 0;
  const label = (key: string, text: string, x: number, y: number, size = 11, color = palette.ink) =>
    requests.push({ key, text, x, y, size, color });

  /** Shows the requested labels; at most `updates` known ones get new words, the stalest first. */
  const showLabels = (updates: number) => {
    labelPicture += 1;
    const stale = requests
      .filter((r) => (drawn.get(r.key)?.text ?? r.text) !== r.text)
      .sort((a, b) => (drawn.get(a.key)?.picture ?? 0) - (drawn.get(b.key)?.picture ?? 0));
    const updated = new Set(stale.slice(0, updates).map((r) => r.key));
    texts.hideAll();
    for (const r of requests) {
      const before = drawn.get(r.key);
      const text = before && !updated.has(r.key) ? before.text : r.text;
      if (before?.text !== text) drawn.set(r.key, { text, picture: labelPicture });
      texts.put(r.key, text, r.x, r.y, r.size, r.color);
    }
    requests.length = 0;
  };

  /** sysmon's mark: the right end of the header, beside the progress bar. */
  const sysmonSpot = () => ({ x: layout.header.x + layout.header.w - 6, y: layout.header.y + 9 });
  /** The progress bar along the bottom of the header. */
  const progressBar = () => ({
    x: layout.header.x,
    y: layout.header.y + layout.header.h - 3,
    w: layout.header.w,
  });

  /** What depends only on the layout and the palette: drawn once per layout, not per frame. */
  const drawStatic = () => {
    outlines.clear();
    sysmonDot.clear();
    backdropRects.begin();
    if (view) {
      for (const lane of layout.lanes) {
        backdropRects.rect(lane.lane.x, lane.lane.y, lane.lane.w, lane.lane.h, palette.lane);
        const slotStroke = { width: 1, color: palette.muted, alpha: 0.6 };
        outlines
          .rect(lane.running.x, lane.running.y + 1, lane.running.w, lane.running.h - 2)
          .stroke(slotStroke);
        outlines
          .rect(lane.runnext.x, lane.runnext.y + 1, lane.runnext.w, lane.runnext.h - 2)
          .stroke({ ...slotStroke, alpha: 0.3 });
      }
      for (const box of [
        layout.globalq,
        layout.netpoll,
        layout.syscall,
        layout.idleMs,
        layout.waiting,
      ]) {
        outlines
          .roundRect(box.x, box.y, box.w, box.h, 4)
          .stroke({ width: 1, color: palette.muted, alpha: 0.5 });
      }
      const bar = progressBar();
      backdropRects.rect(bar.x, bar.y, bar.w, 3, palette.lane);
      // sysmon: hollow while it waits for work, filled while it is awake and ticking.
      const spot = sysmonSpot();
      outlines.circle(spot.x, spot.y, 4).stroke({ width: 1, color: palette.muted });
      sysmonDot.circle(spot.x, spot.y, 4).fill({ color: palette.accent });
    }
    backdropRects.end();
  };

  /** The parts of the frame that follow the run: M slots, sysmon's state, progress. */
  const drawFrame = () => {
    sysmonDot.alpha = view?.sysmon !== undefined && view.sysmon.nextTickNs !== null ? 1 : 0;
    if (!view) return;
    for (const [i, lane] of layout.lanes.entries()) {
      const m = view.ps[i]?.m;
      if (m !== null && m !== undefined) {
        fillRects.rect(lane.m.x, lane.m.y + 1, lane.m.w - 2, lane.m.h - 2, palette.accent, 0.18);
      }
    }
    // Where the run stands: the bar spans the whole run (its horizon depends on every parameter).
    const bar = progressBar();
    const done = Math.min(1, view.nowNs / Math.max(1, horizonNs));
    fillRects.rect(bar.x, bar.y, bar.w * done, 3, palette.accent);
  };

  /** Requests this picture's labels (`showLabels` draws them). */
  const drawLabels = () => {
    if (!view) return;
    const v = view;
    const { laneFont } = layout;
    /** Top of a line of lane text centred in `row` (the lane's first row, or its queue's). */
    const textY = (row: Box) => row.y + (row.h - laneFont) / 2 - 1;
    for (const [i, lane] of layout.lanes.entries()) {
      const p = v.ps[i];
      if (!p || laneFont === 0) continue;
      label(`p${i}`, `P${p.id}`, lane.label.x, textY(lane.label), laneFont);
      if (p.m !== null)
        label(`m${i}`, `M${p.m}`, lane.m.x + 3, textY(lane.m), laneFont, palette.accent);
      const len = p.runq.length;
      if (len > lane.queueSlots) {
        label(`q${i}`, `${len}`, lane.countX, textY(lane.queue), laneFont, palette.muted);
      }
    }
    /** A box's title, in the first of `forms` that fits its width (a phone's column is narrow). */
    const titled = (key: string, box: Box, ...forms: string[]) =>
      label(
        key,
        fitText(forms, box.w - 8, 10, texts.measure),
        box.x + 4,
        box.y + 1,
        10,
        palette.muted,
      );
    titled('tg', layout.globalq, `global runq: ${v.globalRunqLen}`, `global: ${v.globalRunqLen}`);
    titled(
      'tn',
      layout.netpoll,
      `netpoller: ${v.gs.filter((g) => g.place.kind === 'netpoll').length}${v.gsTruncated ? '+' : ''}`,
    );
    const inSyscall = v.ms.filter((m) => m.inSyscall).length;
    titled(
      'ts',
      layout.syscall,
      `in syscall: ${inSyscall} M${inSyscall === 1 ? '' : 's'}`,
      `syscall: ${inSyscall}`,
    );
    const idle = v.ms.filter((m) => m.parked).map((m) => `M${m.id}`);
    const spinning = v.ms.filter((m) => m.spinning).length;
    const spinningText = spinning ? ` · spinning ${spinning}` : '';
    titled(
      'ti',
      layout.idleMs,
      `idle Ms: ${idle.length ? idle.slice(0, 8).join(' ') + (idle.length > 8 ? ' …' : '') : 'none'}${spinningText}`,
      `idle Ms: ${idle.length}${spinningText}`,
      `idle: ${idle.length}${spinning ? `, spin ${spinning}` : ''}`,
    );
    const waiting = v.byStatus['_Gwaiting'] ?? 0;
    titled('tw', layout.waiting, `waiting: ${waiting}`);
    const total =
      Object.values(v.byStatus).reduce((a, b) => a + b, 0) - (v.byStatus['_Gdead'] ?? 0);
    const counts = `${total.toLocaleString('en-US')} goroutines · ${v.ps.length} Ps · ${v.ms.length} Ms`;
    const steals = `steals ${counters['steals'] ?? 0} · hand-offs ${counters['handoffs'] ?? 0}`;
    const header = fitText(
      [
        `${counts} · ${steals} · preemptions ${counters['preemptions'] ?? 0} · sysmon ticks ${counters['sysmonTicks'] ?? sysmonTicks}`,
        `${counts} · ${steals}`,
        counts,
      ],
      // Clear of sysmon's mark at the right end.
      layout.header.w - 14,
      12,
      texts.measure,
    );
    label('header', header, layout.header.x, layout.header.y + 3, 12);
  };

  /** Per-P bars (queue length out of 256) and a heat strip of goroutine states. */
  const drawAggregates = (showBars: boolean) => {
    if (!view) return;
    const v = view;
    if (showBars) {
      for (const [i, lane] of layout.lanes.entries()) {
        const p = v.ps[i];
        if (!p) continue;
        const fill = Math.min(1, p.runq.length / 256);
        const barH = Math.min(BAR_MAX_H, lane.queue.h * 0.6);
        fillRects.rect(
          lane.queue.x,
          lane.queue.y + (lane.queue.h - barH) / 2,
          lane.queue.w * fill,
          barH,
          palette.runnable,
          0.8,
        );
        if (p.running !== null) {
          const r = lane.running;
          fillRects.rect(r.x + 2, r.y + 2, r.w - 4, r.h - 4, palette.running);
        }
        if (p.runnext !== null) {
          const r = lane.runnext;
          fillRects.rect(r.x + 2, r.y + 2, r.w - 4, r.h - 4, palette.runnable);
        }
      }
      const g = layout.globalq;
      const globalFill = Math.min(1, Math.log10(1 + v.globalRunqLen) / 5);
      fillRects.rect(
        g.x + 3,
        g.y + BOX_TITLE + 2,
        (g.w - 6) * globalFill,
        Math.max(4, Math.min(BAR_MAX_H, g.h - BOX_TITLE - 6)),
        palette.runnable,
        0.8,
      );
    }
    // Heat strip: the share of goroutines in each state, always drawn along the bottom of "waiting".
    const strip = {
      x: layout.waiting.x + 3,
      y: layout.waiting.y + layout.waiting.h - 10,
      w: layout.waiting.w - 6,
      h: 7,
    };
    let sum = 0;
    for (const status of HEAT_ORDER) sum += v.byStatus[status] ?? 0;
    let x = strip.x;
    for (const status of HEAT_ORDER) {
      const share = sum === 0 ? 0 : (v.byStatus[status] ?? 0) / sum;
      if (share === 0) continue;
      fillRects.rect(x, strip.y, strip.w * share, strip.h, statusColor(palette, status));
      x += strip.w * share;
    }
  };

  /** Goroutines sharing a place with no index of their own: how many, and how many placed so far. */
  const shared = {
    waiting: { count: 0, rank: 0 },
    netpoll: { count: 0, rank: 0 },
    syscall: { count: 0, rank: 0 },
  };
  const placeSprites = (gs: readonly GView[]) => {
    for (const group of Object.values(shared)) {
      group.count = 0;
      group.rank = 0;
    }
    for (const g of gs) {
      const k = g.place.kind;
      if (k === 'waiting' || k === 'netpoll' || k === 'syscall') shared[k].count += 1;
    }
    const globalLen = view?.globalRunqLen ?? 1;
    gTokens.begin();
    for (const g of gs) {
      const k = g.place.kind;
      let rank = 0;
      let count = k === 'globalq' ? globalLen : 1;
      if (k === 'waiting' || k === 'netpoll' || k === 'syscall') {
        const group = shared[k];
        rank = group.rank;
        count = group.count;
        group.rank += 1;
      }
      const point = placePoint(layout, g.place, rank, count);
      if (point) {
        gTokens.put(
          g.id,
          point,
          placeSize(layout, g.place, rank, count),
          statusColor(palette, g.status),
        );
      }
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
        // Bulges left by half the bend: a queue on its lane's second row starts at the stage's edge.
        const bend = Math.min(40, 2 * (x - 2));
        const y1 = a.queue.y + a.queue.h / 2;
        const y2 = b.queue.y + b.queue.h / 2;
        flashLayer
          .moveTo(x, y1)
          .quadraticCurveTo(x - bend, (y1 + y2) / 2, x, y2)
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
    fillRects.begin();
    drawFrame();
    drawAggregates(many);
    fillRects.end();
    if (many) gTokens.clear();
    else placeSprites(view.gs);
    placeMs();
    drawLabels();
    showLabels(live ? LIVE_TEXT_UPDATES : Number.POSITIVE_INFINITY);
    drawFlashes();
  };

  /** Moves every token a frame's share of the way to its target. True if any moved. */
  const moveTokens = (tokens: Iterable<Token>, dtMs: number, animate: boolean) => {
    let moving = false;
    for (const s of tokens) {
      const p = s.particle;
      if (p.x === s.tx && p.y === s.ty) continue;
      p.x = animate ? approach(p.x, s.tx, dtMs) : s.tx;
      p.y = animate ? approach(p.y, s.ty, dtMs) : s.ty;
      moving = true;
    }
    return moving;
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
      const relayout = !view || view.ps.length !== next.ps.length;
      if (relayout) layout = layoutGmp(width, height, next.ps.length);
      // sysmon woke since the last picture if the run passed the instant it was due.
      if (sysmonDueNs !== null && next.nowNs >= sysmonDueNs && view && next.nowNs > view.nowNs)
        flashes.push({ kind: 'sysmon', from: 0, to: 0, ageMs: 0 });
      sysmonDueNs = next.sysmon?.nextTickNs ?? null;
      view = next;
      counters = nextCounters;
      noteEvents(trace);
      if (relayout) drawStatic();
      redraw();
    },
    tick(dtMs, animate) {
      const gMoving = moveTokens(gTokens.tokens.values(), dtMs, animate);
      let moving = moveTokens(mTokenSet.tokens.values(), dtMs, animate) || gMoving;
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
      drawStatic();
      redraw();
      for (const s of [...gTokens.tokens.values(), ...mTokenSet.tokens.values()]) {
        s.particle.x = s.tx;
        s.particle.y = s.ty;
      }
    },
    destroy() {
      app.canvas.style.background = '';
      texts.clear();
      drawn.clear();
      gTokens.tokens.clear();
      mTokenSet.tokens.clear();
    },
  };
  return renderer;
}

/** The gmp stage fills its lanes and bars and draws its tokens as particles. */
export const gmpStage: ParticleStageFactory = { withParticles: drawGmp };
