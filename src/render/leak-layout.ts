import { fitText, type MeasureText } from './fit-text';
import type { Box } from './geometry';

/**
 * Where a leak lab's stage (./leak-stage.ts) puts its text and marks, for any stage size and any
 * number of rows. Both halves get the same boxes, so the buggy and fixed runs line up row by row.
 */
export interface LeakLayout {
  readonly clock: Box;
  readonly clockFont: number;
  /** True when the halves sit side by side, false when the fixed run is below the buggy one. */
  readonly sideBySide: boolean;
  readonly titleFont: number;
  readonly lastFont: number;
  /** Every row label's font, px: 12 down to LABEL_FONT_MIN. */
  readonly labelFont: number;
  /** True when each row's label and marks share one line, the label on the left. */
  readonly inline: boolean;
  readonly halves: readonly [LeakHalf, LeakHalf];
}

export interface LeakHalf {
  /** The half's frame; everything below lies inside it. */
  readonly box: Box;
  readonly title: Box;
  /** The run's last event in words; null when the rows need its line. */
  readonly last: Box | null;
  readonly rows: readonly LeakRowBoxes[];
}

export interface LeakRowBoxes {
  /** The row's text, one line at the layout's labelFont. */
  readonly label: Box;
  /** Its marks, or its bar. */
  readonly marks: Box;
}

/** The floor for a row label's font, px: below it text is hard to read on a phone. */
export const LABEL_FONT_MIN = 10;
/** Row label fonts, largest first. */
const LABEL_FONTS = [12, 11, LABEL_FONT_MIN];
export const MARK = 6;
export const MARK_GAP = 2;
/** A bar is at most this tall; in a shorter marks box it takes the box's height. */
const BAR_H = 14;

const CLOCK_FONT = 12;
const LAST_FONT = 11;
/** Around and between the halves. */
const OUTER = 10;
/** Inside a half: left and right, above the title, below the last row. */
const PAD = 10;
const PAD_TOP = 4;
const PAD_BOTTOM = 5;
/** Between the title block and the first row, and between a label and its marks below it. */
const HEAD_GAP = 3;
const LABEL_GAP = 1;
/** Between rows: a two-line row ends in marks, so it needs more air than a line of text. */
const ROW_GAP = 3;
const INLINE_ROW_GAP = 1;
/** A two-line row's marks box is at least one line of marks high. */
const MIN_MARKS_H = MARK;
/** Inline, the label takes this share of the width; the marks the rest, after a gap. */
const INLINE_LABEL_SHARE = 0.58;
const INLINE_GAP = 6;
/** Below this width the halves are stacked, unless their rows would need smaller titles. */
const SIDE_BY_SIDE_WIDTH = 560;

/** Height of one line of text at `size` px: Pixi's text box is 1.1-1.3 em in common system fonts. */
export function lineHeight(size: number): number {
  return Math.ceil(size * 1.3);
}

interface Head {
  readonly title: number;
  readonly last: boolean;
}

/** The title block, fullest first: the last event's line goes before the title shrinks. */
const FULL_TITLE = 14;
const HEADS: readonly Head[] = [
  { title: FULL_TITLE, last: true },
  { title: FULL_TITLE, last: false },
  { title: 12, last: false },
];

interface Rows {
  readonly inline: boolean;
  readonly font: number;
}

/**
 * What a reader gives up as room runs out, in order: a smaller label font down to the floor, then
 * label and marks on one line (at the largest font that fits again), then the last-event line,
 * then a smaller title. Whether a row gets marks or a bar is the counts' business (markCapacity);
 * text that is still too wide is cut with an ellipsis (rowText).
 */
const STEPS: readonly { readonly head: Head; readonly rows: Rows }[] = HEADS.flatMap((head) =>
  [false, true].flatMap((inline) => LABEL_FONTS.map((font) => ({ head, rows: { inline, font } }))),
);
const LAST_STEP = STEPS[STEPS.length - 1]!;

/**
 * The boxes for a stage `width` × `height` px whose halves hold `rows` rows each (the larger count
 * of the two runs). Below SIDE_BY_SIDE_WIDTH the halves are stacked, keeping their full-size titles:
 * where that needs smaller ones they go side by side instead, each with twice the height (and half
 * the width: the labels are cut shorter, so this comes last). Past what any step fits (beyond ten
 * rows on a 320 × 200 stage), rows share the room equally and their text may run into the next row.
 */
export function layoutLeak(width: number, height: number, rows: number): LeakLayout {
  const w = Math.max(1, Math.floor(width));
  const h = Math.max(1, Math.floor(height));
  const n = Math.max(1, rows);
  const clock = { x: OUTER, y: 3, w: Math.max(0, w - 2 * OUTER), h: lineHeight(CLOCK_FONT) };
  const top = clock.y + clock.h + HEAD_GAP;
  const arrangements = w >= SIDE_BY_SIDE_WIDTH ? [true] : [false, true];
  for (const sideBySide of arrangements) {
    const frame = halfFrame(w, h, top, sideBySide);
    for (const step of STEPS) {
      if (!sideBySide && step.head.title < FULL_TITLE) break;
      const half = layoutHalf(frame, step.head, step.rows, n);
      if (half) return assemble(clock, sideBySide, frame, step.head, step.rows, n);
    }
  }
  const frame = halfFrame(w, h, top, true);
  return assemble(clock, true, frame, LAST_STEP.head, LAST_STEP.rows, n);
}

