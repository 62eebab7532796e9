/**
 * Accessibility, checked by axe-core on the views a board sees: no serious or critical violation on
 * the default page, compare, a drill-down with a loan open, presentation mode, the phone layout with
 * its levers drawer open, and the shortcuts list.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openDashboard, test } from './fixtures';

/** What axe finds serious or critical once every figure is current (figures awaiting an answer are dimmed on purpose). */
async function seriousViolations(page: Page, within?: string) {
  await expect(page.locator('[data-stale="true"]')).toHaveCount(0);
  const builder = new AxeBuilder({ page });
  const { violations } = await (within ? builder.include(within) : builder).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(' ')} ${JSON.stringify(v.nodes[0]?.any[0]?.data ?? '')}`,
    );
}

test('the default view, a stressed scenario with its drivers, has no serious or critical violation', async ({ page }) => {
  await openDashboard(page, '?income-shock=-20&unemployment-change=3&cutoff=20');
  await expect(page.getByTestId('drivers')).toHaveAttribute('aria-busy', 'false');
  expect(await seriousViolations(page)).toEqual([]);
});

test('compare, a drilled segment with one loan open, and an open definition have no serious or critical violation', async ({ page }) => {
  await openDashboard(page, '?income-shock=-20&unemployment-change=3');
  await page.getByTestId('compare-choose-current-sliders').check();
  await expect(page.getByTestId('compare-result')).toHaveAttribute('data-stale', 'false');
  expect(await seriousViolations(page, '[data-testid="compare-panel"]')).toEqual([]);
  await page.getByTestId('drill-B').click();
  await page.locator('[data-testid^="loan-row-"]').first().click();
  await expect(page.getByTestId('loan-view')).toBeVisible();
  await page.getByRole('button', { name: 'What is Expected loss?' }).click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('presentation mode and the shortcuts list have no serious or critical violation', async ({ page }) => {
  await openDashboard(page, '?scenario=adverse');
  await page.keyboard.press('p');
  await expect(page.getByTestId('presentation')).toBeVisible();
  expect(await seriousViolations(page, '[data-testid="presentation"]')).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  expect(await seriousViolations(page, '[data-testid="shortcuts-help"]')).toEqual([]);
});

test('the phone layout has no serious or critical violation', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDashboard(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('levers-open').click();
  await expect(page.getByTestId('assumption-lgd')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
