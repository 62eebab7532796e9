/**
 * npm run screenshots [-- --url URL]: captures the dashboard at 1920×1080, 1440×900, 1024×768 and a phone's 390×844 into docs/
 * (expects a server, e.g. `npm run serve`). A stressed scenario is shown so the figures move.
 */
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

const { url } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:3000' } } }).values;
const scenario = '?income-shock=-20&rate-shock=200&unemployment-change=3&cutoff=20';
const browser = await chromium.launch(chromiumLaunchOptions());
for (const [width, height] of [
  [1920, 1080],
  [1440, 900],
  [1024, 768],
  [390, 844],
] as const) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  await page.goto(`${url}/${scenario}`);
  await page.getByTestId('kpi-expected-loss').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `docs/screenshot-${width}x${height}.png` });
  await page.screenshot({ path: `docs/screenshot-${width}x${height}-full.png`, fullPage: true });
  await page.close();
}
await browser.close();
