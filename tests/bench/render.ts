/**
 * Rendering budget of design.md: median frame time of the `gmp` widget in headless Chromium while
 * it plays, with 2,000 goroutines (individual sprites; budget 16.7 ms) and with 100,000
 * (aggregates; budget 33 ms). Needs a built site: `npm run build`, then `npx tsx tests/bench/render.ts`
 * (or `npm run bench`). Reports; never fails on time.
 *
 * Two figures per run: the frame interval (requestAnimationFrame to requestAnimationFrame, what a
 * reader sees) and the widget's own work per frame (advance the simulation, build the View, draw,
 * render), which the widget records in `window.__ghostFrameCosts`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hasChromium, launchChromium } from '../harness/chromium.ts';
import { startStaticServer } from '../harness/static-server.ts';

const SAMPLE_MS = 6000;
const CASES = [
  { goroutines: 2000, budgetMs: 16.7 },
  { goroutines: 100_000, budgetMs: 33 },
] as const;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
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
    for (const { goroutines, budgetMs } of CASES) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      await page.goto(new URL(`embed/gmp/?goroutines=${goroutines}&seed=1`, server.siteUrl).href);
      await page.waitForSelector('section[data-widget="gmp"][data-ready="true"] canvas', {
        timeout: 120_000,
      });
      await page.locator('section[data-widget="gmp"] [data-control="play"]').click();
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
      const costs = await page.evaluate(
        () =>
          (window as Window & { __ghostFrameCosts?: Record<string, number[]> }).__ghostFrameCosts?.[
            'gmp'
          ] ?? [],
      );
      const step = await page.locator('section[data-widget="gmp"]').getAttribute('data-step');
      const frame = median(intervals);
      const work = median(costs.slice(-300));
      const verdict = frame <= budgetMs ? 'ok' : 'OVER';
      log(
        `render gmp, ${goroutines.toLocaleString('en-US')} goroutines: median frame ${frame.toFixed(1)} ms ` +
          `(budget ${budgetMs} ms: ${verdict}), widget work ${work.toFixed(1)} ms/frame, ` +
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
