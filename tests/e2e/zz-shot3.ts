import path from 'node:path';
import { launchChromium } from '../harness/chromium';
import { startStaticServer } from '../harness/static-server';
const server = await startStaticServer(path.resolve('dist'), '/');
const browser = await launchChromium();
const shots: [string, number, number][] = [
  ['embed/observability/?seed=3&t=100s&threshold=500', 1280, 1500],
  ['embed/stack-growth/?seed=1&step=590', 1280, 1500],
  ['embed/timeout-handler/?seed=3&t=5s', 360, 2400],
];
let i = 0;
for (const [url, width, height] of shots) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`${server.siteUrl}${url}`);
  await page.locator('section[data-widget]').first().waitFor();
  await page.locator('.stage').first().scrollIntoViewIfNeeded();
  await page.locator('section[data-widget][data-ready="true"]').first().waitFor({ timeout: 30000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/work/scratch/shot-${i++}.png` });
  await page.close();
}
await browser.close();
process.exit(0);
