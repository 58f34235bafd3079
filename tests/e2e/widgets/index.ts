import type { Browser } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import { checkWidgetBudget } from './budget';
import { checkChartWords } from './chart-words';
import { checkClip } from './clip';
import { checkDumpPanel } from './dump-panel';
import { checkHostileQueries } from './hostile';
import { checkWidgetInteractions, checkWidgetKeyboard } from './interactions';
import { checkMountCycles, checkTenWidgets } from './lifecycle';
import { RUNTIME_WIDGETS } from './specs';
import { checkToolbarTargets, checkWidgetToggleTargets } from './targets';

/**
 * Every browser check of every registered widget (one entry each in ./specs.ts).
 * E2E_WIDGET_ONLY=<text> runs only the checks
 * whose name contains it (`E2E_WIDGET_ONLY="gmp: mount"`).
 */
export async function runtimeWidgetChecks(
  browser: Browser,
  siteUrl: string,
  log: (check: WidgetCheck) => void = () => undefined,
): Promise<WidgetCheck[]> {
  const checks: WidgetCheck[] = [];
  /** A check that throws (a timeout) is a failed check, not the end of the run. */
  const only = process.env.E2E_WIDGET_ONLY;
  const add = async (name: string, run: () => Promise<WidgetCheck>) => {
    if (only && !name.includes(only)) return;
    let check: WidgetCheck;
    const started = performance.now();
    try {
      check = await run();
    } catch (error) {
      check = {
        name,
        problems: [error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)],
      };
    }
    check = { ...check, seconds: (performance.now() - started) / 1000 };
    checks.push(check);
    log(check);
  };
  // Two lanes, each taking the next widget: each page runs in its own renderer process, so two
  // cores check two widgets at once (E2E_LANES=1 for one at a time).
  const queue = [...RUNTIME_WIDGETS];
  const lane = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const current = spec;
      await add(`${current.id}: interactions`, () =>
        checkWidgetInteractions(browser, siteUrl, current),
      );
      await add(`${current.id}: keyboard`, () => checkWidgetKeyboard(browser, siteUrl, current));
      const { dumpTopIncident } = current;
      if (dumpTopIncident !== undefined) {
        await add(`${current.id}: dump panel`, () =>
          checkDumpPanel(browser, siteUrl, { ...current, dumpTopIncident }),
        );
      }
      await add(`${current.id}: hostile links`, () =>
        checkHostileQueries(browser, siteUrl, current),
      );
      await add(`${current.id}: mount cycles`, () =>
        checkMountCycles(browser, siteUrl, current.id),
      );
      await add(`${current.id}: JS budget`, () => checkWidgetBudget(browser, siteUrl, current.id));
      await add(`${current.id}: toolbar targets`, () =>
        checkToolbarTargets(browser, siteUrl, current.id),
      );
      await add(`${current.id}: clip`, () => checkClip(browser, siteUrl, current.id));
      await add(`${current.id}: summary and slider targets`, () =>
        checkWidgetToggleTargets(browser, siteUrl, current),
      );
      await add(`${current.id}: chart legends in words`, () =>
        checkChartWords(browser, siteUrl, current),
      );
    }
  };
  const lanes = Math.max(1, Number(process.env.E2E_LANES ?? 2) || 1);
  await Promise.all(Array.from({ length: lanes }, lane));
  await add('ten widgets', () => checkTenWidgets(browser, siteUrl));
  return checks;
}
