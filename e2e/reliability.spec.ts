/**
 * Faults and hostile input, tried as a hostile user would (docs/reliability.md lists each with its test).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { BASELINE_ASSUMPTIONS, type Assumptions } from '../lib/scenario';
import { openBundled } from '../lib/testing';
import { expect, keepTapeAsBytes, keptTape, keptTapeName, kpi, openDashboard, settled, test } from './fixtures';

const TAPE = readFileSync('data/lending_club.csv', 'utf8');
const sample = (rows: number) =>
  TAPE.split('\n')
    .slice(0, rows + 1)
    .join('\n');
const choose = (page: Page, name: string, text: string | Buffer) =>
  page
    .getByTestId('portfolio-file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });

/** The engine's figures for a tape and scenario, computed here in Node: what a fresh page must show. */
async function engineFigures(tapeText: string, assumptions: Assumptions) {
  const { engine, model } = await openBundled(tapeText);
  const book = (await engine.evaluate(assumptions)).scenario.book;
  await model.release();
  return book;
}

/** The page's worker of that name (engine or scoring helper), for the tests that kill it. */
async function workerNamed(page: Page, name: 'riskdial-engine' | 'riskdial-scorer') {
  const names = await Promise.all(page.workers().map((w) => w.evaluate(() => self.name).catch(() => '')));
  const worker = page.workers()[names.indexOf(name)];
  if (!worker) throw new Error(`no ${name} worker among ${names.join(', ')}`);
  return worker;
}

async function csvDownload(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  return Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
}

test.describe('dying workers', () => {
  test('an engine worker that closes itself is replaced; the figures are a fresh page’s and never stale under “Updating…”', async ({
    page,
  }) => {
    await page.clock.install();
    await openDashboard(page);
    await (await workerNamed(page, 'riskdial-engine')).evaluate(() => self.close());
    // The page's time stands still from here on, but for what the test moves on.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    const slider = page.getByTestId('assumption-income-shock');
    await slider.focus();
    await slider.press('PageDown');
    await expect(page.getByTestId('busy-cue')).toHaveAttribute('data-pending', 'true');
    // The cue shows only once the answer is slow (a quick one would make it blink at every key press).
    await expect(page.getByTestId('busy-cue')).toBeHidden();
    await page.clock.fastForward(400);
    await expect(page.getByTestId('busy-cue')).toBeVisible();
    await expect(page.getByTestId('busy-cue')).toHaveText('Updating…');
    await page.clock.fastForward(25_000); // the watchdog's silence limit
    await page.clock.resume();
    await expect(page.getByTestId('engine-restarting')).toContainText('The engine stopped answering.');
    await expect(page.getByTestId('kpi-expected-loss')).toHaveCount(0); // no figures while the new worker verifies
    await expect(page.getByTestId('model-status')).toHaveText('Model verified');
    await settled(page);
    const expected = await engineFigures(TAPE, { ...BASELINE_ASSUMPTIONS, 'income-shock': -10 });
    expect(await kpi(page, 'expected-loss')).toBeCloseTo(expected.expectedLoss, 6);
    await expect(page.getByTestId('engine-restarting')).toHaveCount(0);
  });

  test('a scoring worker that closes itself is replaced by a verified one, and the figures stay right', async ({ page }) => {
    test.setTimeout(90_000);
    await openDashboard(page);
    await (await workerNamed(page, 'riskdial-scorer')).evaluate(() => self.close());
    const slider = page.getByTestId('assumption-utilization-shift');
    await slider.focus();
    await slider.press('End');
    await expect(page.getByTestId('kpi-expected-loss-change')).not.toHaveText('unchanged', { timeout: 30_000 });
    await settled(page);
    const expected = await engineFigures(TAPE, { ...BASELINE_ASSUMPTIONS, 'utilization-shift': 50 });
    expect(await kpi(page, 'expected-loss')).toBeCloseTo(expected.expectedLoss, 6);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-scorers', '2');
  });

  test('a reload keeps the tape the user chose (as its file); going back to the bundled tape forgets it', async ({ page }) => {
    await openDashboard(page);
    await choose(page, 'sample.csv', sample(200));
    await expect(page.getByTestId('portfolio-summary')).toContainText('sample.csv · 200 loans');
    await expect.poll(() => keptTape(page)).toEqual({ name: 'sample.csv', asFile: true });
    await page.reload();
    await expect(page.getByTestId('portfolio-summary')).toContainText('sample.csv · 200 loans');
    await settled(page);
    const expected = await engineFigures(sample(200), BASELINE_ASSUMPTIONS);
    expect(await kpi(page, 'ifrs9-ecl')).toBeCloseTo(expected.ifrs9Ecl, 6);
    await page.getByTestId('use-bundled-portfolio').click();
    await expect(page.getByTestId('portfolio-summary')).toContainText('Lending Club 2016 Q1 · 9,857 loans');
    await expect.poll(() => keptTapeName(page)).toBeNull();
    await page.reload();
    await expect(page.getByTestId('portfolio-summary')).toContainText('Lending Club 2016 Q1 · 9,857 loans');
    // A tape kept by an earlier version of the page (its bytes) is still scored after the upgrade.
    await keepTapeAsBytes(page, 'kept-before.csv', sample(50));
    await page.reload();
    await expect(page.getByTestId('portfolio-summary')).toContainText('kept-before.csv · 50 loans');
  });
});

