/**
 * npm run screenshots [-- --url URL]: captures the dashboard at 1920×1080, 1440×900, 1024×768 and a
 * phone's 390×844 into docs/, and each view of the boardroom: compare, a drill-down with one loan,
 * presentation mode at 1280×720 and the phone's levers drawer (expects a server, e.g. `npm run serve`).
 * A stressed scenario is shown so the figures move.
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

const { url } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:3000' } } }).values;
const scenario = '?income-shock=-20&rate-shock=200&unemployment-change=3&cutoff=20';
const browser = await chromium.launch(chromiumLaunchOptions());

/** The figures shown and every panel answered (nothing marked stale). */
async function open(page: Page, query = scenario) {
  await page.goto(`${url}/${query}`);
  await page.getByTestId('kpi-expected-loss').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-stale="true"]'), undefined, { timeout: 60_000 });
  await page.waitForTimeout(500);
}

/**
 * The whole page as one image. Panels far below the fold are laid out and drawn only near the screen,
 * so the viewport is made as tall as the page first (until its height settles: each panel replaces a
 * placeholder of a guessed height), then put back.
 */
async function wholePage(page: Page, path: string) {
  const viewport = page.viewportSize()!;
  for (let k = 0, last = 0; k < 5; k++) {
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);
    if (tall === last) break;
    last = tall;
    await page.setViewportSize({ width: viewport.width, height: tall });
    await page.waitForFunction(() => !document.querySelector('[data-stale="true"]'), undefined, { timeout: 60_000 });
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(viewport);
}

for (const [width, height] of [
  [1920, 1080],
  [1440, 900],
  [1024, 768],
  [390, 844],
] as const) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  await open(page);
  await page.screenshot({ path: `docs/screenshot-${width}x${height}.png` });
  await wholePage(page, `docs/screenshot-${width}x${height}-full.png`);
  await page.close();
}

const desktop = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
await open(desktop);
await desktop.getByTestId('compare-panel').screenshot({ path: 'docs/screenshot-compare.png' });
await desktop.getByTestId('drill-G').click();
await desktop.locator('[data-testid^="loan-row-"]').first().click();
await desktop.getByTestId('loan-view').waitFor();
await desktop.waitForFunction(() => !document.querySelector('[data-stale="true"]'), undefined, { timeout: 60_000 });
await desktop.evaluate(() => window.scrollTo(0, 0));
await desktop.screenshot({ path: 'docs/screenshot-drill-down.png' });
await desktop.getByTestId('loan-panel').screenshot({ path: 'docs/screenshot-loan.png' });
await desktop.close();

const room = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
await open(room);
await room.keyboard.press('p');
await room.getByTestId('presentation').waitFor();
await room.waitForTimeout(500);
await room.screenshot({ path: 'docs/screenshot-presenting-1280x720.png' });
await room.close();

const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
await open(phone);
await phone.getByTestId('levers-open').tap();
await phone.waitForTimeout(400);
await phone.screenshot({ path: 'docs/screenshot-390x844-levers.png' });
await phone.close();
await browser.close();
