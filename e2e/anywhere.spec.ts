/**
 * Presenting anywhere: a consultant opens the page from a colleague's laptop at its LAN address over
 * plain http, which is not a secure context (no crypto.subtle, no Clipboard API). A made-up host name,
 * mapped to 127.0.0.1 by Chromium, stands for the LAN address: no traffic leaves the loopback.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { chromiumLaunchOptions } from '../scripts/chromium';
import { MANIFEST_PATH } from '../lib/testing';
import { expect, openDashboard, settled, test } from './fixtures';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const launch = chromiumLaunchOptions();
test.use({
  baseURL: `http://riskdial.lan:${PORT}`,
  launchOptions: { ...launch, args: [...launch.args, '--host-resolver-rules=MAP riskdial.lan 127.0.0.1'] },
});

test('at a LAN address over plain http the model is verified by its hashes, a tape loads, and the link copies', async ({ page, watch }) => {
  // Chromium says it ignores the isolation header (COOP) on an origin that is not trustworthy: kept for https and localhost.
  watch.expectErrors(/Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/);
  await openDashboard(page);
  expect(await page.evaluate(() => ({ secure: window.isSecureContext, subtle: typeof globalThis.crypto.subtle }))).toEqual({
    secure: false,
    subtle: 'undefined',
  });
  const cardSha = createHash('sha256').update(readFileSync(MANIFEST_PATH)).digest('hex');
  await expect(page.getByTestId('card-sha256')).toHaveText(cardSha.slice(0, 12));
  const tape = readFileSync('data/lending_club.csv', 'utf8').split('\n').slice(0, 1001).join('\n');
  await page.getByTestId('portfolio-file').setInputFiles({ name: 'lan.csv', mimeType: 'text/csv', buffer: Buffer.from(tape) });
  await expect(page.getByTestId('portfolio-summary')).toContainText('lan.csv · 1,000 loans');
  await settled(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
});
