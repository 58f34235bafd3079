import type { Container, WebGLRenderer } from 'pixi.js';
import { loadStage } from './load-stage';
import { readPalette } from './palette';
import type { AnyStageFactory, StageInput, StageRenderer } from './stage';

/**
 * What a widget holds once its stage is ready. The widget's frame loop drives it; the host never
 * runs a ticker of its own, so nothing animates off-screen or in a hidden tab.
 */
export interface StageHandle {
  /**
   * Hand the stage a new picture. It is rendered by the next `frame()`, which the widget's frame
   * loop calls in the same animation frame: rendering here too drew every changed frame twice
   * (in headless Chromium's software WebGL that doubled the GPU process's work per frame).
   */
  show(input: StageInput): void;
  /** Advance tweens by `dtMs` and render. True while something still moves. */
  frame(dtMs: number, animate: boolean): boolean;
}

export interface StageCallbacks {
  onReady(stage: StageHandle): void;
  /** The stage cannot draw; `reason` is one sentence for the reader. */
  onUnavailable(reason: string): void;
}

/**
 * Live renderers (WebGL contexts) on this page, for tests and for the ten-widget budget (Chromium allows 16).
 * Returns the new count.
 */
function liveCounter(delta: number): number {
  const w = window as Window & { __ghostLiveStages?: number };
  w.__ghostLiveStages = (w.__ghostLiveStages ?? 0) + delta;
  return w.__ghostLiveStages;
}

const NO_WEBGL =
  'This browser has WebGL turned off or unavailable, so the drawing cannot be shown. ' +
  'The controls, the transcript and the charts still work.';

/**
 * How every stage's renderer is made; the render bench's floor (tests/bench/render-floor.ts)
 * makes its control renderer with the same options, so the two draw under the same conditions.
 */
export function rendererOptions(size: { width: number; height: number }) {
  return {
    ...size,
    autoDensity: true,
    resolution: window.devicePixelRatio,
    backgroundAlpha: 0,
    // Squares and straight bars: edge smoothing buys nothing visible, and where WebGL runs in
    // software (headless browsers, GPU blocklists) multisampling multiplies the cost of a frame.
    antialias: false,
    // ./pixi imports the extensions the stages need; skip Pixi's own browser bundle.
    manageImports: false,
    // Lets tests and the bench read the canvas back after a render.
    preserveDrawingBuffer: true,
  };
}

/**
 * Textures one batch of sprites, text or Graphics may mix. Pixi's batch shader picks each pixel's
 * texture through a chain of ifs as long as this limit (16 on most GPUs); where WebGL runs in
 * software (headless browsers, GPU blocklists) every pixel pays for the chain: a canvas-sized
 * Graphics fill cost SwiftShader ~5 times as much with 16 as with 1. A stage draws few textures
 * (Texture.WHITE and one per label), so a batch per texture costs only a few more draw calls.
 * https://github.com/pixijs/pixijs/blob/v8.22.0/src/rendering/high-shader/shader-bits/generateTextureBatchBit.ts
 */
const BATCH_TEXTURES = 1;

/**
 * Caps an initialised renderer's batchable textures. The Graphics pipe compiled its shader with
 * the limit during `init()`, so it compiles it again; batchers are made at the first render.
 */
function limitBatchTextures(renderer: WebGLRenderer): void {
  const limits = renderer.limits;
  if (limits.maxBatchableTextures <= BATCH_TEXTURES) return;
  limits.maxBatchableTextures = BATCH_TEXTURES;
  renderer.renderPipes.graphics.contextChange();
}

