import type { Browser, Page } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import { waitReady, widgetRoot, withWatchedPage } from './page-helpers';

/** Where the run stands (the scrubber's value, virtual ns) and its horizon (the scrubber's max). */
async function position(
  page: Page,
  id: string,
): Promise<{ now: number; max: number; step: number }> {
  return page.locator(`${widgetRoot(id)} [data-control="scrub"]`).evaluate((el) => {
    const input = el as HTMLInputElement;
    return { now: Number(input.value), max: Number(input.max), step: Number(input.step) };
  });
}

const playing = (page: Page, id: string) =>
  page.locator(widgetRoot(id)).evaluate((el) => (el as HTMLElement).dataset.playing === 'true');

/**
 * A clip link (`from`, `to`, `loop`) on /embed/<id>/: it opens at the clip's start; playing with
 * loop=1 stays inside the clip and comes back to its start; without loop it pauses at the end; and
 * the Clip panel's buttons write the clip into the address.
 */
export async function checkClip(
  browser: Browser,
  siteUrl: string,
  id: string,
): Promise<WidgetCheck> {
  const problems = await withWatchedPage(browser, {}, async ({ page, errors }) => {
    const found: string[] = [];
    await page.goto(`${siteUrl}embed/${id}/`);
    await waitReady(page, id);
    const { max, step } = await position(page, id);
    // The slider shows the run's clock rounded to its step.
    const near = (a: number, b: number) => Math.abs(a - b) <= step;
    const from = Math.round(max * 0.3);
    const to = Math.round(max * 0.4);
    const clip = `from=${from}ns&to=${to}ns&speed=16`;

    await page.goto(`${siteUrl}embed/${id}/?${clip}&loop=1`);
    await waitReady(page, id);
    const opened = await position(page, id);
    if (!near(opened.now, from))
      found.push(`opened at ${opened.now} ns, not the clip's start ${from}`);
    await page.locator(`${widgetRoot(id)} [data-control="play"]`).click();
    let last = from;
    let looped = false;
    const outside = new Set<number>();
    // Up to ~20 s of real time: a clip of a tenth of the run at 16x takes ~0.1-0.5 s.
    for (let i = 0; i < 200 && !looped; i++) {
      await page.waitForTimeout(100);
      const { now } = await position(page, id);
      if (now < from - step || now > to + step) outside.add(now);
      if (now < last) looped = true;
      last = now;
    }
    if (outside.size > 0) found.push(`loop=1 played outside the clip: ${[...outside].join(', ')}`);
    if (!looped) found.push('loop=1 never came back to the clip start');
    if (!(await playing(page, id))) found.push('loop=1 stopped playing');

    await page.goto(`${siteUrl}embed/${id}/?${clip}`);
    await waitReady(page, id);
    await page.locator(`${widgetRoot(id)} [data-control="play"]`).click();
    await page.locator(`${widgetRoot(id)}[data-playing="false"]`).waitFor({ timeout: 20_000 });
    const stopped = await position(page, id);
    if (!near(stopped.now, to))
      found.push(`without loop it paused at ${stopped.now} ns, not ${to}`);

    // The panel: the clip starts where the run stands, and Clear drops it from the address.
    await page.locator(`${widgetRoot(id)} [data-control="clip"] summary`).click();
    await page.locator(`${widgetRoot(id)} [data-control="clip-clear"]`).click();
    if (new URL(page.url()).searchParams.has('from')) found.push('Clear left from= in the address');
    await page.locator(`${widgetRoot(id)} [data-control="clip-start"]`).click();
    const start = new URL(page.url()).searchParams.get('from');
    if (start === null) found.push('Start here wrote no from= into the address');
    found.push(...errors);
    return found;
  });
  return { name: `${id}: clip`, problems };
}
