import type { Graphics, Text } from 'pixi.js';
import { formatVirtualTime } from '../widgets/shell/transcript';
import type { HoldingRow } from './leak-rows';
import type { Palette, StageFactory, StageInput, StageRenderer } from './stage';

/** One run of a leak lab as its half of the stage shows it. */
export interface LeakSide {
  readonly title: string;
  readonly rows: readonly HoldingRow[];
  /** The run's newest trace event in words: what the last step did. */
  readonly lastEvent: string;
}

/**
 * What a leak lab passes to `show`: the buggy run's input (so the stage host and any StageInput
 * reader see an ordinary one) plus both sides to draw, buggy first.
 */
export interface LeakStageInput extends StageInput {
  readonly sides: readonly [LeakSide, LeakSide];
  /** The program both runs share (seed and parameters), printed beside the clock. */
  readonly caption: string;
  /** The shared clock (the buggy run's View may stand at its last event, before it). */
  readonly nowNs: number;
}

/** Text cut to `chars` characters so it stays inside its half of the stage. */
function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function isLeakInput(input: StageInput): input is LeakStageInput {
  return Array.isArray((input as Partial<LeakStageInput>).sides);
}

/** Past this many marks in one half, every row is drawn as a bar (level of detail). */
const MAX_MARKS = 2000;
const MARK = 6;
const GAP = 2;
const PAD = 10;
const TITLE_H = 40;
const LABEL_H = 18;
const BAR_H = 14;

/**
 * A leak lab's stage: the buggy run on the left (or on top when narrow), the fixed run beside it,
 * each as rows of what its runtime holds right now. One mark per item (a timer in a P's heap, a
 * parked goroutine), so a leak is seen piling up; beyond 2,000 marks, or more than a row's room,
 * bars on one scale shared by both halves, so the two runs stay comparable at any size.
 */
export const leakStage: StageFactory = (pixi, app, initialPalette) => {
  let palette: Palette = initialPalette;
  let width = app.screen.width;
  let height = app.screen.height;
  let input: LeakStageInput | null = null;
  const marks: Graphics = new pixi.Graphics();
  const labels = new pixi.Container();
  app.stage.addChild(marks, labels);
  const texts = new Map<string, Text>();

  const label = (key: string, text: string, x: number, y: number, size: number, bold = false) => {
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
    t.style.fill = palette.ink;
    t.style.fontWeight = bold ? '600' : 'normal';
    t.position.set(Math.round(x), Math.round(y));
    t.visible = true;
  };

  /**
   * Marks when every row of both halves fits its room and the halves stay under MAX_MARKS;
   * otherwise every row is a bar on one scale (the largest count anywhere), so nothing is drawn
   * in two ways at once and the buggy and fixed halves compare at a glance.
   */
  const detailOf = (sides: readonly LeakSide[], capacity: number) => {
    let largest = 1;
    let fits = true;
    for (const side of sides) {
      let total = 0;
      for (const row of side.rows) {
        largest = Math.max(largest, row.count);
        total += row.count;
        if (row.count > capacity) fits = false;
      }
      if (total > MAX_MARKS) fits = false;
    }
    return { marks: fits, scale: largest };
  };

  /** How a half lays out `rows` rows: marks per line, and the height each row gets. */
  const roomOf = (box: Box, rows: number) => {
    const innerW = Math.max(MARK, box.w - 2 * PAD);
    const cols = Math.max(1, Math.floor(innerW / (MARK + GAP)));
    const rowSpace = Math.max(
      LABEL_H + BAR_H,
      Math.floor((box.h - TITLE_H - PAD) / Math.max(1, rows)),
    );
    const markRows = Math.max(1, Math.floor((rowSpace - LABEL_H - GAP) / (MARK + GAP)));
    return { innerW, cols, rowSpace, capacity: cols * markRows };
  };

  const drawSide = (
    side: LeakSide,
    index: number,
    box: Box,
    detail: { marks: boolean; scale: number },
  ) => {
    const key = `s${index}`;
    marks.rect(box.x, box.y, box.w, box.h).stroke({ color: palette.lane, width: 1 });
    label(`${key}-title`, side.title, box.x + PAD, box.y + 4, 14, true);
    const chars = Math.floor((box.w - 2 * PAD) / 6.2);
    label(`${key}-last`, clip(side.lastEvent, chars), box.x + PAD, box.y + 22, 11);
    const { innerW, cols, rowSpace } = roomOf(box, side.rows.length);
    side.rows.forEach((row, i) => {
      const y = box.y + TITLE_H + i * rowSpace;
      label(`${key}-${row.key}`, clip(`${row.label}: ${row.detail}`, chars), box.x + PAD, y, 12);
      const top = y + LABEL_H;
      const color = palette[row.tone];
      if (row.count === 0) return;
      if (detail.marks) {
        for (let n = 0; n < row.count; n++) {
          const cx = box.x + PAD + (n % cols) * (MARK + GAP);
          const cy = top + Math.floor(n / cols) * (MARK + GAP);
          marks.rect(cx, cy, MARK, MARK);
        }
        marks.fill({ color });
        return;
      }
      const full = detail.scale;
      marks.rect(box.x + PAD, top, Math.max(2, (innerW * row.count) / full), BAR_H).fill({ color });
    });
  };

  const redraw = () => {
    marks.clear();
    for (const t of texts.values()) t.visible = false;
    if (!input) return;
    const { sides } = input;
    const clock = `t = ${formatVirtualTime(input.nowNs)} · ${input.caption}`;
    label('clock', clip(clock, Math.floor((width - 2 * PAD) / 6.8)), PAD, 4, 13);
    const top = 24;
    const wide = width >= 560;
    const boxes = sides.map((_, i): Box =>
      wide
        ? {
            x: PAD + i * ((width - PAD) / 2),
            y: top,
            w: (width - 3 * PAD) / 2,
            h: height - top - PAD,
          }
        : {
            x: PAD,
            y: top + i * ((height - top) / 2),
            w: width - 2 * PAD,
            h: (height - top) / 2 - PAD,
          },
    );
    const capacity = Math.min(
      ...sides.map((side, i) => (boxes[i] ? roomOf(boxes[i], side.rows.length).capacity : 0)),
    );
    const detail = detailOf(sides, capacity);
    sides.forEach((side, i) => {
      const box = boxes[i];
      if (box) drawSide(side, i, box, detail);
    });
  };

  const renderer: StageRenderer = {
    show(next) {
      if (!isLeakInput(next)) return;
      input = next;
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
