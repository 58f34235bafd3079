/**
 * Browser side of the render bench's floor (render-floor.ts bundles it and adds it to a blank
 * page): a Pixi renderer made exactly as the stage host makes a widget's, drawing nothing but a
 * clear, or a clear and `quads` rectangles the size of the whole canvas, every animation frame.
 */
import { Container, Texture, WebGLRenderer } from '../../src/render/pixi';
import { Particle, ParticleContainer } from '../../src/render/pixi-particles';
import { rendererOptions } from '../../src/render/stage-host';

/** What a control draws each frame: no canvas at all, a clear, or a clear and full-canvas quads. */
export type FloorMode = 'none' | 'clear' | 'quads';

/** rAF-to-rAF intervals over `sampleMs`, ms (the first five dropped, as the bench does). */
async function measureFloor(
  mode: FloorMode,
  quads: number,
  width: number,
  height: number,
  sampleMs: number,
): Promise<number[]> {
  let draw = () => {};
  let release = () => {};
  if (mode !== 'none') {
    const renderer = new WebGLRenderer();
    await renderer.init(rendererOptions({ width, height }));
    document.body.append(renderer.canvas);
    const stage = new Container();
    if (mode === 'quads') {
      // One ParticleContainer of Texture.WHITE, the way the gmp stage draws its large fills.
      const layer = new ParticleContainer({ texture: Texture.WHITE });
      for (let i = 0; i < quads; i++) {
        layer.addParticle(
          new Particle({ texture: Texture.WHITE, scaleX: width, scaleY: height, alpha: 0.1 }),
        );
      }
      stage.addChild(layer);
    }
    draw = () => renderer.render(stage);
    release = () => {
      stage.destroy({ children: true });
      renderer.destroy({ removeView: true });
    };
  }
  const intervals = await new Promise<number[]>((done) => {
    const out: number[] = [];
    let last = performance.now();
    const end = last + sampleMs;
    const tick = (now: number) => {
      draw();
      out.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else done(out.slice(5));
    };
    requestAnimationFrame(tick);
  });
  release();
  return intervals;
}

(window as Window & { __renderFloor?: typeof measureFloor }).__renderFloor = measureFloor;
