import type { Browser } from 'playwright-core';
import type { WidgetCheck } from '../widget-checks';
import { checkWidgetBudget } from './budget';
import { checkHostileQueries } from './hostile';
import { checkWidgetInteractions, checkWidgetKeyboard } from './interactions';
import { checkMountCycles, checkTenWidgets } from './lifecycle';
import { RUNTIME_WIDGETS } from './specs';

/**
 * Every browser check of the runtime widgets (gmp, stack-growth, preemption), one after another:
 * two cores are shared, so nothing runs in parallel. E2E_WIDGET_ONLY=<text> runs only the checks
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
  for (const spec of RUNTIME_WIDGETS) {
    await add(`${spec.id}: interactions`, () => checkWidgetInteractions(browser, siteUrl, spec));
    await add(`${spec.id}: keyboard`, () => checkWidgetKeyboard(browser, siteUrl, spec));
    await add(`${spec.id}: hostile links`, () => checkHostileQueries(browser, siteUrl, spec));
    await add(`${spec.id}: mount cycles`, () => checkMountCycles(browser, siteUrl, spec.id));
    await add(`${spec.id}: JS budget`, () => checkWidgetBudget(browser, siteUrl, spec.id));
  }
  await add('ten widgets', () => checkTenWidgets(browser, siteUrl));
  return checks;
}
