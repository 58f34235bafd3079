import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/**
 * The shape of every browser check (its name and the problems it found: empty = pass) and the
 * chapter check: a chapter stays light until a widget is near the viewport, then the widget draws.
 * The per-widget checks are in ./widgets/.
 */

export interface WidgetCheck {
  readonly name: string;
  readonly problems: readonly string[];
  /**
   * A design budget that an open issue has not met yet. Its measured shortfall is printed as a
   * KNOWN GAP instead of failing the run; once the budget is met (`shortfall` null) the check fails
   * until the marker is removed, so a fixed gap cannot hide behind it.
   */
  readonly openBudget?: { readonly issue: string; readonly shortfall: string | null };
  /** Wall-clock seconds the check took, printed so a slow check is easy to spot in CI logs. */
  readonly seconds?: number;
}

/** The line a check prints: `ok`, `gap` (passing, but an open budget is unmet) or `FAIL`. */
export function checkLine(check: WidgetCheck): string {
  const failed = failuresOf(check).length > 0;
  const label = failed ? 'FAIL' : check.openBudget?.shortfall ? 'gap ' : 'ok  ';
  const time = check.seconds === undefined ? '' : ` (${check.seconds.toFixed(1)} s)`;
  return `  ${label} ${check.name}${time}`;
}

/** The problems a check fails with, with its open budget (if any) judged as described above. */
export function failuresOf(check: WidgetCheck): string[] {
  const { openBudget } = check;
  if (!openBudget) return [...check.problems];
  if (openBudget.shortfall === null) {
    return [
      ...check.problems,
      `the budget tracked by ${openBudget.issue} is met now: remove its openBudget marker`,
    ];
  }
  return [...check.problems];
}

/** design.md budget: a chapter page ships ≤ 20 KB gzip of JS before any widget is near. */
const CHAPTER_JS_BUDGET = 20 * 1024;
const READY_TIMEOUT_MS = 20_000;

async function withPage<T>(
  browser: Browser,
  options: BrowserContextOptions,
  run: (page: Page, errors: string[]) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  try {
    return await run(page, errors);
  } finally {
    await context.close();
  }
}

/** Gzip bytes of every script the page downloads, as the reader's browser would fetch them. */
function countScriptBytes(page: Page): { total: () => number } {
  let total = 0;
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then(
      (body) => (total += gzipSync(body).length),
      () => undefined,
    );
  });
  return { total: () => total };
}

/** On a chapter that embeds widgets: light first load, then its first widget draws when scrolled to. */
export async function checkChapterWidget(
  browser: Browser,
  siteUrl: string,
  chapterPath: string,
  widgetId: string,
): Promise<WidgetCheck> {
  const problems = await withPage(
    browser,
    { viewport: { width: 1280, height: 400 } },
    async (page, errors) => {
      const found: string[] = [];
      const scripts = countScriptBytes(page);
      await page.goto(new URL(chapterPath, siteUrl).href);
      await page.waitForLoadState('networkidle');
      const initial = scripts.total();
      console.log(`  /${chapterPath} first-screen JS: ${(initial / 1024).toFixed(1)} KB gzip`);
      if (initial > CHAPTER_JS_BUDGET) {
        found.push(`first-screen JS is ${initial} B gzip (budget ${CHAPTER_JS_BUDGET})`);
      }
      if ((await page.locator('canvas').count()) > 0) {
        found.push('a widget started before it was near the viewport');
      }
      const figure = `figure[data-widget-id="${widgetId}"]`;
      await page.locator(figure).first().scrollIntoViewIfNeeded();
      await page.locator(`${figure} [data-ready="true"] canvas`).first().waitFor({
        timeout: READY_TIMEOUT_MS,
      });
      return [...found, ...errors];
    },
  );
  return {
    name: `/${chapterPath}: the ${widgetId} widget waits for the viewport, then draws`,
    problems,
  };
}
