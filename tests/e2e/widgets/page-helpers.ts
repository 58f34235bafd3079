import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/** Console text Chromium prints when a page holds more WebGL contexts than it allows (16). */
export const TOO_MANY_CONTEXTS = 'Too many active WebGL contexts';

export interface Watched {
  readonly page: Page;
  /** Page errors and console errors so far. */
  readonly errors: string[];
  /** Every console message (any level), for warnings such as lost WebGL contexts. */
  readonly console: string[];
}

/**
 * A fresh context and page, with its errors collected. Reduced motion and a device scale factor of
 * 1 make the canvas deterministic: no tweening, so two pictures of the same state are identical.
 */
export async function withWatchedPage<T>(
  browser: Browser,
  options: BrowserContextOptions,
  run: (watched: Watched) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    viewport: { width: 1000, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const messages: string[] = [];
  page.on('console', (message) => {
    messages.push(message.text());
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  try {
    return await run({ page, errors, console: messages });
  } finally {
    await context.close();
  }
}

export const widgetRoot = (id: string) => `section[data-widget="${id}"]`;

/** Waits until widget `id` has drawn its stage. */
export async function waitReady(page: Page, id: string, timeout = 30_000): Promise<void> {
  await page
    .locator(`${widgetRoot(id)}[data-ready="true"] canvas`)
    .first()
    .waitFor({ timeout });
  await settle(page);
}

/** Two animation frames: whatever the last action changed has been drawn. */
export async function settle(page: Page): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  }
}

export interface CanvasDigest {
  /** FNV-1a over the RGBA bytes. */
  readonly hash: string;
  /** Pixels that are not fully transparent (the stage has a transparent background). */
  readonly inked: number;
}

/** Reads back the widget's canvas (created with preserveDrawingBuffer) and digests its pixels. */
export async function canvasDigest(page: Page, id: string): Promise<CanvasDigest> {
  return page.evaluate((selector) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`${selector} canvas`);
    if (!canvas) return { hash: 'no canvas', inked: 0 };
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    if (!ctx) return { hash: 'no 2d context', inked: 0 };
    ctx.drawImage(canvas, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let hash = 0x811c9dc5;
    let inked = 0;
    for (let i = 0; i < data.length; i++) {
      hash = Math.imul(hash ^ (data[i] ?? 0), 0x01000193) >>> 0;
      if (i % 4 === 3 && (data[i] ?? 0) > 0) inked += 1;
    }
    return { hash: hash.toString(16), inked };
  }, widgetRoot(id));
}

/** The widget's own query parameters as the page URL shows them. */
export function queryOf(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}
