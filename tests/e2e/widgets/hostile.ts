import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { parseParams } from '../../../src/scenarios/params';
import type { ParamSpec } from '../../../src/scenarios/types';
import type { WidgetCheck } from '../widget-checks';
import { widgetRoot, withWatchedPage } from './page-helpers';
import type { WidgetSpec } from './specs';

/** Values no parameter accepts: bad numbers, wrong types, script text, control characters. */
const POISON = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=1',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '0x1F',
  '1.5.3',
  '[1,2]',
  '{"a":1}',
  "' OR 1=1 --",
  '\u0000',
  '%00',
  '\u202e4',
  '٣',
  '9'.repeat(400),
  '-'.repeat(70),
  'null',
  'undefined',
  '__proto__',
  'constructor',
];

function hostileFor(spec: ParamSpec): fc.Arbitrary<string> {
  const poison = fc.constantFrom(...POISON);
  const junk = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `zz${s}`);
  switch (spec.kind) {
    case 'int':
      return fc.oneof(
        poison,
        junk,
        fc.integer({ min: spec.max + 1, max: spec.max + 1e9 }).map(String),
        fc.integer({ min: -1e9, max: spec.min - 1 }).map(String),
        fc
          .double({ min: spec.min + 0.01, max: spec.max - 0.01, noNaN: true })
          .map((d) => `${d.toFixed(3)}`),
        fc.constantFrom('true', 'false', '4s'),
      );
    case 'duration':
      return fc.oneof(
        poison,
        junk,
        fc.integer({ min: 1, max: 1e6 }).map(String), // a number with no unit
        fc.constantFrom('1y', '5 s', '-1s', '1h1h1h1h1h1h1h', '9999999h', 'ms', '.s', '1e3s'),
      );
    case 'bool':
      return fc.oneof(
        poison,
        junk,
        fc.constantFrom('yes', 'no', 'maybe', '2', 'on', 'off', 'TRUEE'),
      );
    case 'enum':
      return fc.oneof(poison, junk, fc.constantFrom(...spec.options.map((o) => `${o}x`)));
  }
}

/** The shell's own keys: seed and step are whole numbers, speed one of the offered speeds. */
const SHELL_HOSTILE: Record<string, fc.Arbitrary<string>> = {
  seed: fc.oneof(
    fc.constantFrom(...POISON),
    fc.constantFrom('-1', '1.5', '99999999999999', '2147483648'),
  ),
  step: fc.oneof(fc.constantFrom(...POISON), fc.constantFrom('-1', '1.5', '1e99', '10000001')),
  speed: fc.oneof(fc.constantFrom(...POISON), fc.constantFrom('3', '0', '-1', 'fast', '1e3')),
};

export interface HostileQuery {
  readonly query: string;
  /** Schema parameters given a refused value: each must show its default. */
  readonly refused: readonly string[];
}

/**
 * `count` query strings, each refusing at least one value, generated from a fixed seed so a
 * failure names a query that can be replayed. Values a parser would accept are filtered out by
 * asking B's own parser, so "refused" is never a guess.
 */
export function hostileQueries(spec: WidgetSpec, count: number, seed = 20261128): HostileQuery[] {
  const names = Object.keys(spec.schema);
  const entry = fc.oneof(
    ...names.map((name) => {
      const paramSpec = spec.schema[name];
      if (!paramSpec) throw new Error(`no spec for ${name}`);
      return hostileFor(paramSpec).map((value) => [name, value] as const);
    }),
    ...Object.entries(SHELL_HOSTILE).map(([name, arb]) =>
      arb.map((value) => [name, value] as const),
    ),
  );
  const extra = fc.constantFrom('', '&&&', '&=x', '&<b>=1', '&%E0%A4%A=1', '&a[]=1&a[]=2', '#x');
  const query = fc.tuple(fc.array(entry, { minLength: 1, maxLength: 4 }), extra);
  const out: HostileQuery[] = [];
  for (const [entries, tail] of fc.sample(query, { seed, numRuns: count * 4 })) {
    const params = new URLSearchParams();
    for (const [name, value] of entries) params.set(name, value);
    const raw: Record<string, string> = {};
    for (const name of names) {
      const value = params.get(name);
      if (value !== null) raw[name] = value;
    }
    const refused = parseParams(spec.schema, raw).errors.map((e) => e.param);
    const shellRefused = ['seed', 'step', 'speed'].some((k) => params.has(k));
    if (refused.length === 0 && !shellRefused) continue;
    const given = names.filter((n) => params.has(n));
    if (given.some((n) => !refused.includes(n))) continue; // keep only refused values
    out.push({ query: `?${params.toString()}${tail}`, refused });
    if (out.length === count) break;
  }
  return out;
}

