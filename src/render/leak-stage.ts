import type { Graphics } from 'pixi.js';
import { formatVirtualTime } from '../widgets/shell/transcript';
import { fitText } from './fit-text';
import type { Box } from './geometry';
import { barBox, layoutLeak, markBox, markCapacity, rowText, type LeakLayout } from './leak-layout';
import type { HoldingRow } from './leak-rows';
import type { Palette, StageFactory, StageInput, StageRenderer } from './stage';
import { textLabels } from './text-labels';

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

function isLeakInput(input: StageInput): input is LeakStageInput {
  return Array.isArray((input as Partial<LeakStageInput>).sides);
}

/** Past this many marks in one half, every row is drawn as a bar (level of detail). */
const MAX_MARKS = 2000;

const whole = (n: number) => n.toLocaleString('en-US');

/**
 * Marks when every row of both halves fits its marks box and the halves stay under MAX_MARKS;
 * otherwise every row is a bar on one scale (the largest count anywhere), so nothing is drawn in
 * two ways at once and the buggy and fixed halves compare at a glance (every marks box of a
 * layout has the same width).
 */
function detailOf(sides: readonly LeakSide[], layout: LeakLayout) {
  let largest = 1;
  let fits = true;
  sides.forEach((side, s) => {
    let total = 0;
    side.rows.forEach((row, i) => {
      largest = Math.max(largest, row.count);
      total += row.count;
      const boxes = layout.halves[s]?.rows[i];
      if (!boxes || row.count > markCapacity(boxes.marks)) fits = false;
    });
    if (total > MAX_MARKS) fits = false;
  });
  return { marks: fits, scale: largest };
}

/**
 * A leak lab's stage: the buggy run on the left (or on top when narrow), the fixed run beside it,
 * each as rows of what its runtime holds right now. One mark per item (a timer in a P's heap, a
 * parked goroutine), so a leak is seen piling up; beyond 2,000 marks, or more than a row's room,
 * bars on one scale shared by both halves, so the two runs stay comparable at any size. Where
 * everything goes, and what gives way on a small stage, is ./leak-layout.ts.
 */
export const leakStage: StageFactory = (pixi, app, initialPalette) => {
  let palette: Palette = initialPalette;
  let width = app.screen.width;
  let height = app.screen.height;
  let input: LeakStageInput | null = null;
  const marks: Graphics = new pixi.Graphics();
  const labels = new pixi.Container();
  app.stage.addChild(marks, labels);
  const texts = textLabels(pixi, labels);

  /** `text` at the top left of `box`, already cut to its width. */
  const label = (key: string, text: string, box: Box, size: number, bold = false) => {
    const t = texts.put(key, text, box.x, box.y, size, palette.ink);
    if (t.style.fontSize !== size) t.style.fontSize = size;
    const weight = bold ? '600' : 'normal';
    if (t.style.fontWeight !== weight) t.style.fontWeight = weight;
  };
  const fit = (text: string, box: Box, size: number) => fitText([text], box.w, size, texts.measure);

  const drawSide = (
    side: LeakSide,
    index: number,
    layout: LeakLayout,
    detail: { marks: boolean; scale: number },
  ) => {
    const key = `s${index}`;
    const half = layout.halves[index];
    if (!half) return;
    const { box } = half;
    marks.rect(box.x, box.y, box.w, box.h).stroke({ color: palette.lane, width: 1 });
    label(
      `${key}-title`,
      fit(side.title, half.title, layout.titleFont),
      half.title,
      layout.titleFont,
      true,
    );
    if (half.last) {
      label(
        `${key}-last`,
        fit(side.lastEvent, half.last, layout.lastFont),
        half.last,
        layout.lastFont,
      );
    }
    side.rows.forEach((row, i) => {
      const boxes = half.rows[i];
      if (!boxes) return;
      const size = layout.labelFont;
      const text = rowText(
        row.label,
        row.detail,
        whole(row.count),
        boxes.label.w,
        size,
        texts.measure,
      );
      label(`${key}-${row.key}`, text, boxes.label, size);
      if (row.count === 0) return;
      const color = palette[row.tone];
      if (detail.marks) {
        for (let n = 0; n < row.count; n++) {
          const m = markBox(boxes.marks, n);
          marks.rect(m.x, m.y, m.w, m.h);
        }
        marks.fill({ color });
        return;
      }
      const bar = barBox(boxes.marks, row.count, detail.scale);
      marks.rect(bar.x, bar.y, bar.w, bar.h).fill({ color });
    });
  };

  const redraw = () => {
    marks.clear();
    texts.hideAll();
    if (!input) return;
    const { sides } = input;
    const layout = layoutLeak(width, height, Math.max(...sides.map((side) => side.rows.length)));
    const clock = `t = ${formatVirtualTime(input.nowNs)} · ${input.caption}`;
    label('clock', fit(clock, layout.clock, layout.clockFont), layout.clock, layout.clockFont);
    const detail = detailOf(sides, layout);
    sides.forEach((side, i) => drawSide(side, i, layout, detail));
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
