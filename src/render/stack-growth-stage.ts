import type { TraceEvent, View } from '../scenarios/types';
import type { Box } from './geometry';
import type { StageFactory, StageRenderer } from './stage';
import { fitText } from './fit-text';
import { textLabels } from './text-labels';
import { formatBytes, GUARD_BYTES, lastMove, readStack, type StackPicture } from './stack-view';

/**
 * One goroutine's stack as a column: stack.hi at the top, frames pushed downward, the guard zone
 * at the bottom. Right after `newstack` grows it (or GC shrinks it), the old stack is drawn beside
 * the new one, at the same bytes-per-pixel, with the copy and the pointer adjustment named.
 * See https://github.com/golang/go/blob/go1.25.0/src/runtime/stack.go (newstack, copystack).
 */
export const stackGrowthStage: StageFactory = (pixi, app, initialPalette) => {
  let palette = initialPalette;
  let width = app.screen.width;
  let height = app.screen.height;
  let view: View | null = null;
  let trace: readonly TraceEvent[] = [];
  let horizonNs = 1;
  const g = new pixi.Graphics();
  const labels = new pixi.Container();
  app.stage.addChild(g, labels);

  const texts = textLabels(pixi, labels);
  /** `wrap`: the sentence wraps at this many px (the room right of the columns). */
  const label = (
    key: string,
    text: string,
    x: number,
    y: number,
    size = 12,
    color = palette.ink,
    wrap?: number,
  ) => texts.put(key, text, x, y, size, color, wrap);

  /** Draws `stack` in `box`, whose height stands for `scaleBytes`. */
  const column = (box: Box, stack: StackPicture, scaleBytes: number, faded: boolean) => {
    const px = box.h / Math.max(1, scaleBytes);
    const h = stack.size * px;
    const top = box.y;
    g.rect(box.x, top, box.w, h)
      .fill({ color: palette.lane })
      .stroke({ width: 1, color: palette.muted });
    const guardH = Math.min(h, GUARD_BYTES * px);
    g.rect(box.x, top + h - guardH, box.w, guardH).fill({
      color: palette.waiting,
      alpha: faded ? 0.15 : 0.3,
    });
    const alpha = faded ? 0.35 : 0.9;
    if (stack.frames.length > 0 && stack.frames.every((f) => f * px >= 2)) {
      let y = top;
      stack.frames.forEach((f, i) => {
        const fh = f * px;
        g.rect(box.x + 2, y + 0.5, box.w - 4, Math.max(1, fh - 1)).fill({
          color: i === stack.frames.length - 1 ? palette.running : palette.runnable,
          alpha,
        });
        y += fh;
      });
    } else {
      g.rect(box.x + 2, top, box.w - 4, Math.min(h, stack.used * px)).fill({
        color: palette.runnable,
        alpha,
      });
    }
    return { top, h };
  };

  const redraw = () => {
    g.clear();
    texts.hideAll();
    if (!view) return;
    const stack = readStack(view);
    const move = lastMove(trace, view);
    const colW = Math.min(120, width * 0.18);
    // Between the old and the new stack: room for the arrow, less on a phone.
    const gap = Math.min(120, Math.max(40, width * 0.12));
    const area: Box = { x: 40, y: 36, w: colW, h: height - 80 };
    const oldSize =
      move?.fromBytes ??
      (move?.kind === 'stack-grow' ? stack.size / 2 : move ? stack.size * 2 : null);
    const scale = Math.max(stack.size, oldSize ?? 0, 1);
    // The recursing goroutine's id (main is G1; the stack drawn is the worker's).
    const id = stack.goid === null ? 'the goroutine' : `G${stack.goid}`;
    const size = formatBytes(stack.size);
    const used = formatBytes(stack.used);
    label(
      'title',
      fitText(
        [
          `stack of ${id}: ${size} (${stack.frames.length} frames, ${used} used)`,
          `${id}: ${size}, ${stack.frames.length} frames, ${used} used`,
          `${id} stack: ${size}`,
        ],
        width - 16,
        13,
        texts.measure,
      ),
      8,
      6,
      13,
    );
    // Sentences go in a column right of the stacks, wrapped to what the stage leaves them.
    const newX = move && oldSize !== null ? area.x + colW + gap : area.x;
    const textX = newX + colW + 12;
    const room = Math.max(60, width - textX - 8);
    let textBottom = area.y;
    if (move && oldSize !== null) {
      const oldBox: Box = { ...area };
      const newBox: Box = { ...area, x: newX };
      column(oldBox, { ...stack, size: oldSize }, scale, true);
      const drawn = column(newBox, stack, scale, false);
      label(
        'old',
        `old: ${formatBytes(oldSize)}`,
        oldBox.x,
        area.y + area.h + 4,
        12,
        palette.muted,
      );
      label('new', `new: ${size}`, newBox.x, area.y + area.h + 4, 12);
      const ay = area.y + Math.min(drawn.h, 60);
      g.moveTo(oldBox.x + colW + 6, ay)
        .lineTo(newBox.x - 8, ay)
        .stroke({ width: 2, color: palette.accent });
      g.poly([newBox.x - 8, ay - 5, newBox.x - 1, ay, newBox.x - 8, ay + 5]).fill({
        color: palette.accent,
      });
      const event = label('event', move.text, textX, area.y, 12, palette.ink, room);
      const what =
        move.kind === 'stack-grow'
          ? 'morestack → newstack: copystack to a stack twice the size'
          : 'GC: shrinkstack halves a mostly unused stack';
      const copy = label(
        'copy',
        `${what}; frames copied, pointers into the stack adjusted`,
        textX,
        event.y + event.height + 8,
        11,
        palette.accent,
        room,
      );
      textBottom = copy.y + copy.height;
    } else {
      column(area, stack, scale, false);
      label('size', size, area.x, area.y + area.h + 4, 12);
    }
    // The guard note ends level with the bottom of the stack, below whatever is written above it.
    const guardY = area.y + (stack.size / scale) * area.h;
    const guard = label(
      'guard',
      `guard (${GUARD_BYTES} B): a prologue that would dip in here calls morestack`,
      textX,
      0,
      11,
      palette.waiting,
      room,
    );
    guard.y = Math.round(Math.max(textBottom + 8, Math.min(height - 30, guardY) - guard.height));
    // Where the run stands: the bar spans the whole run, so its length depends on every parameter.
    const barW = Math.max(40, width - 300);
    g.rect(260, height - 16, barW, 4).fill({ color: palette.lane });
    const done = Math.min(1, view.nowNs / Math.max(1, horizonNs));
    g.rect(260, height - 16, barW * done, 4).fill({ color: palette.accent });
    label(
      'counters',
      `copies ${stack.copies} · bytes copied ${stack.copiedBytes.toLocaleString('en-US')}`,
      8,
      height - 22,
      12,
    );
  };

  const renderer: StageRenderer = {
    show({ view: next, trace: nextTrace, horizonNs: horizon }) {
      horizonNs = horizon;
      view = next;
      trace = nextTrace;
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