/** The value each parameter control shows, as the reader sees it. */
function controlValues(page: Page, id: string): Promise<Record<string, string>> {
  return page.evaluate((root) => {
    const out: Record<string, string> = {};
    for (const el of document.querySelectorAll<HTMLElement>(`${root} [data-param]`)) {
      const name = el.dataset['param'] ?? '';
      if (el instanceof HTMLSelectElement) out[name] = el.value;
      else if (el instanceof HTMLInputElement && el.type === 'checkbox')
        out[name] = String(el.checked);
      else out[name] = el.parentElement?.querySelector('output')?.textContent ?? '';
    }
    return out;
  }, widgetRoot(id));
}

/** Every tenth hostile link is also opened as a real page load, the way a reader would open it. */
const RELOAD_EVERY = 10;

/** Unmounts the lab's widget, puts `query` in the address bar, and mounts it again. */
async function remountWith(page: Page, query: string): Promise<void> {
  const toggle = async (mounted: boolean) => {
    await page.locator('[data-lab="toggle"]').click();
    await page.locator(`[data-lab-mounted="${mounted}"]`).first().waitFor();
  };
  await toggle(false);
  // After the unmount, so nothing the old widget left behind can rewrite the address first.
  await page.evaluate((q) => history.replaceState(null, '', location.pathname + q), query);
  await toggle(true);
}

/**
 * ≥ 200 malformed or hostile links per widget: a visible notice, the defaults, no page error.
 * Opening 200 pages that each start WebGL took minutes per widget, so most links are checked on
 * /lab/embed/<id>/, which reads the query exactly as /embed/<id>/ does: set it, remount, look.
 * Every tenth link is opened on /embed/<id>/ itself.
 */
export async function checkHostileQueries(
  browser: Browser,
  siteUrl: string,
  spec: WidgetSpec,
  count = 200,
): Promise<WidgetCheck> {
  const queries = hostileQueries(spec, count);
  const root = widgetRoot(spec.id);
  const problems = await withWatchedPage(
    // The lab's widget sits below the fold (src/pages/lab/embed/): it parses its link and shows
    // its notice without starting WebGL (created only near the viewport), which made each remount
    // three times slower. The real page loads below do draw.
    browser,
    { viewport: { width: 1000, height: 300 } },
    async ({ page, errors }) => {
      const found: string[] = [];
      if (queries.length < count) found.push(`only ${queries.length} hostile queries generated`);
      const lab = new URL(`lab/embed/${spec.id}/`, siteUrl).href;
      await page.goto(lab);
      await page.locator(root).first().waitFor();
      const defaults = await controlValues(page, spec.id);
      for (const [index, { query, refused }] of queries.entries()) {
        if (index % RELOAD_EVERY === 0) {
          await page.goto(new URL(`embed/${spec.id}/`, siteUrl).href + query);
        } else {
          if (!page.url().startsWith(lab)) {
            await page.goto(lab);
            await page.locator(root).first().waitFor(); // hydrated: the toggle answers clicks
          }
          await remountWith(page, query);
        }
        await page.locator(root).first().waitFor({ timeout: 15_000 });
        const notice = page.locator(`${root} [data-testid="param-notice"]`);
        if (!(await notice.isVisible())) found.push(`no visible notice for ${query}`);
        const shown = await controlValues(page, spec.id);
        for (const name of refused) {
          if (shown[name] !== defaults[name]) {
            found.push(
              `${query}: ${name} shows ${JSON.stringify(shown[name])}, not the default ${JSON.stringify(defaults[name])}`,
            );
          }
        }
        if (
          await page.evaluate(() => Boolean((window as Window & { __pwned?: boolean }).__pwned))
        ) {
          found.push(`${query} ran script`);
        }
        if (found.length > 10) break;
      }
      return [...found, ...errors.slice(0, 10)];
    },
  );
  return {
    name: `${spec.id}: ${queries.length} hostile links give a notice and the defaults, no page error`,
    problems,
  };
}
