import { readFileSync } from 'node:fs';
import { KPIS } from '../app/kpis';
import { formatUsd } from '../components/format';
import { BASELINE_ASSUMPTIONS } from '../lib/scenario';
import { MANIFEST_PATH, openBundled } from '../lib/testing';
import { expect, kpi, openDashboard, settled, test } from './fixtures';

/** The shipped model card: its name, version and hash are what the page must show. */
const card = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { name: string; version: string; model: { sha256: string } };

test('loads the bundled portfolio and shows the verified model', async ({ page }) => {
  await openDashboard(page);
  await expect(page.getByTestId('portfolio-summary')).toHaveText('Lending Club 2016 Q1 · 9,857 loans · $155M');
  await expect(page.getByTestId('model-summary')).toContainText(`${card.name} v${card.version} · ${card.model.sha256.slice(0, 12)}`);
  for (const { name } of KPIS) await expect(page.getByTestId(`kpi-${name}`)).toBeVisible();
  await expect(page.getByTestId('kpis').locator('[data-testid^="kpi-"][data-value]')).toHaveCount(KPIS.length);
  const { engine, model } = await openBundled();
  const baseline = (await engine.evaluate(BASELINE_ASSUMPTIONS)).baseline.book;
  await model.release();
  await expect(page.getByTestId('kpi-expected-loss')).toHaveText(formatUsd(baseline.expectedLoss));
  await expect(page.getByTestId('kpi-approval-rate')).toHaveText('100.0%');
  await expect(page.getByTestId('kpi-expected-loss-change')).toHaveText('unchanged');
});

test('lowering income-shock with the keyboard raises expected loss', async ({ page }) => {
  await openDashboard(page);
  const before = await kpi(page, 'expected-loss');
  const slider = page.getByTestId('assumption-income-shock');
  await slider.focus();
  for (let i = 0; i < 10; i++) await slider.press('ArrowLeft');
  await expect(slider).toHaveValue('-10');
  await settled(page);
  expect(await kpi(page, 'expected-loss')).toBeGreaterThan(before);
  await expect(page.getByTestId('kpi-expected-loss-change')).toContainText('+$');
  await expect(page.getByTestId('scenario-levers')).toHaveText('Income shock −10%');
  await expect(page.getByTestId('scenario-headline')).toContainText('Expected loss rises by $');
  // Charts and the segment table follow once the sliders rest.
  const table = page.getByTestId('segment-table');
  await expect(table.locator('tbody tr').first()).toContainText('+$');
  await page.getByTestId('segment-kind-term').click();
  await expect(page.getByTestId('segment-kind-term')).toHaveAttribute('aria-pressed', 'true');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').first()).toContainText('36 months');
});

test('raising lgd raises expected loss in proportion', async ({ page }) => {
  await openDashboard(page);
  const before = await kpi(page, 'expected-loss');
  const slider = page.getByTestId('assumption-lgd');
  await slider.focus();
  await slider.press('PageUp');
  await expect(slider).toHaveValue('95');
  await settled(page);
  expect((await kpi(page, 'expected-loss')) / before).toBeCloseTo(95 / 85, 9);
});

test('lowering cutoff lowers the approval rate', async ({ page }) => {
  await openDashboard(page);
  expect(await kpi(page, 'approval-rate')).toBe(1);
  const slider = page.getByTestId('assumption-cutoff');
  await slider.focus();
  for (let i = 0; i < 18; i++) await slider.press('PageDown');
  await expect(slider).toHaveValue('10');
  await settled(page);
  const approval = await kpi(page, 'approval-rate');
  expect(approval).toBeLessThan(1);
  expect(approval).toBeGreaterThan(0.5);
  await slider.press('Home');
  await expect(slider).toHaveValue('0.5');
  await settled(page);
  expect(await kpi(page, 'approval-rate')).toBeLessThan(approval);
});

test('a copied URL restores the scenario', async ({ page, context }) => {
  await openDashboard(page);
  await page.getByTestId('assumption-unemployment-change').focus();
  await page.keyboard.press('PageUp');
  await page.getByTestId('assumption-rate-shock').focus();
  await page.keyboard.press('End');
  await settled(page);
  await expect(page).toHaveURL(/\?rate-shock=600&unemployment-change=1$/);
  const expectedLoss = await kpi(page, 'expected-loss');

  const copy = await context.newPage();
  await openDashboard(copy, new URL(page.url()).search);
  await expect(copy.getByTestId('assumption-unemployment-change')).toHaveValue('1');
  await expect(copy.getByTestId('assumption-rate-shock')).toHaveValue('600');
  expect(await kpi(copy, 'expected-loss')).toBe(expectedLoss);
});

test('reset per slider and reset all return to the baseline', async ({ page }) => {
  await openDashboard(page, '?income-shock=-30&lgd=50');
  const baselineText = await page.getByTestId('kpi-expected-loss').textContent();
  await expect(page.getByTestId('kpi-expected-loss-change')).not.toHaveText('unchanged');
  await page.getByTestId('reset-lgd').click();
  await expect(page.getByTestId('assumption-lgd')).toHaveValue('85');
  await page.getByTestId('reset-all').click();
  await expect(page.getByTestId('assumption-income-shock')).toHaveValue('0');
  await settled(page);
  await expect(page.getByTestId('kpi-expected-loss-change')).toHaveText('unchanged');
  expect(baselineText).not.toBe(await page.getByTestId('kpi-expected-loss').textContent());
  await expect(page).toHaveURL(/\/$/);
});

test('keeps working with the network cut after the first load', async ({ page, context }) => {
  await openDashboard(page);
  const before = await kpi(page, 'expected-loss');
  await context.setOffline(true);
  const slider = page.getByTestId('assumption-unemployment-change');
  await slider.focus();
  await slider.press('PageUp');
  await settled(page);
  expect(await kpi(page, 'expected-loss')).toBeGreaterThan(before);
  await context.setOffline(false);
});

test('exports the figures on screen with the assumptions, model and data they rest on', async ({ page }) => {
  await openDashboard(page, '?income-shock=-30&lgd=60');
  const shown = await kpi(page, 'expected-loss');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(download.suggestedFilename()).toMatch(/^riskdial-lending-club-pd-.*\.csv$/);
  expect(csv).toContain(`# model: ${card.name} v${card.version}; SHA-256 ${card.model.sha256}; card SHA-256 `);
  expect(csv).toMatch(/^# portfolio: Lending Club 2016 Q1; 9857 loans; SHA-256 06ce4edfcf2a/m);
  expect(csv).toContain('income-shock=-30 rate-shock=0 utilization-shift=0 unemployment-change=0 lgd=60 cutoff=100');
  const lossRow = csv.split('\n').find((line) => line.startsWith('book,all,expectedLoss,'))!;
  expect(Number(lossRow.split(',')[4])).toBe(shown);
});
