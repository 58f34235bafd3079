import { describe, expect, it } from 'vitest';
import { cssRects } from '../../src/render/css-rects';

/** Only the canvas's style is touched; a plain object stands in for it (tests run in Node). */
const fakeCanvas = () => ({ style: { background: '' } }) as unknown as HTMLCanvasElement;

describe('css-rects: static fills painted behind the canvas', () => {
  it('paints each rectangle where the stage put it, in its colour, first on top', () => {
    const canvas = fakeCanvas();
    const rects = cssRects(canvas);
    rects.begin();
    rects.rect(6, 28, 752.5, 186, 0xe5e9f0);
    rects.rect(6, 21, 1252, 3, 0x0b6bcb);
    rects.end();
    expect(canvas.style.background).toBe(
      'linear-gradient(#e5e9f0, #e5e9f0) 6px 28px / 752.5px 186px no-repeat, ' +
        'linear-gradient(#0b6bcb, #0b6bcb) 6px 21px / 1252px 3px no-repeat',
    );
  });

  it('a new picture replaces the old one, and empty rectangles paint nothing', () => {
    const canvas = fakeCanvas();
    const rects = cssRects(canvas);
    rects.begin();
    rects.rect(0, 0, 10, 10, 0x000001);
    rects.end();
    rects.begin();
    rects.rect(0, 0, 0, 10, 0xffffff);
    rects.end();
    expect(canvas.style.background).toBe('');
  });
});
