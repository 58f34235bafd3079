/** Filled rectangles a picture lays out afresh each time it is drawn (see particle-rects.ts). */
export interface FilledRects {
  /** Starts a picture: the rectangles put since the last `begin` are forgotten. */
  begin(): void;
  /** A rectangle with its top-left corner at (x, y); empty ones are skipped. */
  rect(x: number, y: number, w: number, h: number, color: number): void;
  /** Ends the picture. */
  end(): void;
}

const css = (color: number) => `#${color.toString(16).padStart(6, '0')}`;

/**
 * Static filled rectangles as CSS backgrounds of the (transparent) canvas, one gradient layer
 * each, so the browser paints them once instead of WebGL shading every one of their pixels on
 * every frame. Where WebGL runs in software (headless browsers, GPU blocklists) a frame's cost is
 * nearly all fill: a quad the size of the gmp canvas costs SwiftShader ~20 ms (the render bench's
 * floor, tests/bench/render-floor.ts), and the lanes alone cover half the canvas. Only for what
 * changes with the layout or the theme, never with the run: the canvas's pixels (what a copied
 * picture or a test reads) do not include them.
 */
export function cssRects(canvas: HTMLCanvasElement): FilledRects {
  let layers: string[] = [];
  return {
    begin() {
      layers = [];
    },
    rect(x, y, w, h, color) {
      if (w <= 0 || h <= 0) return;
      const c = css(color);
      layers.push(`linear-gradient(${c}, ${c}) ${x}px ${y}px / ${w}px ${h}px no-repeat`);
    },
    end() {
      canvas.style.background = layers.join(', ');
    },
  };
}
