import type { Browser, Page } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import {
  canvasDigest,
  queryOf,
  settle,
  waitReady,
  widgetRoot,
  withWatchedPage,
  type CanvasDigest,
} from './page-helpers';
import type { WidgetSpec } from './specs';

/** What a reader sees and could share: the picture and the address. */
interface Picture {
  readonly digest: CanvasDigest;
  readonly url: string;
}

async function picture(page: Page, id: string): Promise<Picture> {
  await settle(page);
  return { digest: await canvasDigest(page, id), url: page.url() };
}

/**
 * Moves one parameter's control by keyboard, one notch at a time (up to four), until the picture
 * changes: neighbouring values can draw the same (Go 1.14 and 1.25 preempt alike).
 */
async function nudgeParam(page: Page, id: string, name: string): Promise<void> {
  const control = page.locator(`${widgetRoot(id)} [data-param="${name}"]`);
  const start = await canvasDigest(page, id);
  await control.focus();
  const kind = await control.evaluate((el) =>
    el instanceof HTMLSelectElement ? 'select' : (el as HTMLInputElement).type,
  );
  if (kind === 'checkbox') {
    await page.keyboard.press('Space');
    return;
  }
  // Head towards the side with more room, and keep going that way.
  const upward = await control.evaluate((el) => {
    if (el instanceof HTMLSelectElement) return el.selectedIndex < el.options.length / 2;
    const input = el as HTMLInputElement;
    return Number(input.value) - Number(input.min) < Number(input.max) - Number(input.value);
  });
  const key =
    kind === 'select' ? (upward ? 'ArrowDown' : 'ArrowUp') : upward ? 'ArrowRight' : 'ArrowLeft';
  for (let i = 0; i < 4; i++) {
    await control.focus();
    await page.keyboard.press(key);
    await settle(page);
    if ((await canvasDigest(page, id)).hash !== start.hash) return;
  }
}

/**
 * Per widget, in Chromium: it draws; every control changes the picture and the URL; that URL
 * reopens the same picture; step back then forward returns to the same picture.
 */
export async function checkWidgetInteractions(
  browser: Browser,
  siteUrl: string,
  spec: WidgetSpec,
): Promise<WidgetCheck> {
  const problems = await withWatchedPage(browser, {}, async ({ page, errors }) => {
    const found: string[] = [];
    const { id } = spec;
    await page.goto(new URL(`embed/${id}/?${spec.start}`, siteUrl).href);
    await waitReady(page, id);
    const first = await picture(page, id);
    if (first.digest.inked < 500)
      found.push(`the canvas is nearly blank (${first.digest.inked} inked pixels)`);

    // Same URL, fresh page: the same picture.
    const reopened = await withWatchedPage(browser, {}, async (other) => {
      await other.page.goto(first.url);
      await waitReady(other.page, id);
      return picture(other.page, id);
    });
    if (reopened.digest.hash !== first.digest.hash)
      found.push(`reopening ${first.url} drew a different picture`);

    // Step forward changes picture and URL; step back then forward returns to the same picture.
    const root = widgetRoot(id);
    const forwardButton = page.locator(`${root} [data-control="forward"]`);
    await forwardButton.click();
    const forward = await picture(page, id);
    if (forward.url === first.url) found.push('step forward did not change the URL');
    if (forward.digest.hash === first.digest.hash)
      found.push('step forward did not change the picture');
    await page.locator(`${root} [data-control="back"]`).click();
    const back = await picture(page, id);
    if (back.url === forward.url) found.push('step back did not change the URL');
    if (back.digest.hash === forward.digest.hash)
      found.push('step back did not change the picture');
    await forwardButton.click();
    const again = await picture(page, id);
    if (again.digest.hash !== forward.digest.hash) {
      found.push('step back then forward did not return to the same picture');
    }
    if (again.url !== forward.url)
      found.push('step back then forward did not return to the same URL');

    // Every parameter control, the seed, the scrubber and reset change both.
    const actions: [string, () => Promise<unknown>][] = Object.keys(spec.schema).map((name) => [
      `param ${name}`,
      () => nudgeParam(page, id, name),
    ]);
    const seed = page.locator(`${root} [data-control="seed"]`);
    if (spec.seeded) {
      actions.push([
        'seed',
        async () => {
          await seed.fill('12345');
          await seed.press('Enter');
        },
      ]);
    }
    actions.push(
      [
        'time scrubber',
        async () => {
          await page.locator(`${root} [data-control="scrub"]`).focus();
          for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowLeft');
        },
      ],
      ['reset', () => page.locator(`${root} [data-control="reset"]`).click()],
    );
    for (const [name, act] of actions) {
      const before = await picture(page, id);
      await act();
      const after = await picture(page, id);
      const what: string[] = [];
      if (after.url === before.url) what.push('the URL');
      if (after.digest.hash === before.digest.hash) what.push('the picture');
      if (what.length > 0) found.push(`${name} did not change ${what.join(' or ')}`);
      if (name !== 'reset' && name !== 'time scrubber') {
        // The changed state reopens identically from its URL.
        const copy = await withWatchedPage(browser, {}, async (other) => {
          await other.page.goto(after.url);
          await waitReady(other.page, id);
          return picture(other.page, id);
        });
        if (copy.digest.hash !== after.digest.hash)
          found.push(`after ${name}, reopening the URL drew a different picture`);
      }
    }
    if (!queryOf(page).has('seed')) found.push('the URL lost the seed');
    return [...found, ...errors];
  });
  return {
    name: `${spec.id}: draws; each control changes picture and URL; URL and step back restore it`,
    problems,
  };
}

