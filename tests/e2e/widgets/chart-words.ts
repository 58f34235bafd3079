import type { Browser } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import { widgetRoot, withWatchedPage } from './page-helpers';
import type { WidgetSpec } from './specs';

/** A model key read as a word: camelCase (heapBytes) or digit-suffixed (status503). */
const RAW_KEY = /\b[a-z]+[A-Z0-9]\w*/;

/**
 * On /embed/<id>/ at its late start: every time-series chart, once drawn, names its lines in
 * words. No caption, legend entry or table row (nor the leak labs' note beside the charts) shows a
 * model key such as `heapBytes`, and each legend entry and table row keeps its key on
 * `data-series`.
 */
export async function checkChartWords(
  browser: Browser,
  siteUrl: string,
  spec: WidgetSpec,
): Promise<WidgetCheck> {
  const { id } = spec;
  const problems = await withWatchedPage(
    browser,
    { viewport: { width: 1280, height: 800 } },
    async ({ page, errors }) => {
      const found: string[] = [];
      await page.goto(new URL(`embed/${id}/?${spec.start}`, siteUrl).href);
      const charts = page.locator(`${widgetRoot(id)} figure.chart`);
      await charts.first().waitFor({ timeout: 30_000 });
      // uPlot loads when its chart comes near the viewport.
      for (let i = 0; i < (await charts.count()); i++) {
        await charts.nth(i).scrollIntoViewIfNeeded();
        await charts.nth(i).locator('.u-legend .u-series').first().waitFor({ timeout: 30_000 });
      }
      const read = await charts.evaluateAll((figures) =>
        figures.map((figure) => ({
          caption: figure.querySelector('figcaption')?.textContent?.trim() ?? '',
          entries: [
            ...figure.querySelectorAll<HTMLElement>('.u-legend .u-series, table.latest th'),
          ].map((el) => ({
            where: el.tagName === 'TH' ? 'table row' : 'legend entry',
            text: (el.textContent ?? '').trim(),
            key: el.dataset.series ?? null,
          })),
        })),
      );
      for (const chart of read) {
        if (RAW_KEY.test(chart.caption)) found.push(`a chart's caption reads "${chart.caption}"`);
        if (!chart.entries.some((e) => e.where === 'legend entry')) {
          found.push(`chart "${chart.caption}" has no legend`);
        }
        for (const entry of chart.entries) {
          const at = `chart "${chart.caption}", ${entry.where} "${entry.text}"`;
          if (entry.key === null) found.push(`${at} has no data-series`);
          // A key that is a plain word (goroutines, steals) may be its own label.
          if (RAW_KEY.test(entry.text)) found.push(`${at} shows a raw key`);
        }
      }
      if (read.length === 0) found.push('no chart');
      // The leak labs' note beside the charts names the series too.
      const note = page.locator(`${widgetRoot(id)} [data-testid="chart-note"]`);
      const noteText = (await note.count()) > 0 ? ((await note.textContent()) ?? '') : '';
      const inNote = RAW_KEY.exec(noteText);
      if (inNote) found.push(`the note beside the charts says "${inNote[0]}"`);
      return [...found, ...errors];
    },
  );
  return { name: `${id}: chart legends in words`, problems };
}
