import type { Container, Text } from 'pixi.js';
import type { Pixi } from './stage';

/** Text a stage keeps frame to frame, by key: drawing a label again costs nothing if its words did not change. */
export interface TextLabels {
  /**
   * Shows `text` at (x, y) for this picture. The Text under `key` is reused, and its texture is
   * rebuilt only when the words or the colour change (re-rasterising text is the costliest thing a
   * stage draws).
   */
  put(key: string, text: string, x: number, y: number, size: number, color: number): Text;
  /** Hides every label; a redraw then shows the ones it puts again. */
  hideAll(): void;
  /** Gives every label `color` (after a theme switch). */
  recolor(color: number): void;
  /** Forgets the labels; the stage tree they belong to destroys them. */
  clear(): void;
}

/** `wrapWidth`: labels wrap at this many px (long sentences in narrow stages). */
export function textLabels(
  pixi: Pixi,
  parent: Container,
  options: { wrapWidth?: number } = {},
): TextLabels {
  const wrap =
    options.wrapWidth === undefined ? {} : { wordWrap: true, wordWrapWidth: options.wrapWidth };
  const texts = new Map<string, Text>();
  return {
    put(key, text, x, y, size, color) {
      let t = texts.get(key);
      if (!t) {
        t = new pixi.Text({
          text,
          style: { fontFamily: 'system-ui, sans-serif', fontSize: size, fill: color, ...wrap },
        });
        texts.set(key, t);
        parent.addChild(t);
      }
      if (t.text !== text) t.text = text;
      if (t.style.fill !== color) t.style.fill = color;
      t.position.set(Math.round(x), Math.round(y));
      t.visible = true;
      return t;
    },
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
