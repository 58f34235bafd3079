/**
 * Rendering budget of design.md: the `gmp` widget playing in headless Chromium with 2,000
 * goroutines (individual sprites, budget: median frame <= 16.7 ms) and with 100,000 (aggregates;
 * design.md asks that they "stay smooth", issue #5 sets 33 ms). Needs a built site:
 * `npm run build`, then `npx tsx tests/bench/render.ts` (or `npm run bench`). Reports; never fails
 * on time (the machine is shared and its speed varies), and prints the load average beside each
 * figure.
 *
 * First the floor (render-floor.ts): the same viewport and canvas size with no canvas, with a Pixi
 * renderer made as the widget's that only clears, and with full-canvas quads. Then per case, each
 * a median over the sample:
 * - frame interval (requestAnimationFrame to requestAnimationFrame): what a reader sees, judged
 *   against the budget, and what it adds to the clear-only floor;
 * - widget JS per frame (advance the simulation, build the View, draw, render), which the widget
 *   records in `window.__ghostFrameCosts` (design.md sets no budget of its own for it), with its
 *   95th percentile for the slow frames a median hides;
 * - main-thread busy time per frame (CDP Performance.getMetrics TaskDuration): the widget JS plus
 *   the page's updates (transcript, counters, charts), style, layout and paint;
 * - CPU time the GPU process spends per frame (CDP SystemInfo), and what it adds to the floor's.
 *
 * Why the GPU process matters here: Chromium runs with --disable-gpu, so WebGL is rasterised by
 * SwiftShader (ANGLE on Vulkan, on the CPU) and, with no GPU compositor, each frame's commit reads
 * the canvas back synchronously (a CDP trace shows GLES2::ReadPixels under
 * LayerTreeHost::DoUpdateLayers waiting on ContextVk::finishImpl, i.e. for SwiftShader to finish
 * drawing). `--use-angle=swiftshader --enable-unsafe-swiftshader` picks the same SwiftShader
 * device, so there is no more honest headless set-up to switch to; the standard flags of
 * tests/harness/chromium.ts are kept. The floor shows what that costs: a clear costs little, but
 * every pixel shaded costs, so a quad the size of the canvas adds ~20 ms of GPU-process CPU per
 * frame. A reader's GPU draws the same frame in well under a millisecond.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../harness/chromium.ts';
import { startStaticServer } from '../harness/static-server.ts';
import { gpuProcessCpuMs, measureFloor, median, p95, type FloorControl } from './render-floor.ts';

const SAMPLE_MS = 6000;
const FLOOR_SAMPLE_MS = 4000;
const VIEWPORT = { width: 1280, height: 900 };
/** design.md's rendering budget (2,000) and issue #5's for 100,000. */
const CASES = [
  { goroutines: 2000, frameBudgetMs: 16.7 },
  { goroutines: 100_000, frameBudgetMs: 33 },
] as const;

/** "12.3 ms (budget 16.7 ms, ×0.74 ok)" */
/** One frame of a 60 Hz display: requestAnimationFrame intervals come in whole numbers of it. */
const VSYNC_MS = 1000 / 60;

/**
 * "16.70 ms = 1 frame at 60 Hz (budget 16.7 ms = 1 frame: ok)". design.md's budgets are whole
 * frames rounded to 0.1 ms (16.7 ms is one 60 Hz frame, 33 ms two), and rAF intervals are whole
 * vsync periods plus a few hundredths of jitter, so both are compared in frames: 33.3 ms is two
 * frames and meets the 33 ms budget; 16.72 ms is one and meets 16.7 ms.
 */
function againstBudget(ms: number, budgetMs: number): string {
  const frames = Math.round(ms / VSYNC_MS);
  const budgetFrames = Math.round(budgetMs / VSYNC_MS);
  const plural = (n: number) => `${n} frame${n === 1 ? '' : 's'}`;
  return (
    `${ms.toFixed(2)} ms = ${plural(frames)} at 60 Hz ` +
    `(budget ${budgetMs} ms = ${plural(budgetFrames)}: ${frames <= budgetFrames ? 'ok' : 'OVER'})`
  );
}

const signed = (ms: number) => `${ms >= 0 ? '+' : ''}${ms.toFixed(1)}`;
const load = () => `load ${loadavg()[0]?.toFixed(1) ?? '?'}`;

/**
 * Main-thread busy time of `page` from now on, ms (CDP Performance.getMetrics TaskDuration): the
 * returned function reads it; one session for both ends, since each enable counts afresh.
 */
