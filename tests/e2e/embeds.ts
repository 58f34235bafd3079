import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, Page } from 'playwright-core';
import type { WidgetCheck } from './widget-checks';
import { widgetRoot, withWatchedPage } from './widgets/page-helpers';

/** A phone: the size a reader opening an embed's link, or a narrow iframe, gives it. */
const PHONE = { width: 360, height: 800 } as const;
/** Generous: the widget's JS, Pixi and a software-WebGL first frame on a busy 2-core machine. */
const DRAW_TIMEOUT_MS = 30_000;

/** True once the widget's stage canvas holds a non-transparent pixel (read back, never guessed). */
function stageDrawn(scope: Page | Frame, id: string): Promise<unknown> {
  return scope.waitForFunction(
    (root) => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        `${root}[data-ready="true"] .stage canvas`,
      );
      if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true });
      if (!ctx) return false;
      ctx.drawImage(canvas, 0, 0);
      const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return true;
      return false;
    },
    widgetRoot(id),
    { timeout: DRAW_TIMEOUT_MS, polling: 250 },
  );
}

/** Where a host page embedding the guide lives: another site (a wiki) or the guide's own origin. */
type HostOrigin = 'other' | 'same';

/**
 * Opens a host page holding `body`. On another origin it has a server of its own on another port
 * (a page answered by a route has no address, so Chromium's local network checks refuse its
 * iframe of the site on 127.0.0.1); on the same origin it replaces a page of the site.
 */
async function withHostPage<T>(
  page: Page,
  siteUrl: string,
  origin: HostOrigin,
  body: string,
  run: () => Promise<T>,
): Promise<T> {
  const html = `<!doctype html><html lang="en"><title>Host</title><body style="margin:0">${body}</body></html>`;
  if (origin === 'same') {
    await page.goto(new URL('glossary/', siteUrl).href); // any page of the site
    await page.setContent(html);
    return run();
  }
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    return await run();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The frame of the page's iframe `selector`, once its document has loaded. */
async function iframeOf(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.locator(selector).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`${selector} has no frame`);
  await frame.waitForLoadState('load');
  return frame;
}

/**
 * /embed/<id>/ opened at 360×800, never scrolled: its stage draws, and lies on the first screen;
 * and in a 360×200 iframe of another origin's page, whose first screen the controls alone fill,
 * the stage draws too. An embed is a widget the host page chose to show; the stage's own
 * near-the-viewport start never fired where the controls put it below the frame's first screen
 * (observability: 895 px down at 360×800).
 */
