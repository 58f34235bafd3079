import type { Browser } from 'playwright-core';
import type { WidgetCheck } from './widget-checks';

/** Site chrome a reader relies on: the theme follows the system, the toggle is remembered, print. */

export async function checkThemeToggle(browser: Browser, siteUrl: string): Promise<WidgetCheck> {
  const name = 'theme follows the system, and the toggle is remembered across pages';
  const context = await browser.newContext({ colorScheme: 'dark' });
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await page.goto(siteUrl);
    if ((await theme()) !== 'dark') problems.push(`system dark gives data-theme=${await theme()}`);
    const toggle = page.locator('[data-theme-toggle]');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') {
      problems.push('toggle is not pressed in dark mode');
    }
    await toggle.click();
    if ((await theme()) !== 'light') problems.push('clicking the toggle did not switch to light');
    await page.reload();
    if ((await theme()) !== 'light') problems.push('the light choice was forgotten on reload');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (background !== 'rgb(253, 253, 252)') problems.push(`light background is ${background}`);
  } finally {
    await context.close();
  }
  return { name, problems };
}

export async function checkPrintStyles(browser: Browser, siteUrl: string, chapterPath: string) {
  const name = `/${chapterPath}: print shows the text without the site chrome`;
  const context = await browser.newContext();
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    await page.goto(new URL(chapterPath, siteUrl).href);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.toc', '.chapter-nav']) {
      const shown = await page
        .locator(selector)
        .first()
        .evaluate((element) => getComputedStyle(element).display !== 'none')
        .catch(() => false);
      if (shown) problems.push(`${selector} is printed`);
    }
    if (!(await page.locator('h1').isVisible())) problems.push('the title is not printed');
  } finally {
    await context.close();
  }
  return { name, problems } satisfies WidgetCheck;
}

/**
 * The dump reader: the sample folds into the three incidents; a pasted earlier dump shows what
 * grew; pasted markup is shown as a message, never run.
 */
export async function checkDumpReader(browser: Browser, siteUrl: string): Promise<WidgetCheck> {
  const name = 'dump reader: sample, comparison and hostile paste';
  const context = await browser.newContext();
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(new URL('dump-reader/', siteUrl).href);
    await page.locator('astro-island:not([ssr]) [data-dump-reader]').first().waitFor();
    const result = page.locator('[data-dump-result]');

    await page.locator('[data-control="sample-debug2"]').click();
    await page.locator('[data-dump-result="ok"]').first().waitFor();
    const findings = await page
      .locator('[data-finding]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-finding')));
    if (findings.sort().join() !== 'afterfunc-leak,once-stall,timeout-handler') {
      problems.push(`the sample's findings are [${findings.join(', ')}]`);
    }

    // The same dump with four of the six stuck callbacks missing stands for an earlier one.
    const sample = await page.locator('#dump-text').inputValue();
    let dropped = 0;
    const earlier = sample
      .split('\n\n')
      .filter((block) => !(block.includes('main.audit.func1') && dropped++ < 4))
      .join('\n\n');
    await page.locator('.earlier summary').click();
    await page.locator('#dump-earlier').fill(earlier);
    await page.locator('[data-control="read-dump"]').click();
    const grew = await page.locator('[data-change]').first().getAttribute('data-change');
    if (grew !== '4') problems.push(`the stack that grew by 4 shows a change of ${grew}`);

    await page.locator('#dump-earlier').fill('');
    await page
      .locator('#dump-text')
      .fill('<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>');
    await page.locator('[data-control="read-dump"]').click();
    await page.locator('[data-dump-result="error"] [role="alert"]').first().waitFor();
    if (!/No goroutines found/.test(await result.innerText())) {
      problems.push('pasted markup did not give the "No goroutines found" message');
    }
    if (await page.evaluate(() => '__pwned' in window)) {
      problems.push('pasted markup ran');
    }
  } finally {
    await context.close();
  }
  return { name, problems };
}

/**
 * The incidents' buggy and fixed programs (src/markdown/code-compare.ts): side by side on a wide
 * screen, with the diff's marks on both; stacked on a phone, with nothing wider than the page.
 */
export async function checkCodeCompare(browser: Browser, siteUrl: string, chapterPath: string) {
  const name = `/${chapterPath}: buggy and fixed programs side by side when wide, stacked on a phone`;
  const problems: string[] = [];
  for (const { width, sideBySide } of [
    { width: 1280, sideBySide: true },
    { width: 360, sideBySide: false },
  ]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(new URL(chapterPath, siteUrl).href);
      const pairs = await page.locator('.code-compare').evaluateAll((groups) =>
        groups.map((group) => {
          const [buggy, fixed] = [...group.children].map((child) => child.getBoundingClientRect());
          return {
            label: group.getAttribute('aria-label') ?? '',
            sameRow: buggy !== undefined && fixed !== undefined && buggy.top === fixed.top,
            del: group.querySelectorAll('.ec-line.del').length,
            ins: group.querySelectorAll('.ec-line.ins').length,
          };
        }),
      );
      if (pairs.length === 0) problems.push(`${width} px: no buggy/fixed pair on the page`);
      for (const pair of pairs) {
        if (pair.sameRow !== sideBySide) {
          problems.push(
            `${width} px: ${pair.label} is ${pair.sameRow ? 'side by side' : 'stacked'}`,
          );
        }
        if (pair.del + pair.ins === 0) problems.push(`${pair.label}: no changed line is marked`);
      }
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) problems.push(`${width} px: the page scrolls sideways by ${overflow} px`);
    } finally {
      await context.close();
    }
  }
  return { name, problems } satisfies WidgetCheck;
}
