import type { Browser, CDPSession, Page } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import { TOO_MANY_CONTEXTS, settle, widgetRoot, withWatchedPage } from './page-helpers';

const CYCLES = 30;
/**
 * Mounts before the baseline, so what loads or compiles once (Pixi, the chart, shader caches) and
 * the code V8 optimises as the mounts repeat are in it. Measured on gmp: after 3 mounts the heap
 * still grew ~110 KB a mount for the next 7 (almost all optimised code), after 10 about 8 KB.
 */
const WARM_UP = 10;
/** The JS heap after unmounting must come back within this fraction of where it started. */
const HEAP_TOLERANCE = 0.1;
/** Chromium keeps at most 16 live WebGL contexts per page; a page must stay below it. */
const CONTEXT_LIMIT = 16;

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize;
}

interface Counts {
  canvases: number;
  liveStages: number;
}

const counts = (page: Page): Promise<Counts> =>
  page.evaluate(() => ({
    canvases: document.querySelectorAll('canvas').length,
    liveStages: (window as Window & { __ghostLiveStages?: number }).__ghostLiveStages ?? 0,
  }));

/*
 * The waits below use locators, not waitForSelector: that returns a handle to the element it found,
 * and Playwright's DevTools session keeps every handle alive until the page closes, so each
 * mount's canvas (and its WebGL context) stayed in the heap because the test looked at it.
 */
async function toggle(page: Page, mounted: boolean): Promise<void> {
  await page.locator('[data-lab="toggle"]').click();
  await page.locator(`[data-lab-mounted="${mounted}"]`).waitFor({ state: 'attached' });
}

async function waitDrawn(page: Page, id: string): Promise<void> {
  await page
    .locator(`${widgetRoot(id)}[data-ready="true"] canvas`)
    .first()
    .waitFor({ timeout: 30_000 });
  await settle(page);
}

/** One mount that draws, then the unmount. */
async function mountCycle(page: Page, id: string): Promise<void> {
  await toggle(page, true);
  await waitDrawn(page, id);
  await toggle(page, false);
}

/**
 * Mount and unmount widget `id` 30 times in one document (/lab/<id>/): the heap comes back within
 * 10%, no canvas or WebGL context is left behind, and Chromium never warns about too many contexts.
 */
export async function checkMountCycles(
  browser: Browser,
  siteUrl: string,
  id: string,
): Promise<WidgetCheck> {
  const problems = await withWatchedPage(
    browser,
    {},
    async ({ page, errors, console: messages }) => {
      const found: string[] = [];
      const cdp = await page.context().newCDPSession(page);
      await page.goto(new URL(`lab/${id}/`, siteUrl).href);
      await waitDrawn(page, id);
      await toggle(page, false);
      // A leak still shows as growth over the 30 cycles that follow the warm-up.
      for (let i = 0; i < WARM_UP; i++) await mountCycle(page, id);
      const baseline = await heapAfterGc(cdp);
      const start = await counts(page);
      for (let i = 0; i < CYCLES; i++) await mountCycle(page, id);
      const end = await counts(page);
      const heap = await heapAfterGc(cdp);
      const growth = (heap - baseline) / baseline;
      console.log(
        `  ${id}: heap ${(baseline / 1e6).toFixed(2)} MB → ${(heap / 1e6).toFixed(2)} MB after ${CYCLES} mounts ` +
          `(${(growth * 100).toFixed(1)}%), canvases ${start.canvases} → ${end.canvases}, live stages ${end.liveStages}`,
      );
      if (growth > HEAP_TOLERANCE)
        found.push(`heap grew ${(growth * 100).toFixed(1)}% over ${CYCLES} mounts (budget 10%)`);
      if (end.canvases !== start.canvases)
        found.push(`canvases ${start.canvases} → ${end.canvases}`);
      if (end.liveStages !== 0)
        found.push(`${end.liveStages} Pixi applications still alive after unmount`);
      if (messages.some((m) => m.includes(TOO_MANY_CONTEXTS)))
        found.push(`Chromium warned "${TOO_MANY_CONTEXTS}"`);
      return [...found, ...errors];
    },
  );
  return {
    name: `${id}: mounted and unmounted ${CYCLES} times, everything released`,
    problems,
  };
}

/** A page holding ten widgets (/lab/ten/): every one draws, and fewer than 16 contexts are live. */
export async function checkTenWidgets(browser: Browser, siteUrl: string): Promise<WidgetCheck> {
  const problems = await withWatchedPage(
    browser,
    {},
    async ({ page, errors, console: messages }) => {
      const found: string[] = [];
      await page.goto(new URL('lab/ten/', siteUrl).href);
      const slots = page.locator('.slot');
      const total = await slots.count();
      if (total !== 10) found.push(`the page holds ${total} widgets, not 10`);
      for (let i = 0; i < total; i++) {
        await slots.nth(i).scrollIntoViewIfNeeded();
        await page.waitForFunction(
          (n) => document.querySelectorAll('.slot')[n]?.querySelector('[data-ready="true"] canvas'),
          i,
          {
            timeout: 30_000,
          },
        );
      }
      const live = await counts(page);
      console.log(
        `  ten widgets: ${live.canvases} canvases, ${live.liveStages} live Pixi applications`,
      );
      if (live.liveStages >= CONTEXT_LIMIT)
        found.push(`${live.liveStages} live WebGL contexts (limit ${CONTEXT_LIMIT})`);
      if (messages.some((m) => m.includes(TOO_MANY_CONTEXTS)))
        found.push(`Chromium warned "${TOO_MANY_CONTEXTS}"`);
      const lost = await page.getByText('lost its WebGL context').count();
      if (lost > 0) found.push(`${lost} widgets lost their WebGL context`);
      await toggle(page, false);
      const after = await counts(page);
      if (after.canvases !== 0 || after.liveStages !== 0) {
        found.push(
          `after unmounting: ${after.canvases} canvases, ${after.liveStages} live applications`,
        );
      }
      return [...found, ...errors];
    },
  );
  return {
    name: 'a page with ten widgets draws them all with fewer than 16 WebGL contexts',
    problems,
  };
}
