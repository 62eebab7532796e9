/**
 * Offline after one visit: the service worker (app/service-worker.ts) stores at install every file the
 * page loads, its workers' included, so that a reload with the network cut shows the same figures and
 * the model still re-scores the book when a lever moves.
 */
import type { Page } from '@playwright/test';
import { downloaded, expect, kpi, openDashboard, settled, test } from './fixtures';

/** Every KPI's scenario value, by its test id. */
async function kpiValues(page: Page): Promise<Record<string, string | null>> {
  const cards = page.getByTestId('kpis').locator('[data-testid^="kpi-"][data-value]');
  return Object.fromEntries(
    await cards.evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid'), e.getAttribute('data-value')])),
  );
}

/** The page after a load: the model verified, every figure current, no error in place of figures. */
async function figuresShown(page: Page) {
  await expect(page.getByTestId('model-status')).toHaveText('Model verified');
  await expect(page.getByTestId('kpi-expected-loss')).toBeVisible();
  await settled(page);
  await expect(page.locator('[data-stale="true"]')).toHaveCount(0);
  await expect(page.getByTestId('fatal-error')).toHaveCount(0);
}

test('after one visit the page reloads with the network cut, shows the same figures and re-scores on a lever', async ({
  page,
  context,
  watch,
}) => {
  // What the page and its workers load on the first visit (not what the service worker fetches to store).
  const loaded = new Set<string>();
  context.on('request', (request) => {
    if (!request.serviceWorker()) loaded.add(new URL(request.url()).pathname);
  });
  await openDashboard(page);
  const before = await kpiValues(page);
  expect(Object.keys(before).length).toBeGreaterThan(0);
  const isolated = await page.evaluate(() => crossOriginIsolated);

  // A service worker becomes active only once its install has stored every file (all or nothing).
  const stored = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const urls: string[] = [];
    for (const name of await caches.keys()) urls.push(...(await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname));
    return urls;
  });
  expect(
    [...loaded].filter((path) => !stored.includes(path)),
    'loaded on the first visit but not stored',
  ).toEqual([]);

  await context.setOffline(true);
  // The cut reaches the service worker too: what it has not stored does not load.
  watch.expectErrors(/^Failed to load resource: net::ERR_FAILED \(http:\/\/[^)]*\/not-stored\)$/);
  const notStored = await page.evaluate(async () => {
    try {
      return (await fetch('/not-stored')).status;
    } catch {
      return 'failed';
    }
  });
  expect(notStored).toBe('failed');

  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  await figuresShown(page);
  expect(await kpiValues(page)).toEqual(before);
  // The stored page keeps its headers: the same policy, and the isolation onnxruntime's threads need.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolated);

  // The model runs in workers the reloaded page started offline: a lever it reaches re-scores the book.
  const slider = page.getByTestId('assumption-unemployment-change');
  await slider.focus();
  await slider.press('PageUp');
  await settled(page);
  expect(await kpi(page, 'expected-loss')).toBeGreaterThan(Number(before['kpi-expected-loss']));

  // A link to a scenario opens offline too: the stored page serves any query string.
  await page.goto('/?income-shock=-30');
  await figuresShown(page);
  await expect(page.getByTestId('assumption-income-shock')).toHaveValue('-30');
  expect(await kpi(page, 'expected-loss')).toBeGreaterThan(Number(before['kpi-expected-loss']));

  // Exports are made offline too: their libraries, their worker and the PDF's font were stored at install.
  const workbook = await downloaded(page, 'export-xlsx');
  expect(workbook.bytes.subarray(0, 2).toString()).toBe('PK');
  const pdf = await downloaded(page, 'export-pdf');
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // A definition's formula opens offline: the docs it links to were stored at install.
  await page.getByRole('button', { name: 'What is IRB capital?' }).click();
  await page.getByRole('region', { name: 'IRB capital' }).getByRole('link', { name: 'Formula' }).click();
  await expect(page.locator('#basel-irb-capital-other-retail')).toContainText('Basel IRB capital (other retail)');
  await context.setOffline(false);
});
