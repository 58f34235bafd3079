import type { Browser } from 'playwright-core';
import type { WidgetCheck } from './widget-checks';
import { withWatchedPage } from './widgets/page-helpers';

/**
 * Every predict-then-run checkpoint of a chapter, as a reader on a phone meets it: the question
 * sits below its widget. Answering must give a verdict, open the explanation, bring the widget
 * back into view and play it on to the checkpoint's step (data-run-to) without a page error.
 */
export async function checkPredictions(
  browser: Browser,
  siteUrl: string,
  chapterPath: string,
): Promise<WidgetCheck> {
  const name = `/${chapterPath}: every predict-then-run checkpoint answers and plays on (360 px)`;
  const problems = await withWatchedPage(
    browser,
    { viewport: { width: 360, height: 800 } },
    async ({ page, errors }) => {
      const found: string[] = [];
      await page.goto(new URL(chapterPath, siteUrl).href);
      const predicts = page.locator('section.predict');
      const count = await predicts.count();
      if (count === 0) return [`no checkpoint on the page`];
      for (let i = 0; i < count; i++) {
        const predict = predicts.nth(i);
        const id = (await predict.getAttribute('id')) ?? `checkpoint ${i + 1}`;
        const form = predict.locator('form.question');
        const runTo = Number(await form.getAttribute('data-run-to'));
        await form.scrollIntoViewIfNeeded();
        await predict.locator('input[type="radio"]').first().check();
        const button = form.locator('button[type="submit"]');
        try {
          await button.waitFor({ state: 'visible' });
          await page.waitForFunction(
            (b) => !(b as HTMLButtonElement).disabled,
            await button.elementHandle(),
            {
              timeout: 20_000,
            },
          );
        } catch {
          found.push(`${id}: the answer button never became usable`);
          continue;
        }
        await button.click();
        const verdict = (await form.locator('.verdict').textContent())?.trim() ?? '';
        if (!/^(Right|Not quite)\./.test(verdict))
          found.push(`${id}: verdict reads ${JSON.stringify(verdict)}`);
        if (
          !(await predict
            .locator('details[data-predict-answer]')
            .evaluate((d) => (d as HTMLDetailsElement).open))
        ) {
          found.push(`${id}: the explanation did not open`);
        }
        const onScreen = await predict.evaluate((p) => {
          const stage = p.querySelector('.stage') ?? p.querySelector('figure.widget');
          const top = stage?.getBoundingClientRect().top ?? -1;
          return top > -2 && top < window.innerHeight; // scrollIntoView may leave -0.14 px
        });
        if (!onScreen)
          found.push(`${id}: the top of the widget's stage is off screen after answering`);
        try {
          await page.waitForFunction(
            ([el, step]) =>
              Number((el as Element).querySelector('[data-step]')?.getAttribute('data-step')) ===
              step,
            [await predict.elementHandle(), runTo] as const,
            { timeout: 60_000 },
          );
        } catch {
          const at = await predict
            .locator('[data-step]')
            .first()
            .getAttribute('data-step')
            .catch(() => null);
          found.push(`${id}: the widget stands at step ${at ?? '(not loaded)'}, not ${runTo}`);
        }
      }
      return [...found, ...errors];
    },
  );
  return { name, problems };
}

/**
 * A reader who answers a checkpoint before its widget has loaded (a slow network; here the
 * widget's island script is held back 4 s): once the widget mounts, its stage is brought into
 * view. Before, the page scrolled to the widget's figure at the answer, and the stage then mounted
 * a screen or more further down, out of sight.
 */
export async function checkLateWidgetPrediction(
  browser: Browser,
  siteUrl: string,
  chapterPath: string,
): Promise<WidgetCheck> {
  const name = `/${chapterPath}: a checkpoint answered before its widget loads shows the stage (360 px)`;
  const problems = await withWatchedPage(
    browser,
    { viewport: { width: 360, height: 800 } },
    async ({ page, errors }) => {
      const found: string[] = [];
      await page.route(/WidgetIsland\.[^/]*\.js$/, async (route) => {
        await new Promise((done) => setTimeout(done, 4_000));
        await route.continue();
      });
      await page.goto(new URL(chapterPath, siteUrl).href);
      const predict = page.locator('section.predict').first();
      const form = predict.locator('form.question');
      await form.scrollIntoViewIfNeeded();
      await predict.locator('input[type="radio"]').first().check();
      const button = form.locator('button[type="submit"]');
      await page.waitForFunction(
        (b) => !(b as HTMLButtonElement).disabled,
        await button.elementHandle(),
        {
          timeout: 20_000,
        },
      );
      const mountedAtAnswer = await predict.locator('.stage').count();
      if (mountedAtAnswer > 0)
        found.push('the widget had loaded before the answer: nothing tested');
      await button.click();
      await predict.locator('.stage').waitFor({ state: 'attached', timeout: 30_000 });
      // The stage is scrolled to in the mutation's callback; two frames let it land.
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      const top = await predict.evaluate(
        (p) => p.querySelector('.stage')?.getBoundingClientRect().top ?? -1,
      );
      if (!(top > -2 && top < 800))
        found.push(`the stage's top is at ${top.toFixed(0)} px once the widget loaded, off screen`);
      return [...found, ...errors];
    },
  );
  return { name, problems };
}
