import type { Text } from 'pixi.js';
import { formatDuration } from '../scenarios/duration';
import type { Dashboard, DashboardPanel } from '../widgets/observability/dashboard';
import { DASHBOARD_KEY } from '../widgets/observability/dashboard';
import { formatVirtualTime } from '../widgets/shell/transcript';
import type { StageFactory } from './stage';

const PAD = 10;
const HEADER = 46;
/** Below this stage width (a phone's column) the badge and the strips' labels take less room. */
const NARROW_PX = 480;
const FIRING = 0xcf222e;
const PENDING = 0xd4a72c;

/** 12,345 or 1.2 with at most one decimal below 10. */
function figure(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return Math.abs(x) >= 10
    ? Math.round(x).toLocaleString('en-US')
    : x.toFixed(1).replace(/\.0$/, '');
}

/**
 * The observability dashboard as a status board: the alert's state and time to detect on top,
 * then one strip per series (goroutines, growth per minute, heap, latency, open connections)
 * over the whole run, with the alert's threshold lines and its firing intervals shaded.
 */
export const observabilityStage: StageFactory = (pixi, app, initialPalette) => {
  let palette = initialPalette;
  let width = app.screen.width;
  let height = app.screen.height;
  let board: Dashboard | null = null;
  const g = new pixi.Graphics();
  const labels = new pixi.Container();
  app.stage.addChild(g, labels);
  const texts = new Map<string, Text>();

  /** Room for a strip's title and figure ('no request answered yet' is the longest). */
  const labelWidth = () => (width < NARROW_PX ? 132 : 150);

  const label = (
    key: string,
    text: string,
    x: number,
    y: number,
    size = 12,
    color?: number,
  ): Text => {
    let t = texts.get(key);
    if (!t) {
      t = new pixi.Text({
        text,
        style: { fontFamily: 'system-ui, sans-serif', fontSize: size, fill: palette.ink },
      });
      texts.set(key, t);
      labels.addChild(t);
    }
    if (t.text !== text) t.text = text;
    // A label keeps its key across states that draw it at different sizes.
    if (t.style.fontSize !== size) t.style.fontSize = size;
    t.style.fill = color ?? palette.ink;
    t.position.set(Math.round(x), Math.round(y));
    t.visible = true;
    return t;
  };

  const strip = (d: Dashboard, panel: DashboardPanel, i: number, top: number, h: number) => {
    const left = PAD + labelWidth();
    const w = Math.max(20, width - left - PAD);
    const x = (tMs: number) => left + (tMs / Math.max(1, d.horizonMs)) * w;
    g.rect(left, top, w, h).fill({ color: palette.lane });
    for (const f of d.firing) {
      const x0 = x(f.startMs);
      const x1 = x(f.endMs ?? d.nowMs);
      g.rect(x0, top, Math.max(1, x1 - x0), h).fill({ color: FIRING, alpha: 0.18 });
    }
    const last = [...panel.values].reverse().find(Number.isFinite);
    const shown = (v: number) =>
      panel.durationMs === true && Number.isFinite(v)
        ? formatVirtualTime(Math.round(v * 1e6))
        : `${figure(v)}${panel.unit}`;
    label(`t${i}`, panel.title, PAD, top + 2, 12);
    // A panel with no figure says why (and goes on to draw its alert line).
    if (panel.missing !== null) label(`v${i}`, panel.missing, PAD, top + 18, 11, palette.muted);
    else label(`v${i}`, last === undefined ? '–' : shown(last), PAD, top + 18, 14);
    let max = 0;
    for (const v of panel.values) if (Number.isFinite(v)) max = Math.max(max, v);
    if (panel.rule !== null) max = Math.max(max, panel.rule * 1.1);
    max = max > 0 ? max * 1.05 : 1;
    const y = (v: number) => top + h - (v / max) * (h - 4);
    if (panel.rule !== null) {
      const ruleY = y(panel.rule);
      g.rect(left, Math.round(ruleY), w, 1).fill({ color: FIRING });
      // Above its line while that stays inside the strip and below the scale's figure (top right);
      // else under the line, where it would otherwise run into the strip above or that figure.
      label(
        `r${i}`,
        `alert: ${shown(panel.rule)}`,
        left + 4,
        ruleY - 15 >= top + 14 ? ruleY - 15 : ruleY + 3,
        11,
        FIRING,
      );
    }
    let drawing = false;
    let drawn = false;
    panel.values.forEach((v, k) => {
      const px = x(d.tMs[k] ?? 0);
      if (!Number.isFinite(v)) {
        drawing = false;
        return;
      }
      if (drawing) g.lineTo(px, y(v));
      else g.moveTo(px, y(v));
      drawing = true;
      drawn = true;
    });
    // Stroking with no path would stroke the last shape drawn (the rule line) again.
    if (drawn) g.stroke({ width: 2, color: palette.accent });
    if (!drawn) return;
    const scale = label(`m${i}`, shown(max), 0, top + 2, 10, palette.muted);
    scale.x = Math.round(left + w - scale.width - 4);
  };

  const redraw = () => {
    g.clear();
    for (const t of texts.values()) t.visible = false;
    const d = board;
    if (d === null) return;
    const colour =
      d.state === 'firing' ? FIRING : d.state === 'pending' ? PENDING : palette.running;
    // A phone's column leaves the status line about 130 px: a narrower badge, and the short form.
    const badge = width < NARROW_PX ? 100 : 150;
    g.roundRect(PAD, PAD, badge, HEADER - PAD - 4, 6).fill({ color: colour });
    label('state', d.state.toUpperCase(), PAD + 10, PAD + 7, 16, 0xffffff);
    const ttd =
      d.timeToDetectMs === null
        ? 'not fired yet'
        : `time to detect ${formatDuration(Math.round(d.timeToDetectMs * 1e6))}`;
    const t = `t = ${formatVirtualTime(Math.round(d.nowMs * 1e6))} of ${formatDuration(Math.round(d.horizonMs * 1e6))}`;
    const statusRoom = width - badge - 2 * PAD - 10;
    const full = label(
      'status',
      `event ${d.events.toLocaleString('en-US')}, ${t} · ${ttd} · for ${formatDuration(d.rule.forNs)}, window ${formatDuration(d.rule.windowNs)}, rule: ${d.rule.mode}`,
      PAD + badge + 10,
      PAD + 9,
      12,
    );
    if (full.width > statusRoom) {
      full.visible = false;
      label('status-short', `${t}\n${ttd}`, PAD + badge + 10, PAD + 1, 11);
    }
    // The caption wraps to the stage's width; the strips get what is left above it.
    const caption = label('caption', d.caption, PAD, 0, 11, palette.muted);
    caption.style.wordWrap = true;
    caption.style.wordWrapWidth = Math.max(100, width - 2 * PAD);
    caption.y = Math.round(height - PAD - caption.height);
    const n = d.panels.length;
    const room = height - HEADER - PAD - caption.height - 4;
    const h = Math.max(24, room / n - 8);
    d.panels.forEach((panel, i) => strip(d, panel, i, HEADER + i * (h + 8), h));
    // Where the run stands.
    const left = PAD + labelWidth();
    const w = Math.max(20, width - left - PAD);
    const nowX = left + (d.nowMs / Math.max(1, d.horizonMs)) * w;
    g.rect(nowX, HEADER, 1, room).fill({ color: palette.ink, alpha: 0.6 });
  };

  return {
    show(input) {
      const d = input.view.extra[DASHBOARD_KEY];
      board = (d ?? null) as Dashboard | null;
      redraw();
    },
    tick: () => false,
    layout(w, h, p) {
      width = w;
      height = h;
      palette = p;
      redraw();
    },
    destroy() {
      for (const t of texts.values()) t.destroy();
      texts.clear();
    },
  };
};