test.describe('races', () => {
  test('the file chosen last wins, even when the one before is far larger', async ({ page }) => {
    await openDashboard(page);
    const [header, ...rows] = TAPE.trimEnd().split('\n');
    const large = [header, ...Array.from({ length: 100_000 }, (_, i) => rows[i % rows.length])].join('\n');
    await choose(page, 'large.csv', large);
    await choose(page, 'small.csv', sample(200));
    await expect(page.getByTestId('portfolio-summary')).toContainText('small.csv · 200 loans', { timeout: 30_000 });
    await settled(page);
    await page.waitForTimeout(1_000);
    await expect(page.getByTestId('portfolio-summary')).toContainText('small.csv · 200 loans');
  });

  test('a file chosen while the model is still being verified is kept, not dropped', async ({ page }) => {
    await page.route('**/models/lending-club-pd.onnx', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto('/');
    await expect(page.getByTestId('model-status')).toHaveText('Verifying model…');
    await choose(page, 'early.csv', sample(300));
    await expect(page.getByTestId('portfolio-summary')).toContainText('early.csv · 300 loans', { timeout: 30_000 });
  });
});

test.describe('trust', () => {
  test('a model card whose lever is reversed is refused, and figures are withheld', async ({ page }) => {
    await page.route('**/models/lending-club-pd.manifest.json', async (route) => {
      const card = JSON.parse(readFileSync('public/models/lending-club-pd.manifest.json', 'utf8'));
      card.assumptions.find((a: { id: string }) => a.id === 'rate-shock').channel.inputUnitsPerStep = -0.01;
      await route.fulfill({ json: card });
    });
    await page.goto('/');
    await expect(page.getByTestId('fatal-error')).toContainText('Model verification failed');
    await expect(page.getByTestId('fatal-error')).toContainText('The model card\'s "rate-shock" channel does not act as documented');
    await expect(page.getByTestId('kpi-expected-loss')).toHaveCount(0);
  });

  test('the card’s hash is shown and exported beside the model’s; hashes are of the file’s bytes, byte-order mark and all', async ({
    page,
  }) => {
    await openDashboard(page);
    const cardSha = createHash('sha256').update(readFileSync('public/models/lending-club-pd.manifest.json')).digest('hex');
    await expect(page.getByTestId('card-sha256')).toHaveText(cardSha.slice(0, 12));
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample(250))]);
    await choose(page, 'bom.csv', withBom);
    await expect(page.getByTestId('portfolio-summary')).toContainText('bom.csv · 250 loans');
    await settled(page);
    const csv = await csvDownload(page);
    expect(csv).toContain(`card SHA-256 ${cardSha}`);
    expect(csv).toContain(`# portfolio: bom.csv; 250 loans; SHA-256 ${createHash('sha256').update(withBom).digest('hex')}`);
  });
});

