import type { Container, Graphics, Text, Ticker, WebGLRenderer } from 'pixi.js';

/**
 * The demo's PixiJS stage: one lane per P, with goroutines (dots) running along each lane.
 * It follows the lifecycle rules every widget must follow (src/widgets/README.md):
 * - Pixi is imported dynamically (./pixi-parts), so it loads with the widget, never with the page;
 * - `renderer.init()` is async, so teardown may run before it resolves: a `disposed` flag guards
 *   it (destroying a half-initialised renderer throws, https://github.com/pixijs/pixijs/issues/10331);
 * - `destroy({ removeView: true })`, never `destroy(true)`, which releases process-global pools
 *   that other live widgets on the page still use;
 * - the ticker runs only while the stage is on screen, the tab is visible and motion is allowed.
 */

export interface LanesStage {
  setLanes(lanes: number): void;
  setAnimated(animated: boolean): void;
}

export interface StageCallbacks {
  onReady(stage: LanesStage): void;
  /** The stage cannot draw; `reason` is one sentence for the reader. */
  onUnavailable(reason: string): void;
}

const GOROUTINES_PER_LANE = 3;
/** Fraction of the lane width a goroutine travels per second. */
const SPEED_PER_SECOND = 0.18;
const LABEL_WIDTH = 44;
const PADDING = 12;

interface Lane {
  readonly track: Graphics;
  readonly label: Text;
  readonly dots: Graphics[];
}

interface Palette {
  readonly lane: string;
  readonly label: string;
  readonly goroutine: string;
}

function readPalette(host: HTMLElement): Palette {
  const style = getComputedStyle(host);
  const pick = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    lane: pick('--stage-lane', '#d9dee7'),
    label: pick('--stage-label', '#1f2430'),
    goroutine: pick('--stage-goroutine', '#0b6bcb'),
  };
}

