import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSite } from './check-site';
import { hasChromium, INSTALL_HINT, launchChromium } from './chromium';
import { startStaticServer, type StaticServer } from './static-server';

/**
 * The browser harness must fail the build on the mistakes it exists to catch. Each fixture page in
 * ./fixtures holds exactly one deliberate mistake; a clean page proves the harness is not failing
 * everything.
 */

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const chromiumMissing = !hasChromium();

describe.skipIf(chromiumMissing)('browser harness self-test', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    // Served under a sub-path, like a team's /go-guide/, so base handling is exercised too.
    server = await startStaticServer(FIXTURES, '/sub/');
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  const failuresFor = async (pagePath: string) =>
    (await checkSite(browser, { siteUrl: server.siteUrl, pages: [pagePath], modes: ['default'] }))
      .failures;

  it('passes a clean page', async () => {
    expect(await failuresFor('good/')).toEqual([]);
  }, 60_000);

  it('reports a broken internal link', async () => {
    const failures = await failuresFor('broken-link/');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/broken link .*\/sub\/no-such-page\/ \(answers 404\)/);
  }, 60_000);

  it('reports a link to a fragment that does not exist', async () => {
    expect(await failuresFor('missing-fragment/')).toEqual([
      expect.stringMatching(/no element with id "no-such-id"/),
    ]);
  }, 60_000);

  it('reports a console error', async () => {
    expect(await failuresFor('console-error/')).toEqual([
      expect.stringMatching(/console error: deliberate console error/),
    ]);
  }, 60_000);

  it('reports an uncaught page error', async () => {
    expect(await failuresFor('page-error/')).toEqual([
      expect.stringMatching(/page error: deliberate uncaught error/),
    ]);
  }, 60_000);

  it('reports a serious or critical axe violation', async () => {
    expect(await failuresFor('axe-violation/')).toEqual([
      expect.stringMatching(/axe critical button-name/),
    ]);
  }, 60_000);

  it('blocks and reports a request to another origin', async () => {
    const failures = await failuresFor('foreign-request/');
    expect(failures).toContainEqual(
      expect.stringMatching(/request to another origin: https:\/\/example\.com\/remote\.png/),
    );
  }, 60_000);

  it('reports a page that is not there', async () => {
    expect(await failuresFor('no-such-page/')).toContainEqual(
      expect.stringMatching(/HTTP status 404/),
    );
  }, 60_000);
});

describe.runIf(chromiumMissing)('browser harness without Chromium', () => {
  it.runIf(process.env.CI === 'true')('is a failure under CI=true', () => {
    expect.fail(`No Chromium found. ${INSTALL_HINT}`);
  });
});
