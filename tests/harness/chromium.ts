import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The system Chromium: never a downloaded browser (`playwright install` is not used here). */
export function chromiumPath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

export const INSTALL_HINT =
  'Install one with `apt-get install -y chromium` (Debian/Ubuntu) or point CHROME_PATH at a ' +
  'Chromium or Chrome binary.';

export function launchChromium(): Promise<Browser> {
  // chromium.launch() starts every run with a fresh temporary profile. The flags keep the browser
  // from calling home, so the only network traffic is the page's own.
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
