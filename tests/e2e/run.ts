import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkSite } from '../harness/check-site';
import { hasChromium, launchChromium } from '../harness/chromium';
import { listPages } from '../harness/site-pages';
import { normaliseBase, startStaticServer } from '../harness/static-server';
import { e2eSkippedBanner } from './banner';
import { checkEmbedDrawsAtOnce, checkEmbedPausesOffScreen } from './embeds';
import { checkLandmarks } from './landmarks';
import { checkLateWidgetPrediction, checkPredictions } from './predict';
import {
  checkCodeCompare,
  checkDumpReader,
  checkPrintStyles,
  checkThemeToggle,
} from './site-checks';
import { runtimeWidgetChecks } from './widgets/index';
import { checkPageToggleTargets } from './widgets/targets';
import { checkChapterWidget, checkLine, failuresOf, type WidgetCheck } from './widget-checks';

/**
 * Browser tests of the built site: `npm run build && npm run test:e2e`.
 *
 * Environment:
 * - E2E_DIST: the built site (default `dist`);
 * - BASE_PATH: the base it was built with (default `/`), so links are checked under that sub-path;
 * - E2E_QUICK=1: page loads, console and links only (no axe, no reduced-motion pass, no widget
 *   checks); used for the extra sub-path build;
 * - E2E_REPORT: write `{ passed, failed, pages }` as JSON there (scripts/test.mjs reads it);
 * - CHROME_PATH: the browser (default /usr/bin/chromium); CI=true makes a missing one a failure.
 * - E2E_LANES: pages and widgets checked at once (default 2, one per core);
 * - E2E_WIDGET_ONLY=<text>: only the widget checks whose name contains it.
 */

interface Report {
  passed: number;
  failed: number;
  pages: number;
  skipped: boolean;
}

async function writeReport(report: Report): Promise<void> {
  const target = process.env.E2E_REPORT;
  if (target) await writeFile(target, JSON.stringify(report));
}

/** Chapter pages with the id of the first widget each embeds (from the built HTML). */
async function chapterWidgets(
  dist: string,
  pages: readonly string[],
): Promise<{ page: string; widget: string }[]> {
  const found: { page: string; widget: string }[] = [];
  for (const page of pages.filter((p) => p.startsWith('chapters/'))) {
    const html = await readFile(path.join(dist, page, 'index.html'), 'utf8');
    const widget = /data-widget-id="([^"]+)"/.exec(html)?.[1];
    if (widget) found.push({ page, widget });
  }
  return found;
}