test.describe('nothing applied silently', () => {
  test('blank cells the model imputes and a misnamed optional column are said on the page and in the export', async ({ page }) => {
    await openDashboard(page);
    const parsed = Papa.parse<string[]>(sample(400), { skipEmptyLines: true }).data;
    const [header, ...rows] = parsed;
    const util = header!.indexOf('revol_util');
    const text = Papa.unparse([
      header!.map((h) => (h === 'addr_state' ? 'state' : h)),
      ...rows.map((r) => r.map((v, i) => (i === util ? '' : v))),
    ]);
    await choose(page, 'renamed.csv', text);
    await expect(page.getByTestId('portfolio-summary')).toContainText('renamed.csv · 400 loans');
    await expect(page.getByTestId('columns-misnamed')).toContainText(
      'No “addr_state” column (borrower state); the file has “state”, which is not used.',
    );
    await expect(page.getByTestId('note-imputed')).toContainText("400 blank revol_util cells filled with the model's training median.");
    await settled(page);
    const csv = await csvDownload(page);
    expect(csv).toContain(
      '# data: absent column: addr_state (borrower state); figures by state read “n/a”; the file has state which is not used',
    );
    expect(csv).toContain("# data: imputed: 400 blank revol_util cells filled with the model's training median");
  });

  test('a tape whose name is a formula puts no formula cell in the CSV export', async ({ page }) => {
    await openDashboard(page);
    const name = 'x,=HYPERLINK("http://x"),y.csv';
    await choose(page, name, sample(120));
    await expect(page.getByTestId('portfolio-summary')).toContainText('120 loans');
    await settled(page);
    const cells = Papa.parse<string[]>(await csvDownload(page), { skipEmptyLines: true }).data.flat();
    expect(cells.filter((c) => /^[=+@]/.test(c))).toEqual([]);
    // Its comma and quotes are written as ";" and "'", so the line stays one comment cell.
    expect(cells).toContain(
      `# portfolio: x;=HYPERLINK('http://x');y.csv; 120 loans; SHA-256 ${createHash('sha256').update(sample(120)).digest('hex')}`,
    );
  });
});

test.describe('messages', () => {
  test('a bad link value is echoed as given, and a 15 KB one is shortened and does not widen the page', async ({ page }) => {
    await openDashboard(page, `?cutoff=abc&${'z'.repeat(15_000)}=1`);
    const ignored = page.getByTestId('link-ignored');
    await expect(ignored).toContainText('cutoff=abc is not a number; expected 0.5 to 100 % PD.');
    await expect(ignored).toContainText(`"${'z'.repeat(39)}…" is not a lever`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  });

  test('a tape too large for the browser is refused before it is read, with its size, the limit and the way out', async ({ page }) => {
    await openDashboard(page);
    await page.getByTestId('portfolio-file').evaluate((input: HTMLInputElement) => {
      const huge = new File(['x'], 'book-2026.csv', { type: 'text/csv' });
      Object.defineProperty(huge, 'size', { value: 650 * 1024 * 1024 });
      Object.defineProperty(input, 'files', { value: [huge], configurable: true });
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await expect(page.getByTestId('portfolio-refused')).toContainText(
      'book-2026.csv is 650 MB; this page reads loan tapes of up to 256 MB. Score a larger book with the command line, on the same engine: npm run score -- --portfolio book-2026.csv --out scores.csv',
    );
    await expect(page.getByTestId('portfolio-summary')).toContainText('9,857 loans');
  });

  test('a missing WebAssembly runtime is named as the step that failed', async ({ page, watch }) => {
    watch.expectErrors(/^HTTP 404 .*\/ort\//, /status of 404 .*\(http:\/\/[^)]*\/ort\//);
    await page.route('**/ort/**', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto('/');
    await expect(page.getByTestId('fatal-error')).toContainText('The model could not be loaded');
    await expect(page.getByTestId('fatal-error')).toContainText('The model runtime (onnxruntime-web WebAssembly from');
  });

  test('a missing bundled tape is said to be the tape, not the model', async ({ page, watch }) => {
    watch.expectErrors(/^HTTP 404 .*\/portfolios\/lending_club\.csv$/, /status of 404 .*\/portfolios\/lending_club\.csv\)$/);
    await page.route('**/portfolios/lending_club.csv', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto('/');
    await expect(page.getByTestId('fatal-error')).toContainText('The bundled portfolio could not be loaded');
    await expect(page.getByTestId('fatal-error')).toContainText('/portfolios/lending_club.csv: HTTP 404');
  });
});

test.describe('headers', () => {
  test('the page allows its own origin only, runs no inline script but its own nonce’d ones, and turns off unused features', async ({
    page,
    request,
  }) => {
    const response = await page.goto('/');
    const headers = response!.headers();
    const csp = headers['content-security-policy']!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'wasm-unsafe-eval'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('blob:');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['permissions-policy']).toContain('geolocation=()');
    expect(headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    const again = (await request.get('/')).headers()['content-security-policy'];
    expect(again).not.toBe(csp); // a fresh nonce per request
    const asset = (await request.get('/models/lending-club-pd.manifest.json')).headers();
    expect(asset['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(asset['content-security-policy']).not.toContain('unsafe-inline');
    await expect(page.getByTestId('model-status')).toHaveText('Model verified');
  });
});