/** Mounts the stage into `host`; returns the teardown that releases everything it created. */
export function mountLanesStage(
  host: HTMLElement,
  initial: { lanes: number; animated: boolean },
  callbacks: StageCallbacks,
): () => void {
  let disposed = false;
  /**
   * A renderer, its root container and a ticker: what an Application holds, minus the renderer
   * auto-detection that drags the WebGPU and Canvas renderers into the download.
   */
  let app: { renderer: WebGLRenderer; stage: Container; ticker: Ticker } | undefined;
  let lanes: Lane[] = [];
  let laneCount = initial.lanes;
  let animated = initial.animated;
  let onScreen = false;
  let elapsedMs = 0;
  let makeLane: ((index: number) => Lane) | undefined;

  const layout = () => {
    if (!app) return;
    const palette = readPalette(host);
    const { width, height } = app.renderer.screen;
    const gap = 8;
    const laneHeight = Math.max(
      8,
      (height - 2 * PADDING - gap * (lanes.length - 1)) / lanes.length,
    );
    const trackWidth = Math.max(10, width - 2 * PADDING - LABEL_WIDTH);
    lanes.forEach((lane, index) => {
      const y = PADDING + index * (laneHeight + gap);
      lane.track
        .clear()
        .roundRect(PADDING + LABEL_WIDTH, y, trackWidth, laneHeight, 6)
        .fill(palette.lane);
      lane.label.style.fill = palette.label;
      lane.label.style.fontSize = Math.min(16, Math.max(11, laneHeight * 0.4));
      lane.label.position.set(PADDING, y + laneHeight / 2 - lane.label.height / 2);
      const radius = Math.max(3, Math.min(12, laneHeight * 0.3));
      lane.dots.forEach((dot) => {
        dot.clear().circle(0, 0, radius).fill(palette.goroutine);
        dot.y = y + laneHeight / 2;
      });
    });
    placeDots();
  };

  /** Dots are evenly spaced and slide right, wrapping around; lane i is offset so lanes differ. */
  const placeDots = () => {
    if (!app) return;
    const trackStart = PADDING + LABEL_WIDTH + 14;
    const trackWidth = Math.max(10, app.renderer.screen.width - 2 * PADDING - LABEL_WIDTH - 28);
    const travelled = (elapsedMs / 1000) * SPEED_PER_SECOND;
    lanes.forEach((lane, laneIndex) => {
      lane.dots.forEach((dot, dotIndex) => {
        const phase = (travelled + dotIndex / GOROUTINES_PER_LANE + laneIndex * 0.13) % 1;
        dot.x = trackStart + phase * trackWidth;
      });
    });
  };

  const rebuild = () => {
    if (!app || !makeLane) return;
    for (const lane of lanes) {
      lane.track.destroy();
      lane.label.destroy();
      for (const dot of lane.dots) dot.destroy();
    }
    lanes = Array.from({ length: laneCount }, (_, index) => makeLane?.(index)).filter(
      (lane): lane is Lane => lane !== undefined,
    );
    layout();
  };

  /** Runs the ticker only when someone can see it move; otherwise draws one still frame. */
  const syncTicker = () => {
    if (!app) return;
    if (animated && onScreen && !document.hidden) {
      app.ticker.start();
    } else {
      app.ticker.stop();
      app.renderer.render(app.stage);
    }
  };

  const onTick = (ticker: Ticker) => {
    elapsedMs += ticker.deltaMS;
    placeDots();
    app?.renderer.render(app.stage);
  };

  const resizeObserver = new ResizeObserver(() => {
    if (!app) return;
    app.renderer.resize(host.clientWidth, host.clientHeight);
    layout();
    if (!app.ticker.started) app.renderer.render(app.stage);
  });
  const intersectionObserver = new IntersectionObserver((entries) => {
    onScreen = entries.some((entry) => entry.isIntersecting);
    syncTicker();
  });
  const themeObserver = new MutationObserver(() => {
    layout();
    syncTicker();
  });
  const onVisibilityChange = () => syncTicker();

  void (async () => {
    try {
      const pixi = await import('./pixi-parts');
      if (disposed) return;
      if (!pixi.isWebGLSupported()) {
        callbacks.onUnavailable(
          'This browser has WebGL turned off or unavailable, so the drawing cannot be shown. ' +
            'The description above says what it would show.',
        );
        return;
      }
      const created = new pixi.WebGLRenderer();
      await created.init({
        width: Math.max(1, host.clientWidth),
        height: Math.max(1, host.clientHeight),
        autoDensity: true,
        resolution: window.devicePixelRatio,
        backgroundAlpha: 0,
        antialias: true,
        manageImports: false,
      });
      const stage = new pixi.Container();
      if (disposed) {
        created.destroy({ removeView: true });
        stage.destroy({ children: true });
        return;
      }
      const ticker = new pixi.Ticker();
      app = { renderer: created, stage, ticker };
      makeLane = (index) => {
        const track = new pixi.Graphics();
        const label = new pixi.Text({
          text: `P${index}`,
          style: { fontFamily: 'system-ui, sans-serif', fontSize: 14, fontWeight: '600' },
        });
        const dots = Array.from({ length: GOROUTINES_PER_LANE }, () => new pixi.Graphics());
        stage.addChild(track, label, ...dots);
        return { track, label, dots };
      };
      created.canvas.setAttribute('aria-hidden', 'true');
      host.append(created.canvas);
      ticker.add(onTick);
      rebuild();
      resizeObserver.observe(host);
      intersectionObserver.observe(host);
      themeObserver.observe(document.documentElement, { attributeFilter: ['data-theme'] });
      document.addEventListener('visibilitychange', onVisibilityChange);
      syncTicker();
      callbacks.onReady({
        setLanes(next) {
          if (next === laneCount) return;
          laneCount = next;
          rebuild();
          syncTicker();
        },
        setAnimated(next) {
          animated = next;
          syncTicker();
        },
      });
    } catch (error) {
      if (disposed) return;
      const detail = error instanceof Error ? error.message : String(error);
      callbacks.onUnavailable(`The drawing could not start (${detail}).`);
    }
  })();

  return () => {
    disposed = true;
    resizeObserver.disconnect();
    intersectionObserver.disconnect();
    themeObserver.disconnect();
    document.removeEventListener('visibilitychange', onVisibilityChange);
    if (app) {
      app.ticker.destroy();
      app.stage.destroy({ children: true });
      app.renderer.destroy({ removeView: true });
      app = undefined;
    }
  };
}
