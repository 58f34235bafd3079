import type { GPlace } from '../scenarios/types';
import { gridCell, type Box, type Point } from './geometry';

/** Where each part of the GMP picture sits for a stage of a given size and P count. */
export interface GmpLayout {
  readonly header: Box;
  readonly lanes: readonly LaneLayout[];
  readonly globalq: Box;
  readonly netpoll: Box;
  readonly syscall: Box;
  readonly waiting: Box;
  readonly idleMs: Box;
  /** Side of one goroutine square, px. */
  readonly sprite: number;
  /** Size of the lanes' text (P and M names, queue lengths), px; 0 where a row is too short for it. */
  readonly laneFont: number;
}

export interface LaneLayout {
  readonly lane: Box;
  /** Where the P's name is written (the lane's first row). */
  readonly label: Box;
  /** The M attached to this P. */
  readonly m: Box;
  readonly running: Box;
  readonly runnext: Box;
  /** Local run queue cells, head first: right of runnext, or the lane's second row. */
  readonly queue: Box;
  /** Squares the queue shows; 0 where only its length fits (a narrow, short lane). */
  readonly queueSlots: number;
  /** Where the queue's length is written when it overflows: after the last slot drawn. */
  readonly countX: number;
}

const HEADER = 22;
const GAP = 6;
/** Room at the end of a lane's queue for its length, px (`3,000` at the lanes' largest font). */
export const QUEUE_COUNT_W = 30;
/** Width of the P's name, then of the M box, at the start of a lane, px. */
const LABEL_W = 30;
const M_W = 34;
/**
 * Fewest squares a local run queue shows before its lane splits in two rows (P, M, running and
 * runnext above, the queue across the lane below). In one row, a 234 px stage (a checkpoint's
 * column on a 320 px phone) left the queue 4 px: one square, drawn past the lane's end, and its
 * length on the right column's boxes.
 */
const MIN_QUEUE_SLOTS = 4;
/** Shortest row of a two-row lane, px: the lane's 12 px text and a 9 px square still fit it. */
const MIN_ROW_H = 16;

export function layoutGmp(width: number, height: number, pCount: number): GmpLayout {
  const w = Math.max(200, width);
  const h = Math.max(120, height);
  const header: Box = { x: GAP, y: 2, w: w - 2 * GAP, h: HEADER };
  const top = HEADER + GAP;
  const leftW = Math.floor(w * 0.6);
  const laneGap = pCount > 16 ? 1 : 4;
  const laneH = Math.max(3, (h - top - GAP - laneGap * (pCount - 1)) / Math.max(1, pCount));
  const laneEnd = leftW - 4;
  const spriteFor = (rowH: number) => Math.max(2, Math.min(12, Math.floor(rowH * 0.6)));
  const slotFor = (rowH: number) => Math.max(spriteFor(rowH) + 4, Math.min(rowH, 22));
  /** The queue's left edge when it follows runnext in the lane's one row. */
  const inlineQueueX = GAP + LABEL_W + M_W + 4 + 2 * slotFor(laneH) + 6 + 8;
  const inlineSlots = Math.floor((laneEnd - inlineQueueX - QUEUE_COUNT_W) / (spriteFor(laneH) + 2));
  const twoRows = inlineSlots < MIN_QUEUE_SLOTS && laneH >= 2 * MIN_ROW_H;
  const rowH = twoRows ? laneH / 2 : laneH;
  const sprite = spriteFor(rowH);
  const slot = slotFor(rowH);
  const lanes: LaneLayout[] = Array.from({ length: pCount }, (_, i) => {
    const y = top + i * (laneH + laneGap);
    const lane = { x: GAP, y, w: leftW - GAP, h: laneH };
    const label = { x: GAP + 2, y, w: LABEL_W - 2, h: rowH };
    const m = { x: GAP + LABEL_W, y, w: M_W, h: rowH };
    const running = { x: m.x + m.w + 4, y, w: slot, h: rowH };
    const runnext = { x: running.x + slot + 6, y, w: slot, h: rowH };
    const queueX = twoRows ? label.x : runnext.x + slot + 8;
    const queue = {
      x: queueX,
      y: twoRows ? y + rowH : y,
      w: Math.max(0, laneEnd - queueX),
      h: rowH,
    };
    // The last QUEUE_COUNT_W px hold the queue's length when it overflows (the stage writes it
    // there), so the number never sits on top of the squares. A queue without room for one
    // square and its length (many Ps on a narrow stage) shows the length alone.
    const queueSlots = Math.max(0, Math.floor((queue.w - QUEUE_COUNT_W) / (sprite + 2)));
    const countX = queueSlots === 0 ? queue.x + 2 : queue.x + queue.w - QUEUE_COUNT_W + 2;
    return { lane, label, m, running, runnext, queue, queueSlots, countX };
  });
  const rightX = leftW + GAP * 2;
  const rightW = w - rightX - GAP;
  const colH = h - top - GAP;
  const boxH = (fraction: number) => Math.max(20, Math.floor(colH * fraction) - GAP);
  const globalq = { x: rightX, y: top, w: rightW, h: boxH(0.2) };
  const netpoll = { x: rightX, y: globalq.y + globalq.h + GAP, w: rightW, h: boxH(0.18) };
  const syscall = { x: rightX, y: netpoll.y + netpoll.h + GAP, w: rightW, h: boxH(0.18) };
  const idleMs = { x: rightX, y: syscall.y + syscall.h + GAP, w: rightW, h: boxH(0.1) };
  const waitingY = idleMs.y + idleMs.h + GAP;
  const waiting = { x: rightX, y: waitingY, w: rightW, h: Math.max(20, top + colH - waitingY) };
  const laneFont = rowH >= 9 ? Math.max(8, Math.min(12, rowH)) : 0;
  return { header, lanes, globalq, netpoll, syscall, waiting, idleMs, sprite, laneFont };
}

