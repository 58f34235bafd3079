import type { Browser, Page } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import { waitReady, widgetRoot, withWatchedPage } from './page-helpers';

/** WCAG 2.2 (2.5.8): a pointer target at least 24 by 24 CSS px. */
const MIN_TARGET_PX = 24;
/**
 * A disclosure toggle or a slider is at least as tall as the site's smallest button
 * (--control-size: 32 px; 36 px on a phone's column).
 */
const MIN_TOGGLE_HEIGHT_PX = 32;
/** At 360 px the toolbar wraps as four groups, one row each (WidgetShell.svelte). */
const MAX_ROWS_AT_360 = 4;
const WIDTHS = [360, 1280] as const;

/**
 * On /embed/<id>/ at 360 and 1280 px: every button and field of the playback toolbar is a target
 * of at least 24 px each way, and at 360 px the toolbar takes at most four rows.
 */
export async function checkToolbarTargets(
  browser: Browser,
  siteUrl: string,
  id: string,
): Promise<WidgetCheck> {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await withWatchedPage(browser, { viewport: { width, height: 800 } }, async ({ page }) => {
      await page.goto(`${siteUrl}embed/${id}/`);
      const toolbar = page.locator(`${widgetRoot(id)} [role="toolbar"]`);
      await toolbar.waitFor({ timeout: 30_000 });
      const found = await toolbar.evaluate((bar) => {
        // Rows with every panel closed, as a reader first sees the toolbar; then the targets with
        // every panel (the clip's) open, so the buttons inside are measured too.
        const rows = new Set(
          [...bar.children]
            .filter((el) => getComputedStyle(el).position !== 'absolute')
            .map((el) => Math.round(el.getBoundingClientRect().top)),
        ).size;
        for (const panel of bar.querySelectorAll('details')) panel.open = true;
        const targets = [
          ...bar.querySelectorAll<HTMLElement>('button, select, input:not([type="range"])'),
        ].map((el) => {
          const r = el.getBoundingClientRect();
          return { name: el.dataset.control ?? el.tagName, w: r.width, h: r.height };
        });
        return { targets, rows };
      });
      for (const t of found.targets) {
        if (t.w < MIN_TARGET_PX || t.h < MIN_TARGET_PX) {
          problems.push(`${width} px: ${t.name} is ${t.w.toFixed(0)}×${t.h.toFixed(0)} px`);
        }
      }
      if (width === 360 && found.rows > MAX_ROWS_AT_360) {
        problems.push(`360 px: the toolbar wraps into ${found.rows} rows`);
      }
    });
  }
  return { name: `${id}: toolbar targets`, problems };
}

interface Measured {
  readonly name: string;
  readonly w: number;
  readonly h: number;
}

/**
 * Every rendered `<summary>` and `<input type="range">` on the page (one inside a closed
 * `<details>` has no box and is skipped), named by its text or its data attribute.
 */
async function measureToggles(page: Page): Promise<Measured[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('summary, input[type="range"]')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name =
          el.tagName === 'SUMMARY'
            ? `summary "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`
            : `slider ${el.dataset.param ?? el.dataset.control ?? el.id}`;
        return { name, w: r.width, h: r.height };
      }),
  );
}

function judge(width: number, found: readonly Measured[], problems: string[]): void {
  if (found.length === 0) problems.push(`${width} px: no summary or slider on the page`);
  // One line per distinct shortfall: a dump's twenty group summaries are one problem.
  const seen = new Set<string>();
  for (const t of found) {
    if (t.w >= MIN_TARGET_PX && t.h >= MIN_TARGET_PX && t.h >= MIN_TOGGLE_HEIGHT_PX) continue;
    const line = `${width} px: ${t.name} is ${t.w.toFixed(0)}×${t.h.toFixed(0)} px (needs ≥ ${MIN_TARGET_PX}×${MIN_TARGET_PX}, ≥ ${MIN_TOGGLE_HEIGHT_PX} tall)`;
    if (!seen.has(line)) problems.push(line);
    seen.add(line);
  }
}

/**
 * On /embed/<id>/ (at the spec's late start) at 360 and 1280 px: every summary toggle and range
 * slider is a target of at least 24×24 px and at least 32 px tall. The leak labs' dump panels are
 * opened first, so their summaries (the whole dump, each stack group) are measured too.
 */
export async function checkWidgetToggleTargets(
  browser: Browser,
  siteUrl: string,
  spec: { readonly id: string; readonly start: string },
): Promise<WidgetCheck> {
  const { id } = spec;
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await withWatchedPage(browser, { viewport: { width, height: 800 } }, async ({ page }) => {
      await page.goto(new URL(`embed/${id}/?${spec.start}`, siteUrl).href);
      // The stage starts only near the viewport: at 360 px it is below the controls.
      await page.locator(`${widgetRoot(id)} .stage`).scrollIntoViewIfNeeded({ timeout: 30_000 });
      await waitReady(page, id);
      const dumps = page.locator(`${widgetRoot(id)} [data-dump-panel] [data-control="dump"]`);
      for (let i = 0; i < (await dumps.count()); i++) await dumps.nth(i).click();
      for (let i = 0; i < (await dumps.count()); i++) {
        await page
          .locator(`${widgetRoot(id)} [data-dump-panel]`)
          .nth(i)
          .locator('summary')
          .first()
          .waitFor({ timeout: 15_000 });
      }
      judge(width, await measureToggles(page), problems);
    });
  }
  return { name: `${id}: summary and slider targets`, problems };
}

/**
 * On a reader page (a chapter, the dump reader) at 360 and 1280 px, with every widget scrolled to
 * and loaded: every summary toggle and range slider, the checkpoints' answers included, is a
 * target of at least 24×24 px and at least 32 px tall.
 */
export async function checkPageToggleTargets(
  browser: Browser,
  siteUrl: string,
  pagePath: string,
  /** Brings out what the page shows only after an action (the dump reader's stack groups). */
  prepare: (page: Page) => Promise<void> = () => Promise.resolve(),
): Promise<WidgetCheck> {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await withWatchedPage(browser, { viewport: { width, height: 800 } }, async ({ page }) => {
      await page.goto(new URL(pagePath, siteUrl).href);
      const figures = page.locator('figure[data-widget-id]');
      for (let i = 0; i < (await figures.count()); i++) {
        const figure = figures.nth(i);
        await figure.scrollIntoViewIfNeeded();
        await figure.locator('section[data-widget]').waitFor({ timeout: 30_000 });
      }
      await prepare(page);
      judge(width, await measureToggles(page), problems);
    });
  }
  return { name: `/${pagePath}: summary and slider targets`, problems };
}