/** Keyboard alone: play, pause, step, and move every parameter control. */
export async function checkWidgetKeyboard(
  browser: Browser,
  siteUrl: string,
  spec: WidgetSpec,
): Promise<WidgetCheck> {
  const problems = await withWatchedPage(browser, {}, async ({ page, errors }) => {
    const found: string[] = [];
    const { id } = spec;
    await page.goto(new URL(`embed/${id}/?seed=2`, siteUrl).href);
    await waitReady(page, id);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return (
          el?.dataset['control'] ?? (el?.dataset['param'] ? `param:${el.dataset['param']}` : '')
        );
      });
    const tabTo = async (target: string): Promise<boolean> => {
      for (let i = 0; i < 80; i++) {
        if ((await focused()) === target) return true;
        await page.keyboard.press('Tab');
      }
      return false;
    };
    const root = page.locator(widgetRoot(id));
    if (!(await tabTo('play'))) found.push('Tab never reaches the play button');
    await page.keyboard.press('Enter');
    if ((await root.getAttribute('data-playing')) !== 'true')
      found.push('Enter on play did not start playing');
    // Until the run has moved: on a loaded machine the first frames can take longer than any fixed
    // wait (CI once saw no step after 400 ms while the other lane was busy).
    await page
      .waitForFunction(
        (selector) => Number(document.querySelector(selector)?.getAttribute('data-step')) > 0,
        widgetRoot(id),
        { timeout: 15_000 },
      )
      .catch(() => undefined);
    await page.keyboard.press('Enter');
    if ((await root.getAttribute('data-playing')) !== 'false')
      found.push('Enter again did not pause');
    const afterPlay = Number(await root.getAttribute('data-step'));
    if (!(afterPlay > 0)) found.push('playing by keyboard did not advance the run');
    if (!(await tabTo('forward'))) found.push('Tab never reaches step forward');
    await page.keyboard.press('Enter');
    if (!(Number(await root.getAttribute('data-step')) > afterPlay))
      found.push('Enter on step forward did not advance one event');
    for (const name of Object.keys(spec.schema)) {
      if (!(await tabTo(`param:${name}`))) {
        found.push(`Tab never reaches the ${name} control`);
        continue;
      }
      const before = queryOf(page).get(name);
      const el = page.locator(`${widgetRoot(id)} [data-param="${name}"]`);
      const type = await el.evaluate((e) =>
        e instanceof HTMLSelectElement ? 'select' : (e as HTMLInputElement).type,
      );
      await page.keyboard.press(
        type === 'checkbox' ? 'Space' : type === 'select' ? 'ArrowDown' : 'ArrowRight',
      );
      await settle(page);
      let after = queryOf(page).get(name);
      if (after === before) {
        // At the top of its range: the other way must work.
        await page.keyboard.press(type === 'select' ? 'ArrowUp' : 'ArrowLeft');
        await settle(page);
        after = queryOf(page).get(name);
      }
      if (after === before) found.push(`the keyboard did not move ${name}`);
    }
    return [...found, ...errors];
  });
  return { name: `${spec.id}: keyboard alone plays, steps and moves every slider`, problems };
}
