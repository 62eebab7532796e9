import { readFileSync } from 'node:fs';
import { BASELINE_ASSUMPTIONS } from '../lib/scenario';
import { openBundled } from '../lib/testing';
import { expect, kpi, openDashboard, settled, test } from './fixtures';

test('a model that fails its self-test shows an error instead of figures', async ({ page }) => {
  await page.route('**/models/lending-club-pd.manifest.json', async (route) => {
    const manifest = JSON.parse(readFileSync('public/models/lending-club-pd.manifest.json', 'utf8'));
    manifest.referenceRows[0].pd += 0.01;
    await route.fulfill({ json: manifest });
  });
  await page.goto('/');
  await expect(page.getByTestId('fatal-error')).toContainText('Model verification failed');
  await expect(page.getByTestId('fatal-error')).toContainText('self-test failed: reference loan 1');
  await expect(page.getByTestId('model-status')).toHaveText('Model not verified');
  await expect(page.getByTestId('kpi-expected-loss')).toHaveCount(0);
  await expect(page.getByTestId('fatal-error')).toContainText(/scores PD 0\.\d{6} but the model card expects 0\.\d{6} \(tolerance 1e-5\)/);
  await expect(page.getByTestId('busy-cue')).toHaveAttribute('data-pending', 'false');
  await expect(page.getByTestId('assumption-income-shock')).toBeDisabled();
});

test('a user file with problems is refused with row, column and value; the current book stays', async ({ page }) => {
  await openDashboard(page);
  const lines = readFileSync('data/lending_club.csv', 'utf8').split('\n');
  lines[2] = lines[2]!.replace(/^32000,/, 'lots,');
  await page
    .getByTestId('portfolio-file')
    .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  const notice = page.getByTestId('portfolio-refused');
  await expect(notice).toContainText('broken.csv was not loaded: 1 problem(s)');
  await expect(notice).toContainText('Row 2, column "funded_amnt": "lots" is not a number; expected a number from 1 to 10,000,000 (USD).');
  await expect(page.getByTestId('portfolio-summary')).toContainText('9,857 loans');
});

test('a valid user file is scored in the browser', async ({ page }) => {
  await openDashboard(page);
  const lines = readFileSync('data/lending_club.csv', 'utf8').split('\n').slice(0, 201);
  await page
    .getByTestId('portfolio-file')
    .setInputFiles({ name: 'sample.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('portfolio-summary')).toContainText('sample.csv · 200 loans');
  // The page's figures are the engine's for that tape, computed here in Node.
  const { engine, model } = await openBundled(lines.join('\n'));
  const expected = (await engine.evaluate(BASELINE_ASSUMPTIONS)).scenario.book;
  await model.release();
  await settled(page);
  expect(await kpi(page, 'expected-loss')).toBeCloseTo(expected.expectedLoss, 6);
  expect(await kpi(page, 'ifrs9-ecl')).toBeCloseTo(expected.ifrs9Ecl, 6);
});
