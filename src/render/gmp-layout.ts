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
}

export interface LaneLayout {
  readonly lane: Box;
  readonly label: Box;
  /** The M attached to this P. */
  readonly m: Box;
  readonly running: Box;
  readonly runnext: Box;
  /** Local run queue cells, head first. */
  readonly queue: Box;
  readonly queueSlots: number;
  /** Where the queue's length is written when it overflows: after the last slot drawn. */
  readonly countX: number;
}

const HEADER = 22;
const GAP = 6;
/** Room at the end of a lane's queue for its length, px (`3,000` at the lanes' largest font). */
export const QUEUE_COUNT_W = 30;

export function layoutGmp(width: number, height: number, pCount: number): GmpLayout {
  const w = Math.max(200, width);
  const h = Math.max(120, height);
  const header: Box = { x: GAP, y: 2, w: w - 2 * GAP, h: HEADER };
  const top = HEADER + GAP;
  const leftW = Math.floor(w * 0.6);
  const laneGap = pCount > 16 ? 1 : 4;
  const laneH = Math.max(3, (h - top - GAP - laneGap * (pCount - 1)) / Math.max(1, pCount));
  const sprite = Math.max(2, Math.min(12, Math.floor(laneH * 0.6)));
  const labelW = 30;
  const slot = Math.max(sprite + 4, Math.min(laneH, 22));
  const lanes: LaneLayout[] = Array.from({ length: pCount }, (_, i) => {
    const y = top + i * (laneH + laneGap);
    const lane = { x: GAP, y, w: leftW - GAP, h: laneH };
    const label = { x: GAP + 2, y, w: labelW, h: laneH };
    const m = { x: GAP + labelW, y, w: 34, h: laneH };
    const running = { x: m.x + m.w + 4, y, w: slot, h: laneH };
    const runnext = { x: running.x + slot + 6, y, w: slot, h: laneH };
    const queueX = runnext.x + slot + 8;
    const queue = { x: queueX, y, w: Math.max(10, lane.x + lane.w - queueX - 4), h: laneH };
    // The last QUEUE_COUNT_W px hold the queue's length when it overflows (the stage writes it
    // there), so the number never sits on top of the squares.
    const queueSlots = Math.max(1, Math.floor((queue.w - QUEUE_COUNT_W) / (sprite + 2)));
    // A queue narrower than one slot plus that room (a checkpoint's column on a phone) still
    // shows one square, so the length moves right of it, into the gap before the right column.
    const countX = Math.max(
      queue.x + queue.w - QUEUE_COUNT_W + 2,
      queue.x + queueSlots * (sprite + 2) + 2,
    );
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
  return { header, lanes, globalq, netpoll, syscall, waiting, idleMs, sprite };
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