/** Title strip inside each labelled box; sprites go below it. */
export const BOX_TITLE = 14;

/** The part of a labelled box below its title, where its items go. */
export function inner(box: Box): Box {
  return {
    x: box.x + 3,
    y: box.y + BOX_TITLE,
    w: box.w - 6,
    h: Math.max(4, box.h - BOX_TITLE - 3),
  };
}

/**
 * Centre of a goroutine at `place`. `rank`/`count` order goroutines sharing a place with no index
 * of its own (waiting, syscall, netpoll). Null for dead goroutines and unknown Ps: they are hidden.
 */
export function placePoint(
  layout: GmpLayout,
  place: GPlace,
  rank: number,
  count: number,
): Point | null {
  const centre = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
  switch (place.kind) {
    case 'running': {
      const lane = layout.lanes[place.p];
      return lane ? centre(lane.running) : null;
    }
    case 'runnext': {
      const lane = layout.lanes[place.p];
      return lane ? centre(lane.runnext) : null;
    }
    case 'localq': {
      const lane = layout.lanes[place.p];
      if (!lane) return null;
      const i = Math.min(place.index, lane.queueSlots - 1);
      return {
        x: lane.queue.x + i * (layout.sprite + 2) + layout.sprite / 2,
        y: lane.queue.y + lane.queue.h / 2,
      };
    }
    case 'globalq':
      return gridCell(inner(layout.globalq), place.index, count, 2, layout.sprite + 2);
    case 'waiting':
      return gridCell(inner(layout.waiting), rank, count, 2, layout.sprite + 2);
    case 'syscall':
      return gridCell(inner(layout.syscall), rank, count, 2, layout.sprite + 2);
    case 'netpoll':
      return gridCell(inner(layout.netpoll), rank, count, 2, layout.sprite + 2);
    case 'dead':
      return null;
  }
}

/**
 * Side of the square of a goroutine at `place` (ranked as for `placePoint`): the layout's sprite,
 * shrunk to the grid cell where many share a box, so squares never overlap; 0 (not drawn) for
 * those piled past a queue's last visible slot or a box's last cell, where only the first one
 * shows. Hidden squares cost nothing a reader sees, but where WebGL runs in software every pixel
 * of every square is shaded, overlapped or not (src/render/css-rects.ts).
 */
export function placeSize(layout: GmpLayout, place: GPlace, rank: number, count: number): number {
  switch (place.kind) {
    case 'running':
    case 'runnext':
      return layout.sprite;
    case 'localq': {
      const slots = layout.lanes[place.p]?.queueSlots ?? 0;
      return place.index < slots ? layout.sprite : 0;
    }
    case 'globalq':
      return gridSize(layout, layout.globalq, place.index, count);
    case 'waiting':
      return gridSize(layout, layout.waiting, rank, count);
    case 'syscall':
      return gridSize(layout, layout.syscall, rank, count);
    case 'netpoll':
      return gridSize(layout, layout.netpoll, rank, count);
    case 'dead':
      return 0;
  }
}

/** The square for cell `index` of `count` in `box`: the cell size arithmetic of `gridCell`. */
function gridSize(layout: GmpLayout, box: Box, index: number, count: number): number {
  const { w, h } = inner(box);
  const maxCell = layout.sprite + 2;
  const cell = Math.max(2, Math.min(maxCell, Math.floor(Math.sqrt((w * h) / Math.max(1, count)))));
  const capacity = Math.max(1, Math.floor(w / cell)) * Math.max(1, Math.floor(h / cell));
  if (index >= capacity) return 0;
  // The same 2 px gap between squares as at full size, down to 1 px squares.
  return Math.min(layout.sprite, Math.max(1, cell - 2));
}
