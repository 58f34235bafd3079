import { INSTALL_HINT, chromiumPath } from '../harness/chromium';

/** The loud notice `npm test` prints when it cannot run the browser tests. */
export function e2eSkippedBanner(): string {
  const line = '!'.repeat(78);
  return [
    line,
    '!!  E2E SKIPPED: no Chromium at ' + chromiumPath(),
    '!!  The browser tests (page loads, console errors, links, axe, widgets) did NOT run.',
    '!!  ' + INSTALL_HINT,
    '!!  Under CI=true a missing browser is a failure.',
    line,
  ].join('\n');
}