async function main(): Promise<number> {
  if (!hasChromium()) {
    console.log(e2eSkippedBanner());
    const failOnCi = process.env.CI === 'true';
    await writeReport({ passed: 0, failed: failOnCi ? 1 : 0, pages: 0, skipped: true });
    return failOnCi ? 1 : 0;
  }
  const dist = path.resolve(process.env.E2E_DIST ?? 'dist');
  const base = normaliseBase(process.env.BASE_PATH ?? '/');
  const quick = process.env.E2E_QUICK === '1';
  const pages = await listPages(dist);
  const server = await startStaticServer(dist, base);
  const browser = await launchChromium();
  console.log(`E2E: ${pages.length} pages from ${path.relative('.', dist)}/ at ${server.siteUrl}`);
  try {
    // /lab/ holds noindex test benches for the widget checks below, which load them anyway.
    const readerPages = pages.filter((page) => !page.startsWith('lab/'));
    const siteStarted = performance.now();
    const site = await checkSite(browser, {
      siteUrl: server.siteUrl,
      pages: readerPages,
      modes: quick ? ['default'] : ['default', 'reduced-motion'],
      axe: !quick,
      // Two pages at once: each runs in its own renderer process, one per core.
      lanes: Math.max(1, Number(process.env.E2E_LANES ?? 2) || 1),
      onPage: (page) =>
        console.log(
          `  ${page.problems.length === 0 ? 'ok  ' : 'FAIL'} /${page.path} [${page.mode}]`,
        ),
    });
    console.log(
      `  (${readerPages.length} reader pages checked in ` +
        `${((performance.now() - siteStarted) / 1000).toFixed(0)} s; ` +
        `${pages.length - readerPages.length} test benches under /lab/ are left to the widget checks)`,
    );
    const widgetChecks: WidgetCheck[] = [];
    /** Prints each check as it ends: the widget checks take minutes, and a CI log should show progress. */
    const record = (check: WidgetCheck) => {
      widgetChecks.push(check);
      console.log(checkLine(check));
      const gap = check.openBudget?.shortfall;
      if (gap) console.log(`    KNOWN GAP, ${check.openBudget?.issue ?? ''}: ${gap}`);
    };
    if (!quick) {
      const chapters = await chapterWidgets(dist, pages);
      if (chapters.length === 0) {
        record({
          name: 'chapters embed widgets',
          problems: ['no chapter page contains a <Widget>'],
        });
      }
      for (const { page, widget } of chapters) {
        record(await checkChapterWidget(browser, server.siteUrl, page, widget));
      }
      for (const { page } of chapters)
        record(await checkPredictions(browser, server.siteUrl, page));
      const firstWithCheckpoint = chapters[0]?.page;
      if (firstWithCheckpoint !== undefined)
        record(await checkLateWidgetPrediction(browser, server.siteUrl, firstWithCheckpoint));
      // Summary toggles and sliders, on every chapter with its widgets loaded and the dump reader
      // with the sample's stack groups shown.
      for (const page of pages.filter((p) => p.startsWith('chapters/')))
        record(await checkPageToggleTargets(browser, server.siteUrl, page));
      record(
        await checkPageToggleTargets(browser, server.siteUrl, 'dump-reader/', async (page) => {
          await page.locator('astro-island:not([ssr]) [data-dump-reader]').first().waitFor();
          await page.locator('[data-control="sample-debug2"]').click();
          await page.locator('[data-dump-result="ok"] summary').first().waitFor();
        }),
      );
      for (const embed of pages.filter((page) => page.startsWith('embed/')))
        record(await checkEmbedDrawsAtOnce(browser, server.siteUrl, embed));
      for (const origin of ['same', 'other'] as const)
        record(await checkEmbedPausesOffScreen(browser, server.siteUrl, 'gmp', origin));
      record(await checkThemeToggle(browser, server.siteUrl));
      record(await checkDumpReader(browser, server.siteUrl));
      const firstChapter = pages.find((page) => page.startsWith('chapters/'));
      if (firstChapter) record(await checkPrintStyles(browser, server.siteUrl, firstChapter));
      record(await checkCodeCompare(browser, server.siteUrl, 'chapters/ghost-leaks/'));
      // Chapter 2 shows the gmp widget twice.
      record(await checkLandmarks(browser, server.siteUrl, 'chapters/why-goroutines-are-cheap/'));
      // Every registered widget's own checks: tests/e2e/widgets/.
      await runtimeWidgetChecks(browser, server.siteUrl, record);
    }
    const failures = [
      ...site.failures,
      ...widgetChecks.flatMap((check) => failuresOf(check).map((p) => `${check.name}: ${p}`)),
    ];
    const failedPages = site.pages.filter((page) => page.problems.length > 0).length;
    const failedWidgets = widgetChecks.filter((check) => failuresOf(check).length > 0).length;
    const failed = failedPages + failedWidgets + (site.brokenLinks.length > 0 ? 1 : 0);
    const passed = site.pages.length + widgetChecks.length + 1 - failed;
    for (const failure of failures) console.log(`  ✗ ${failure}`);
    console.log(
      `E2E: checked ${readerPages.length} pages (${site.pages.length} page loads, ` +
        `${widgetChecks.length} widget and chrome checks, links under ${base}): ` +
        `${failures.length === 0 ? 'all passed' : `${failures.length} problems`}`,
    );
    await writeReport({ passed, failed, pages: pages.length, skipped: false });
    return failures.length === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

process.exitCode = await main();
