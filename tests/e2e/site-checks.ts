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
