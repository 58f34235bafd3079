import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import type { WidgetCheck } from './widget-checks';

/**
 * axe's best-practice landmark rules on a chapter whose widgets have all hydrated: a page showing
 * one widget twice (a chapter's and a checkpoint's) must still give each landmark its own name.
 * The page-load checks run axe before the islands arrive and without best-practice rules.
 */
export async function checkLandmarks(
  browser: Browser,
  siteUrl: string,
  chapterPath: string,
): Promise<WidgetCheck> {
  const name = `/${chapterPath}: landmarks are unique once its widgets are up`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    await page.goto(new URL(chapterPath, siteUrl).href);
    // Islands hydrate as they come near the viewport: bring each in turn and wait for it.
    const islands = page.locator('astro-island[component-url*="WidgetIsland"]');
    const count = await islands.count();
    for (let i = 0; i < count; i++) {
      const island = islands.nth(i);
      await island.scrollIntoViewIfNeeded();
      await island.locator('section[data-widget][data-ready="true"]').waitFor({ timeout: 30_000 });
    }
    if (count < 2) problems.push(`expected several widgets on the page, found ${count}`);
    const results = await new AxeBuilder({ page })
      .withRules(['landmark-unique', 'landmark-no-duplicate-main', 'region'])
      .analyze();
    for (const violation of results.violations) {
      const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
      problems.push(`axe ${violation.id}: ${violation.help} (${targets})`);
    }
  } finally {
    await context.close();
  }
  return { name, problems };
}
