import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/**
 * Checks pages of a served site in Chromium, the way a reader meets them. For every page, in a
 * normal context and again with `prefers-reduced-motion: reduce` on a 360 px wide screen:
 * - the page answers 200 and loads with zero console errors and zero uncaught page errors;
 * - it has a <title> and exactly one <h1>;
 * - no request goes to another origin (they are blocked and counted);
 * - axe finds no serious or critical WCAG 2.x A/AA violation;
 * - every island hydrates, and at 360 px nothing overflows sideways.
 * Then every same-origin link and asset it references must answer 200, and every #fragment must
 * name an element on its target page.
 */

export type Mode = 'default' | 'reduced-motion';

export interface AxeFinding {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

export interface PageReport {
  readonly path: string;
  readonly mode: Mode;
  readonly problems: readonly string[];
}

export interface BrokenLink {
  readonly from: string;
  readonly url: string;
  readonly reason: string;
}

export interface SiteReport {
  readonly pages: readonly PageReport[];
  readonly brokenLinks: readonly BrokenLink[];
  /** One line per problem, `<page> [<mode>]: <what>`; empty when the site passes. */
  readonly failures: readonly string[];
}

export interface CheckOptions {
  /** Where the site is served, ending in `/` (origin plus base). */
  readonly siteUrl: string;
  /** Page paths relative to siteUrl (`''`, `chapters/x/`, `404.html`). */
  readonly pages: readonly string[];
  readonly modes?: readonly Mode[];
  /** Pages checked at once, each in its own browser context (default 1). */
  readonly lanes?: number;
  /** Skip axe (used by the cheap sub-path run, which only checks loading and links). */
  readonly axe?: boolean;
  readonly onPage?: (report: PageReport) => void;
}

const AXE_TAGS = ['wcag2a', 'wcag21a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const HYDRATION_TIMEOUT_MS = 15_000;
/**
 * Playwright's evaluate() and axe have no timeout of their own; a page whose main thread or
 * compositor stalls would hang the whole run. Past this deadline the page fails instead.
 */
const PAGE_DEADLINE_MS = 120_000;

const CONTEXTS: Readonly<Record<Mode, BrowserContextOptions>> = {
  default: { viewport: { width: 1280, height: 800 } },
  'reduced-motion': { viewport: { width: 360, height: 740 }, reducedMotion: 'reduce' },
};

interface PageFacts {
  readonly title: string;
  readonly h1Count: number;
  readonly references: readonly string[];
  readonly ids: readonly string[];
  readonly overflowPx: number;
}

/**
 * Scrolls top to bottom so every client:visible island comes into view and hydrates, then brings
 * each island still waiting into view on its own: on a page of several widgets a busy main thread
 * can skip the frame in which a quickly passed island was visible. Waits on timers, not animation
 * frames: a page whose frames stall must fail the hydration check, not hang.
 */
async function scrollThrough(page: Page): Promise<void> {
  // No named functions inside evaluate(): tsx's keepNames would wrap them in a __name() helper
  // that does not exist in the page.
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight * 0.8);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // An island is `display: contents` (no box of its own, so scrollIntoView on it does nothing):
    // scroll its first rendered child into view, which is what client:visible observes. The quick
    // pass above can scroll past an island before a busy page delivers its intersection.
    for (const island of document.querySelectorAll('astro-island[ssr]')) {
      (island.firstElementChild ?? island).scrollIntoView({ block: 'center' });
      for (let waited = 0; island.hasAttribute('ssr') && waited < 5_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    window.scrollTo(0, 0);
  });
}

function deadline(ms: number): { promise: Promise<'timed out'>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

function readFacts(page: Page): Promise<PageFacts> {
  return page.evaluate(() => {
    const references: string[] = [];
    const attributes: [string, string][] = [
      ['a[href]', 'href'],
      ['link[href]:not([rel="canonical"])', 'href'],
      ['script[src]', 'src'],
      ['img[src]', 'src'],
      ['source[src]', 'src'],
      ['iframe[src]', 'src'],
      ['video[src]', 'src'],
    ];
    for (const [selector, attribute] of attributes) {
      for (const element of document.querySelectorAll(selector)) {
        const value = element.getAttribute(attribute);
        if (value !== null) references.push(new URL(value, document.baseURI).href);
      }
    }
    return {
      title: document.title.trim(),
      h1Count: document.querySelectorAll('h1').length,
      references,
      ids: [...document.querySelectorAll('[id]')].map((element) => element.id),
      overflowPx: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
}

async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

async function checkPage(
  browser: Browser,
  siteUrl: string,
  pagePath: string,
  mode: Mode,
  withAxe: boolean,
): Promise<{ problems: string[]; facts: PageFacts | undefined }> {
  const problems: string[] = [];
  const context = await browser.newContext(CONTEXTS[mode]);
  const timeout = deadline(PAGE_DEADLINE_MS);
  try {
    const outcome = await Promise.race([
      inspectPage(context, siteUrl, pagePath, mode, withAxe, problems),
      timeout.promise,
    ]);
    if (outcome === 'timed out') {
      problems.push(`the checks did not finish within ${PAGE_DEADLINE_MS / 1000}s`);
      return { problems, facts: undefined };
    }
    return { problems, facts: outcome };
  } catch (error) {
    problems.push(`check crashed: ${error instanceof Error ? error.message : String(error)}`);
    return { problems, facts: undefined };
  } finally {
    timeout.cancel();
    await context.close();
  }
}

/** Loads one page and records its problems in `problems`; returns what links and ids it has. */
async function inspectPage(
  context: BrowserContext,
  siteUrl: string,
  pagePath: string,
  mode: Mode,
  withAxe: boolean,
  problems: string[],
): Promise<PageFacts> {
  const origin = new URL(siteUrl).origin;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('http') && new URL(url).origin !== origin) {
      problems.push(`request to another origin: ${url}`);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  const response = await page.goto(new URL(pagePath, siteUrl).href, { waitUntil: 'load' });
  const status = response?.status() ?? 0;
  if (status !== 200) problems.push(`HTTP status ${status}`);

  await scrollThrough(page);
  const hydrated = await page
    .waitForFunction(
      () => [...document.querySelectorAll('astro-island')].every((i) => !i.hasAttribute('ssr')),
      undefined,
      { timeout: HYDRATION_TIMEOUT_MS },
    )
    .then(
      () => true,
      () => false,
    );
  if (!hydrated) {
    const stuck = await page.evaluate(() =>
      [...document.querySelectorAll('astro-island[ssr]')].map(
        (i) => i.getAttribute('component-url')?.split('/').pop() ?? '?',
      ),
    );
    problems.push(`an island did not hydrate: ${stuck.join(', ')}`);
  }
  await page.waitForLoadState('networkidle');

  const facts = await readFacts(page);
  if (facts.title === '') problems.push('no <title>');
  if (facts.h1Count !== 1) problems.push(`${facts.h1Count} <h1> elements (want exactly 1)`);
  if (mode === 'reduced-motion' && facts.overflowPx > 1) {
    problems.push(`content overflows a 360 px screen by ${facts.overflowPx}px`);
  }
  if (withAxe) {
    for (const finding of await axeFindings(page)) {
      problems.push(
        `axe ${finding.impact} ${finding.rule}: ${finding.help} (${finding.targets.join(', ')})`,
      );
    }
  }
  return facts;
}

interface Target {
  readonly status: number | string;
  /** Element ids of an HTML target, for #fragment checks. */
  readonly ids: ReadonlySet<string> | undefined;
}

async function fetchTarget(url: string): Promise<Target> {
  try {
    const response = await fetch(url, { redirect: 'manual' });
    const isHtml = (response.headers.get('content-type') ?? '').includes('text/html');
    if (!isHtml) {
      await response.body?.cancel();
      return { status: response.status, ids: undefined };
    }
    const html = await response.text();
    const ids = new Set(
      [...html.matchAll(/\sid=["']?([^"'\s>]+)/g)].map((match) => match[1] ?? ''),
    );
    return { status: response.status, ids };
  } catch (error) {
    return { status: error instanceof Error ? error.message : String(error), ids: undefined };
  }
}

/** Same-origin references must answer 200, and a #fragment must name an element on its page. */
async function checkLinks(
  siteUrl: string,
  referencesByPage: ReadonlyMap<string, readonly string[]>,
  idsByUrl: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<BrokenLink[]> {
  const origin = new URL(siteUrl).origin;
  const targets = new Map<string, Promise<Target>>();
  const broken: BrokenLink[] = [];
  for (const [from, references] of referencesByPage) {
    for (const reference of new Set(references)) {
      const url = new URL(reference);
      if (url.origin !== origin) continue;
      const hash = decodeURIComponent(url.hash.slice(1));
      url.hash = '';
      const key = url.href;
      if (!targets.has(key)) targets.set(key, fetchTarget(key));
      const target = await targets.get(key);
      if (target?.status !== 200) {
        broken.push({ from, url: reference, reason: `answers ${String(target?.status)}` });
        continue;
      }
      // Ids seen in the browser include those scripts added; the fetched HTML is the fallback.
      const ids = idsByUrl.get(key) ?? target.ids;
      if (hash !== '' && ids && !ids.has(hash)) {
        broken.push({ from, url: reference, reason: `no element with id "${hash}"` });
      }
    }
  }
  return broken;
}

export async function checkSite(browser: Browser, options: CheckOptions): Promise<SiteReport> {
  const modes = options.modes ?? ['default', 'reduced-motion'];
  const reports: PageReport[] = [];
  const referencesByPage = new Map<string, readonly string[]>();
  const idsByUrl = new Map<string, ReadonlySet<string>>();
  const jobs = options.pages.flatMap((pagePath) => modes.map((mode) => ({ pagePath, mode })));
  const lane = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const { pagePath, mode } = job;
      const { problems, facts } = await checkPage(
        browser,
        options.siteUrl,
        pagePath,
        mode,
        options.axe ?? true,
      );
      if (facts && mode === modes[0]) {
        const url = new URL(pagePath, options.siteUrl).href;
        referencesByPage.set(pagePath, facts.references);
        idsByUrl.set(url, new Set(facts.ids));
      }
      const report = { path: pagePath, mode, problems };
      reports.push(report);
      options.onPage?.(report);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.lanes ?? 1) }, lane));
  const brokenLinks = await checkLinks(options.siteUrl, referencesByPage, idsByUrl);
  const failures = [
    ...reports.flatMap((report) =>
      report.problems.map((problem) => `/${report.path} [${report.mode}]: ${problem}`),
    ),
    ...brokenLinks.map((link) => `/${link.from}: broken link ${link.url} (${link.reason})`),
  ];
  return { pages: reports, brokenLinks, failures };
}
