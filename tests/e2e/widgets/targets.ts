import type { Browser } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import { widgetRoot, withWatchedPage } from './page-helpers';

/** WCAG 2.2 (2.5.8): a pointer target at least 24 by 24 CSS px. */
const MIN_TARGET_PX = 24;
/** At 360 px the toolbar wraps as four groups, one row each (WidgetShell.svelte). */
const MAX_ROWS_AT_360 = 4;

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
  for (const width of [360, 1280]) {
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