/** The first half's frame (the second is the same size, beside or below it). */
function halfFrame(w: number, h: number, top: number, sideBySide: boolean): Box {
  return sideBySide
    ? { x: OUTER, y: top, w: Math.floor((w - 3 * OUTER) / 2), h: Math.max(0, h - top - OUTER) }
    : { x: OUTER, y: top, w: w - 2 * OUTER, h: Math.max(0, Math.floor((h - top - 2 * OUTER) / 2)) };
}

function assemble(
  clock: Box,
  sideBySide: boolean,
  frame: Box,
  head: Head,
  rows: Rows,
  n: number,
): LeakLayout {
  const second = sideBySide
    ? { ...frame, x: frame.x + frame.w + OUTER }
    : { ...frame, y: frame.y + frame.h + OUTER };
  const halves = [frame, second].map(
    (box) => layoutHalf(box, head, rows, n) ?? squeezed(box, head, rows, n),
  );
  return {
    clock,
    clockFont: CLOCK_FONT,
    sideBySide,
    titleFont: head.title,
    lastFont: LAST_FONT,
    labelFont: rows.font,
    inline: rows.inline,
    halves: [halves[0]!, halves[1]!],
  };
}

/** The half's title block, and the room left below it for rows. */
function headOf(box: Box, head: Head): Pick<LeakHalf, 'box' | 'title' | 'last'> & { room: Box } {
  const inner = { x: box.x + PAD, w: Math.max(0, box.w - 2 * PAD) };
  const title = { ...inner, y: box.y + PAD_TOP, h: lineHeight(head.title) };
  const last = head.last ? { ...inner, y: title.y + title.h, h: lineHeight(LAST_FONT) } : null;
  const roomY = (last ?? title).y + (last ?? title).h + HEAD_GAP;
  const room = { ...inner, y: roomY, h: box.y + box.h - PAD_BOTTOM - roomY };
  return { box, title, last, room };
}

/** Rows at one step, or null when they do not fit. */
function layoutHalf(box: Box, head: Head, rows: Rows, n: number): LeakHalf | null {
  const { room, ...rest } = headOf(box, head);
  const line = lineHeight(rows.font);
  const gap = rows.inline ? INLINE_ROW_GAP : ROW_GAP;
  const space = Math.floor((room.h + gap) / n - gap);
  if (rows.inline ? space < line : space - line - LABEL_GAP < MIN_MARKS_H) return null;
  return { ...rest, rows: rowBoxes(room, rows, n, space, gap) };
}

/** The fallback past every step: equal shares of whatever room there is. */
function squeezed(box: Box, head: Head, rows: Rows, n: number): LeakHalf {
  const { room, ...rest } = headOf(box, head);
  const space = Math.max(0, Math.floor(room.h / n));
  return { ...rest, rows: rowBoxes(room, rows, n, space, 0) };
}

function rowBoxes(room: Box, rows: Rows, n: number, space: number, gap: number): LeakRowBoxes[] {
  const line = Math.min(space, lineHeight(rows.font));
  const labelW = Math.floor((room.w - INLINE_GAP) * INLINE_LABEL_SHARE);
  return Array.from({ length: n }, (_, i) => {
    const y = room.y + i * (space + gap);
    if (rows.inline) {
      const marksX = room.x + labelW + INLINE_GAP;
      return {
        label: { x: room.x, y, w: labelW, h: line },
        marks: { x: marksX, y, w: room.x + room.w - marksX, h: line },
      };
    }
    const marksY = y + line + LABEL_GAP;
    return {
      label: { x: room.x, y, w: room.w, h: line },
      marks: { x: room.x, y: marksY, w: room.w, h: Math.max(0, y + space - marksY) },
    };
  });
}

/** How many marks fit in `box`, a line of them after another. */
export function markCapacity(box: Box): number {
  const cols = Math.floor((box.w + MARK_GAP) / (MARK + MARK_GAP));
  const lines = Math.floor((box.h + MARK_GAP) / (MARK + MARK_GAP));
  return Math.max(0, cols) * Math.max(0, lines);
}

/** Mark `index` (below markCapacity) in `box`. */
export function markBox(box: Box, index: number): Box {
  const cols = Math.max(1, Math.floor((box.w + MARK_GAP) / (MARK + MARK_GAP)));
  return {
    x: box.x + (index % cols) * (MARK + MARK_GAP),
    y: box.y + Math.floor(index / cols) * (MARK + MARK_GAP),
    w: MARK,
    h: MARK,
  };
}

/**
 * A bar for `count` of `scale` across `box`, centred in its height. At least 2 px wide, so a row
 * that holds something never looks empty.
 */
export function barBox(box: Box, count: number, scale: number): Box {
  const h = Math.min(BAR_H, box.h);
  const w = Math.min(box.w, Math.max(2, (box.w * count) / Math.max(1, scale)));
  return { x: box.x, y: box.y + (box.h - h) / 2, w, h };
}

/**
 * A row's text in `room` px: `label: detail`, else the detail cut with an ellipsis, else the label
 * cut so the count still shows (`inner handlers st…: 1,234`), else what of the count fits.
 */
export function rowText(
  label: string,
  detail: string,
  count: string,
  room: number,
  size: number,
  measure: MeasureText,
): string {
  const full = `${label}: ${detail}`;
  if (measure(full, size) <= room) return full;
  const prefix = `${label}: `;
  const cut = fitText([detail], room - measure(prefix, size), size, measure);
  // A few characters of detail say something; one letter and an ellipsis do not.
  if (cut !== '' && cut.length >= Math.min(detail.length, 5)) return prefix + cut;
  const tail = `: ${count}`;
  const short = fitText([label], room - measure(tail, size), size, measure);
  return short === '' ? fitText([count], room, size, measure) : short + tail;
}