async function mainThreadClock(page: Page): Promise<() => Promise<number>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const busyMs = async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
  };
  const start = await busyMs();
  return async () => {
    const elapsed = (await busyMs()) - start;
    await session.detach();
    return elapsed;
  };
}

async function logFloor(
  browser: Browser,
  canvas: { width: number; height: number },
  log: (line: string) => void,
): Promise<FloorControl | undefined> {
  const controls = await measureFloor(browser, VIEWPORT, canvas, FLOOR_SAMPLE_MS);
  log(
    `render floor, blank page, canvas ${canvas.width}×${canvas.height} (${load()}): ` +
      controls
        .map(
          (c) =>
            `${c.label} ${c.intervalMs.toFixed(1)} ms, GPU process ${c.gpuMsPerFrame.toFixed(1)} ms/frame`,
        )
        .join('; '),
  );
  return controls.find((c) => c.mode === 'clear');
}

export async function runRenderBench(
  log: (line: string) => void,
  dist = process.env.E2E_DIST ?? 'dist',
): Promise<void> {
  if (!hasChromium()) {
    log('render bench: no Chromium (set CHROME_PATH); not measured');
    return;
  }
  if (!existsSync(path.join(dist, 'embed', 'gmp', 'index.html'))) {
    log(`render bench: no built site in ${dist}/ (run npm run build first); not measured`);
    return;
  }
  const server = await startStaticServer(path.resolve(dist), '/');
  const browser = await launchChromium();
  try {
    let floor: FloorControl | undefined;
    for (const { goroutines, frameBudgetMs } of CASES) {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(new URL(`embed/gmp/?goroutines=${goroutines}&seed=1`, server.siteUrl).href);
      await page.waitForSelector('section[data-widget="gmp"][data-ready="true"] canvas', {
        timeout: 120_000,
      });
      const canvas = await page
        .locator('section[data-widget="gmp"] canvas')
        .evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
      // The floor once, for the widget's canvas size (the same in both cases).
      floor ??= await logFloor(browser, canvas, log);
      await page.locator('section[data-widget="gmp"] [data-control="play"]').click();
      const framesSoFar = `(window.__ghostFrameCosts?.gmp ?? []).length`;
      const framesBefore: number = await page.evaluate(framesSoFar);
      const gpuBefore = await gpuProcessCpuMs(browser);
      const mainThread = await mainThreadClock(page);
      // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
      const intervals: number[] = await page.evaluate(`new Promise((done) => {
        const out = [];
        let last = performance.now();
        const end = last + ${SAMPLE_MS};
        const tick = (now) => {
          out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else done(out.slice(5));
        };
        requestAnimationFrame(tick);
      })`);
      const gpuAfter = await gpuProcessCpuMs(browser);
      const mainMs = await mainThread();
      // The ring keeps the last 600 frames, so count frames from the sample, not from the ring.
      const framesDrawn = Math.max(1, (await page.evaluate<number>(framesSoFar)) - framesBefore);
      const costs = await page.evaluate(
        () =>
          (window as Window & { __ghostFrameCosts?: Record<string, number[]> }).__ghostFrameCosts?.[
            'gmp'
          ] ?? [],
      );
      const step = await page.locator('section[data-widget="gmp"]').getAttribute('data-step');
      const sampled = costs.slice(-Math.min(framesDrawn, 300));
      const interval = median(intervals);
      const gpuMs = (gpuAfter - gpuBefore) / framesDrawn;
      const overFloor = floor
        ? ` (${signed(interval - floor.intervalMs)} ms over the clear-only floor of ${floor.intervalMs.toFixed(1)} ms)`
        : '';
      const gpuOverFloor = floor ? ` (${signed(gpuMs - floor.gpuMsPerFrame)} over the floor)` : '';
      log(
        `render gmp, ${goroutines.toLocaleString('en-US')} goroutines, canvas ${canvas.width}×${canvas.height} (${load()}): ` +
          `frame interval ${againstBudget(interval, frameBudgetMs)}${overFloor}; ` +
          `widget JS ${median(sampled).toFixed(1)} ms (p95 ${p95(sampled).toFixed(1)} ms); ` +
          `main thread ${(mainMs / framesDrawn).toFixed(1)} ms/frame; ` +
          `GPU process ${gpuMs.toFixed(1)} ms/frame${gpuOverFloor}; ` +
          `${intervals.length} frames, reached event ${step}`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runRenderBench((line) => console.log(line));
}
