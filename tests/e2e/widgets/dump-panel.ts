import type { Browser } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import { waitReady, widgetRoot, withWatchedPage } from './page-helpers';
import type { WidgetSpec } from './specs';

/**
 * A leak lab's "Dump goroutines" (issue #6): the buggy run's dump at this instant, folded by stack
 * with counts that add up to the total it states, the largest group pointing to the incident (or
 * to none, where the leak holds no goroutine), a note of the Go release whose line numbers it
 * prints, and a Copy that puts the whole text on the clipboard.
 */
export async function checkDumpPanel(
  browser: Browser,
  siteUrl: string,
  spec: WidgetSpec & { dumpTopIncident: string },
): Promise<WidgetCheck> {
  const { id } = spec;
  const problems = await withWatchedPage(
    browser,
    { permissions: ['clipboard-read', 'clipboard-write'] },
    async ({ page, errors }) => {
      const found: string[] = [];
      await page.goto(new URL(`embed/${id}/?${spec.start}`, siteUrl).href);
      await waitReady(page, id);
      const panel = page.locator(`${widgetRoot(id)} [data-dump-panel="Buggy"]`);
      await panel.locator('[data-control="dump"]').click();
      await panel.locator('li[data-group-count]').first().waitFor({ timeout: 15_000 });
      const listed = await panel.evaluate((root) => {
        const counts = [...root.querySelectorAll('li[data-group-count]')].map((li) =>
          Number(li.getAttribute('data-group-count')),
        );
        const summary = root.querySelector('.summary')?.textContent ?? '';
        const rest = /\(([\d,]+) goroutines\)/.exec(
          [...root.querySelectorAll('p')].map((p) => p.textContent ?? '').join(' '),
        );
        return {
          counts,
          stated: Number(/([\d,]+) goroutines? in/.exec(summary)?.[1]?.replace(/,/g, '') ?? NaN),
          rest: Number(rest?.[1]?.replace(/,/g, '') ?? 0),
          top: root.querySelector('li[data-group-count]')?.getAttribute('data-incident') ?? null,
        };
      });
      // Which Go release's line numbers the standard library's frames carry (std-release.ts).
      const note = (await panel.locator('p.note').textContent()) ?? '';
      if (!/^Frames in Go's own packages are at go1\.\d+\.\d+'s lines/.test(note.trim())) {
        found.push(`no note of the release whose lines the dump prints (read "${note.trim()}")`);
      }
      const sum = listed.counts.reduce((a, b) => a + b, 0) + listed.rest;
      if (!(sum === listed.stated && sum > 0)) {
        found.push(`the groups add up to ${sum}, the panel says ${listed.stated} goroutines`);
      }
      const sorted = [...listed.counts].sort((a, b) => b - a);
      if (sorted.join() !== listed.counts.join()) found.push('groups are not largest first');
      if (listed.top !== spec.dumpTopIncident) {
        found.push(
          `the largest group points to "${listed.top ?? 'nothing'}", expected "${spec.dumpTopIncident}"`,
        );
      }
      await panel.locator('[data-control="copy-dump"]').click();
      await panel.getByText('Dump copied.').waitFor({ timeout: 5_000 });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const shown = await panel.locator('pre.raw').textContent();
      if (copied !== shown) found.push('Copy did not put the whole dump on the clipboard');
      return [...found, ...errors];
    },
  );
  return { name: `${id}: dump panel folds the buggy run's goroutines and copies them`, problems };
}