export async function checkEmbedDrawsAtOnce(
  browser: Browser,
  siteUrl: string,
  embedPath: string,
): Promise<WidgetCheck> {
  const id = embedPath.replace(/^embed\//, '').replace(/\/$/, '');
  const name = `/${embedPath}: draws its stage at 360×800 without scrolling, and in a 200 px iframe`;
  const problems = await withWatchedPage(browser, { viewport: PHONE }, async ({ page, errors }) => {
    const found: string[] = [];
    await page.goto(new URL(embedPath, siteUrl).href);
    try {
      await stageDrawn(page, id);
    } catch {
      found.push(`no pixel drawn on the stage within ${DRAW_TIMEOUT_MS / 1000} s`);
    }
    const where = await page.evaluate((root) => {
      const widget = document.querySelector(root);
      const stage = widget?.querySelector('.stage')?.getBoundingClientRect();
      return {
        scrolled: window.scrollY + (widget?.scrollTop ?? 0),
        top: stage?.top ?? NaN,
        bottom: stage?.bottom ?? NaN,
      };
    }, widgetRoot(id));
    if (where.scrolled !== 0) found.push(`the page scrolled by ${where.scrolled} px on its own`);
    if (!(where.top >= 0 && where.bottom <= PHONE.height)) {
      found.push(
        `the stage spans ${Math.round(where.top)}–${Math.round(where.bottom)} px, ` +
          `not all on the first ${PHONE.height} px`,
      );
    }
    const iframe =
      `<iframe src="${new URL(embedPath, siteUrl).href}" title="${id}" ` +
      `style="display:block;width:100%;height:200px;border:0"></iframe>`;
    await withHostPage(page, siteUrl, 'other', iframe, async () => {
      try {
        await stageDrawn(await iframeOf(page, 'iframe'), id);
      } catch {
        found.push(`in a 200 px tall iframe, no pixel drawn within ${DRAW_TIMEOUT_MS / 1000} s`);
      }
    });
    return [...found, ...errors];
  });
  return { name, problems };
}

/** The widget's step (events run so far) in `frame`. */
async function stepIn(frame: Frame, id: string): Promise<number> {
  return Number(await frame.locator(widgetRoot(id)).getAttribute('data-step'));
}

/** Waits until the step in `frame` passes `after`; false if it never does. */
async function stepPasses(frame: Frame, id: string, after: number): Promise<boolean> {
  try {
    await frame.waitForFunction(
      ([root, step]) => Number(document.querySelector(root)?.getAttribute('data-step')) > step,
      [widgetRoot(id), after] as const,
      { timeout: DRAW_TIMEOUT_MS, polling: 100 },
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * An embed on a host page (another origin) that the host's reader scrolls: far below the fold it
 * does not start its stage; scrolled to, it draws; playing and scrolled away, it stops stepping
 * (still playing, as the reader left it); scrolled back, it plays on. Inside an iframe, "on
 * screen" is the host page's viewport, which the widget's observers see through the iframe.
 * Chromium itself stops animation frames in an off-screen iframe of another origin, so on the
 * same origin (a docs site serving the guide under a sub-path) the pause is the widget's own.
 */
export async function checkEmbedPausesOffScreen(
  browser: Browser,
  siteUrl: string,
  id: string,
  origin: HostOrigin,
): Promise<WidgetCheck> {
  const name =
    `/embed/${id}/ in an iframe of ${origin === 'same' ? 'the same' : 'another'} origin: ` +
    `waits below the host's fold, pauses scrolled away`;
  const problems = await withWatchedPage(browser, { viewport: PHONE }, async ({ page, errors }) => {
    const found: string[] = [];
    const iframe =
      `<div style="height:2000px">Host text</div>` +
      `<iframe src="${new URL(`embed/${id}/`, siteUrl).href}" title="${id}" ` +
      `style="display:block;width:100%;height:700px;border:0"></iframe>` +
      `<div style="height:3000px">More host text</div>`;
    await withHostPage(page, siteUrl, origin, iframe, async () => {
      const frame = await iframeOf(page, 'iframe');
      const root = frame.locator(widgetRoot(id));
      await root.waitFor({ state: 'attached', timeout: DRAW_TIMEOUT_MS });
      // The widget's observers have reported once the iframe's own first report arrives.
      const seen = await frame.evaluate(
        (selector) =>
          new Promise<boolean | null>((resolve) => {
            const target = document.querySelector(selector);
            if (!target) return resolve(null);
            const io = new IntersectionObserver((entries) => {
              io.disconnect();
              resolve(entries.some((e) => e.isIntersecting));
            });
            io.observe(target);
          }),
        widgetRoot(id),
      );
      if (seen !== false) found.push(`below the fold the widget reads as on screen (${seen})`);
      await page.waitForTimeout(1000); // time a wrong start would need to make its canvas
      if ((await frame.locator(`${widgetRoot(id)} .stage canvas`).count()) > 0)
        found.push('it made its stage while far below the host page’s fold');

      await page.locator('iframe').scrollIntoViewIfNeeded();
      try {
        await stageDrawn(frame, id);
      } catch {
        found.push(`scrolled to, no pixel drawn within ${DRAW_TIMEOUT_MS / 1000} s`);
        return;
      }
      await frame.locator(`${widgetRoot(id)} [data-control="play"]`).click();
      if (!(await stepPasses(frame, id, await stepIn(frame, id)))) {
        found.push('it did not play on screen');
        return;
      }

      await page.evaluate(() => window.scrollTo(0, 0));
      // Stepping stops within a few frames of the iframe leaving the screen.
      let paused = -1;
      for (let tries = 0; tries < 40 && paused < 0; tries++) {
        const before = await stepIn(frame, id);
        await page.waitForTimeout(500);
        if ((await stepIn(frame, id)) === before) paused = before;
      }
      if (paused < 0) {
        found.push('scrolled away, it kept stepping for 20 s');
        return;
      }
      await page.waitForTimeout(1000);
      const later = await stepIn(frame, id);
      if (later !== paused) found.push(`scrolled away, it stepped on from ${paused} to ${later}`);
      if ((await root.getAttribute('data-playing')) !== 'true')
        found.push('scrolled away, it stopped playing instead of pausing');

      await page.locator('iframe').scrollIntoViewIfNeeded();
      if (!(await stepPasses(frame, id, later))) found.push('scrolled back, it did not play on');
    });
    return [...found, ...errors];
  });
  return { name, problems };
}