/**
 * Mounts a PixiJS stage into `host`, implementing the lifecycle every widget shares:
 * - the renderer is created only when `near` (by default `host`) comes within 200px of the
 *   viewport. On /embed/ it is the widget's whole frame, which scrolls inside itself: its stage
 *   can begin below the frame's first screen (a phone-sized iframe), where the stage's own
 *   observer never fired, yet the host page chose to show the widget. Inside an iframe the
 *   viewport is the host page's, so an iframe outside the host's view still waits;
 * - `init()` is async, so teardown may run first: a `disposed` flag guards it (destroying a
 *   half-initialised renderer throws, https://github.com/pixijs/pixijs/issues/10331);
 * - destroy with `releaseGlobalResources` only for the last live renderer: those process-global
 *   pools are shared by every other widget on the page;
 * - element resizes come from a ResizeObserver (Pixi's resizeTo only hears window resizes);
 * - a lost WebGL context (too many on the page) becomes a message, not a blank box.
 * Returns the teardown that releases everything it created.
 */
export function mountStage(
  host: HTMLElement,
  factory: AnyStageFactory,
  callbacks: StageCallbacks,
  near: Element = host,
) {
  let disposed = false;
  let started = false;
  let gl: { renderer: WebGLRenderer; stage: Container } | undefined;
  let renderer: StageRenderer | undefined;

  const size = () => ({
    width: Math.max(1, host.clientWidth),
    height: Math.max(1, host.clientHeight),
  });
  const relayout = () => {
    if (!gl || !renderer) return;
    const { width, height } = size();
    gl.renderer.resize(width, height);
    renderer.layout(gl.renderer.screen.width, gl.renderer.screen.height, readPalette(host));
    gl.renderer.render(gl.stage);
  };
  const resizeObserver = new ResizeObserver(relayout);
  const themeObserver = new MutationObserver(relayout);
  const onContextLost = (event: Event) => {
    event.preventDefault();
    callbacks.onUnavailable('The drawing lost its WebGL context; reload the page to see it again.');
  };

  const start = async () => {
    const { pixi, draw } = await loadStage(factory);
    if (disposed) return;
    if (!pixi.isWebGLSupported()) {
      callbacks.onUnavailable(NO_WEBGL);
      return;
    }
    const created = new pixi.WebGLRenderer();
    await created.init(rendererOptions(size()));
    limitBatchTextures(created);
    const stage = new pixi.Container();
    if (disposed) {
      created.destroy({ removeView: true });
      stage.destroy({ children: true });
      return;
    }
    gl = { renderer: created, stage };
    liveCounter(1);
    created.canvas.setAttribute('aria-hidden', 'true');
    created.canvas.addEventListener('webglcontextlost', onContextLost);
    host.append(created.canvas);
    const palette = readPalette(host);
    const current = draw({ stage, screen: created.screen, canvas: created.canvas }, palette);
    renderer = current;
    current.layout(created.screen.width, created.screen.height, palette);
    resizeObserver.observe(host);
    themeObserver.observe(document.documentElement, {
      attributeFilter: ['data-theme'],
    });
    callbacks.onReady({
      show(input) {
        current.show(input);
      },
      frame(dtMs, animate) {
        const moving = current.tick(dtMs, animate);
        created.render(stage);
        return moving;
      },
    });
  };

  const nearViewport = new IntersectionObserver(
    (entries) => {
      if (started || !entries.some((e) => e.isIntersecting)) return;
      started = true;
      nearViewport.disconnect();
      start().catch((error: unknown) => {
        if (disposed) return;
        const detail = error instanceof Error ? error.message : String(error);
        callbacks.onUnavailable(`The drawing could not start (${detail}). ${NO_WEBGL}`);
      });
    },
    { rootMargin: '200px' },
  );
  nearViewport.observe(near);

  return () => {
    disposed = true;
    nearViewport.disconnect();
    resizeObserver.disconnect();
    themeObserver.disconnect();
    renderer?.destroy();
    renderer = undefined;
    if (gl) {
      gl.renderer.canvas.removeEventListener('webglcontextlost', onContextLost);
      // Pixi's process-global pools are shared by every live renderer, so they are released
      // only with the last one (releasing them earlier corrupts the others).
      const last = liveCounter(-1) === 0;
      gl.stage.destroy({ children: true });
      gl.renderer.destroy({ removeView: true, releaseGlobalResources: last });
      gl = undefined;
    }
  };
}
