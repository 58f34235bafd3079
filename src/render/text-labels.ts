import type { Container, Text } from 'pixi.js';
import type { MeasureText } from './fit-text';
import type { Pixi } from './stage';

const FONT_FAMILY = 'system-ui, sans-serif';

/** Text a stage keeps frame to frame, by key: drawing a label again costs nothing if its words did not change. */
export interface TextLabels {
  /**
   * Shows `text` at (x, y) for this picture. The Text under `key` is reused, and its texture is
   * rebuilt only when the words or the colour change (re-rasterising text is the costliest thing a
   * stage draws).
   */
  put(
    key: string,
    text: string,
    x: number,
    y: number,
    size: number,
    color: number,
    wrapWidth?: number,
  ): Text;
  /** The width `text` would take at `size`, for `fitText` (./fit-text.ts). */
  measure: MeasureText;
  /** Hides every label; a redraw then shows the ones it puts again. */
  hideAll(): void;
  /** Gives every label `color` (after a theme switch). */
  recolor(color: number): void;
  /** Forgets the labels; the stage tree they belong to destroys them. */
  clear(): void;
}

/**
 * `wrapWidth`: labels wrap at this many px (long sentences in narrow stages); `put` may give a
 * label its own.
 */
export function textLabels(
  pixi: Pixi,
  parent: Container,
  options: { wrapWidth?: number } = {},
): TextLabels {
  const wrap =
    options.wrapWidth === undefined ? {} : { wordWrap: true, wordWrapWidth: options.wrapWidth };
  const texts = new Map<string, Text>();
  return {
    put(key, text, x, y, size, color, wrapWidth) {
      let t = texts.get(key);
      if (!t) {
        t = new pixi.Text({
          text,
          style: { fontFamily: FONT_FAMILY, fontSize: size, fill: color, ...wrap },
        });
        texts.set(key, t);
        parent.addChild(t);
      }
      if (t.text !== text) t.text = text;
      if (t.style.fill !== color) t.style.fill = color;
      if (wrapWidth !== undefined && t.style.wordWrapWidth !== wrapWidth) {
        t.style.wordWrap = true;
        t.style.wordWrapWidth = wrapWidth;
      }
      t.position.set(Math.round(x), Math.round(y));
      t.visible = true;
      return t;
    },
    measure: canvasMeasure(),
    hideAll() {
      for (const t of texts.values()) t.visible = false;
    },
    recolor(color) {
      for (const t of texts.values()) t.style.fill = color;
    },
    clear() {
      texts.clear();
    },
  };
}

/**
 * Measures with a 2D canvas in the labels' font, remembering each answer: a stage asks again for
 * the same words every picture. Pixi would measure the same way, but only for a Text it owns.
 */
function canvasMeasure(): MeasureText {
  let context: CanvasRenderingContext2D | null = null;
  const known = new Map<string, number>();
  return (text, size) => {
    const key = `${size}|${text}`;
    let width = known.get(key);
    if (width === undefined) {
      context ??= document.createElement('canvas').getContext('2d');
      if (context === null) return 0;
      context.font = `${size}px ${FONT_FAMILY}`;
      width = context.measureText(text).width;
      // Counters change the words all the time: keep the cache small.
      if (known.size > 500) known.clear();
      known.set(key, width);
    }
    return width;
  };
}
