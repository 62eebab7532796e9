import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KPIS } from '../app/kpis';
import { formatInteger, formatPercent, formatUsd } from '../components/format';
import { breakingPointSeeks, goalSeek } from '../lib/engine';
import type { ModelPointsReport } from '../lib/portfolio';
import { BASELINE_ASSUMPTIONS, DEFAULT_SCENARIO_SET, DEFAULT_SETTINGS } from '../lib/scenario';
import { MANIFEST_PATH, openBundled } from '../lib/testing';
import { csvFigure, expect, kpi, openDashboard, scoreCli, settled, test } from './fixtures';

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
  await expect(page.getByTestId('kpi-new-approval-rate')).toHaveText('100.0%');
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
  await expect(page.getByTestId('scenario-headline')).toContainText("The book's expected loss rises by $");
  // Charts and the segment table follow once the sliders rest and they are on screen (far below the fold they wait).
  const table = page.getByTestId('segment-table');
  await expect(page.getByTestId('charts')).toHaveAttribute('data-stale', 'false');
  await expect(table.locator('tbody tr').first()).not.toContainText('+$');
  await table.scrollIntoViewIfNeeded();
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

test('a slider step redraws the slider and the figures, never the panels and fields around them', async ({ page }) => {
  await openDashboard(page, '?lgd=60');
  for (const panel of ['drivers', 'goal-seek']) await expect(page.getByTestId(panel)).toHaveAttribute('aria-busy', 'false');
  // What each key press's own render changed in the page (React renders a key press synchronously, in its event).
  await page.evaluate(() => {
    const w = window as unknown as { touched: string[][]; inKey: boolean };
    w.touched = [];
    document.addEventListener(
      'keydown',
      () => {
        w.inKey = true;
        w.touched.push([]);
        setTimeout(() => (w.inKey = false), 0);
      },
      true,
    );
    const where = (node: Node) => {
      const element = node instanceof Element ? node : node.parentElement!;
      const owner = element.closest('[data-testid]');
      return `${owner?.getAttribute('data-testid') ?? 'page'} ${element.tagName.toLowerCase()}`;
    };
    new MutationObserver((records) => {
      if (w.inKey) w.touched.at(-1)!.push(...records.map((r) => `${where(r.target)} ${r.type} ${r.attributeName ?? ''}`.trim()));
    }).observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  const slider = page.getByTestId('assumption-lgd');
  await slider.focus();
  for (let i = 0; i < 3; i++) {
    await slider.press('ArrowRight');
    await expect(slider).toHaveValue(String(61 + i));
    await settled(page);
  }
  const touched = await page.evaluate(() => (window as unknown as { touched: string[][] }).touched);
  expect(touched).toHaveLength(3);
  for (const press of touched) {
    // The KPIs changed in the key press's own render: the watch saw it.
    expect(press).toContain('kpi-expected-loss p attributes data-value');
    // No field but the slider is rewritten (the settings, the scenario library, the pickers, the goal seek).
    expect(press.filter((m) => / input /.test(m) && !m.startsWith('assumption-lgd '))).toEqual([]);
    // The drivers' card is dimmed as out of date (and the breaking points lose their Apply buttons); charts and sentences are not redrawn.
    expect(press.filter((m) => /^(attribution-|tornado|drivers-sentence|breaking-ecl-answer)/.test(m))).toEqual([]);
  }
});

test('lowering cutoff lowers new business approvals and never removes a booked loan', async ({ page }) => {
  await openDashboard(page);
  expect(await kpi(page, 'new-approval-rate')).toBe(1);
  const bookLoss = await kpi(page, 'expected-loss');
  const slider = page.getByTestId('assumption-cutoff');
  await slider.focus();
  for (let i = 0; i < 18; i++) await slider.press('PageDown');
  await expect(slider).toHaveValue('10');
  await settled(page);
  const approval = await kpi(page, 'new-approval-rate');
  expect(approval).toBeLessThan(1);
  expect(approval).toBeGreaterThan(0.5);
  await expect(page.getByTestId('policy-effect')).toContainText('cut-off declines');
  await slider.press('Home');
  await expect(slider).toHaveValue('0.5');
  await settled(page);
  expect(await kpi(page, 'new-approval-rate')).toBeLessThan(approval);
  expect(await kpi(page, 'expected-loss')).toBe(bookLoss);
});

test('a copied URL restores the scenario', async ({ page, context }) => {
  await openDashboard(page);
  await page.getByTestId('assumption-unemployment-change').focus();
  await page.keyboard.press('PageUp');
  await page.getByTestId('assumption-rate-shock').focus();
  await page.keyboard.press('End');
  await settled(page);
  await expect(page).toHaveURL(/\?rate-shock=600&unemployment-change=1&tape=[0-9a-f]{12}&model=[0-9a-f]{12}$/);
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
  await expect(page).toHaveURL(/\/\?tape=[0-9a-f]{12}&model=[0-9a-f]{12}$/);
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
  expect(download.suggestedFilename()).toMatch(/^riskdial-scenario-lending-club-pd-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.csv$/);
  expect(csv).toContain(`# model: ${card.name} v${card.version}; SHA-256 ${card.model.sha256}; card SHA-256 `);
  expect(csv).toMatch(/^# portfolio: Lending Club 2016 Q1; 9857 loans; SHA-256 06ce4edfcf2a/m);
  expect(csv).toContain('income-shock=-30 rate-shock=0 utilization-shift=0 unemployment-change=0 lgd=60 cutoff=100');
  expect(csv).toContain('# setting: cpr=15 (% a year)');
  expect(csv).toContain('# setting: regime=basel-iii');
  expect(csv).toContain('# scenario set: Base (central) 55%');
  expect(csvFigure(csv, 'book', 'all', 'scenario', 'expectedLoss')).toBe(shown);
});

test('settings change the figures and travel in the link; a bad value is said and not applied', async ({ page, context }) => {
  await openDashboard(page);
  const cecl = await kpi(page, 'cecl');
  const capital = await kpi(page, 'capital');
  await page.getByTestId('setting-cpr').fill('0');
  await settled(page);
  // Without prepayment more loans live long enough to default: the lifetime allowance rises.
  await expect.poll(() => kpi(page, 'cecl')).toBeGreaterThan(cecl);
  await page.getByTestId('setting-regime').selectOption('basel-ii');
  await settled(page);
  // Basel II scales risk-weighted assets by 1.06 (the downturn LGD of 95% is above either floor).
  await expect.poll(async () => (await kpi(page, 'capital')) / capital).toBeGreaterThan(1.05);
  await page.getByTestId('setting-tax-rate').fill('80');
  await expect(page.getByTestId('settings')).toContainText('Expected 0 to 50 %; 25 stays in use.');
  await expect(page).toHaveURL(/\?regime=basel-ii&cpr=0&tape=[0-9a-f]{12}&model=[0-9a-f]{12}$/);
  const copy = await context.newPage();
  await openDashboard(copy, new URL(page.url()).search);
  await expect(copy.getByTestId('setting-regime')).toHaveValue('basel-ii');
  expect(await kpi(copy, 'cecl')).toBe(await kpi(page, 'cecl'));
});

test('the reported ECL is weighted over the scenario set; weights must sum to 100%; a scenario can be explored', async ({ page }) => {
  await openDashboard(page);
  const weighted = page.getByTestId('weighted-ifrs9-ecl');
  await expect(weighted).toBeVisible();
  const centralEcl = await kpi(page, 'ifrs9-ecl');
  expect(Number(await weighted.getAttribute('data-value'))).toBeGreaterThan(centralEcl);
  const gap = page.getByTestId('non-linearity-gap');
  await expect(gap).toContainText('weighted − central: +$');
  await expect(gap).toContainText('is the set’s weighted-mean levers lying away from the central scenario');
  await expect(gap).toContainText('is non-linearity');
  await page.getByTestId('weight-upside').fill('20');
  await expect(page.getByTestId('weights-invalid')).toContainText('The weights sum to 110%');
  await page.getByTestId('weight-base').fill('45');
  await expect(page.getByTestId('weights-invalid')).toHaveCount(0);
  await settled(page);
  await expect(page).toHaveURL(/weights=20%2C45%2C25%2C10&tape=[0-9a-f]{12}&model=[0-9a-f]{12}$/);
  await page.getByTestId('explore-severely-adverse').click();
  await expect(page.getByTestId('assumption-unemployment-change')).toHaveValue('6');
  await settled(page);
  await expect(page.getByTestId('kpi-expected-loss-change')).toContainText('+$');
});

test('the model’s evidence is on the page: intervals, the benchmark it does not beat, calibration by segment, what "bad" means', async ({
  page,
}) => {
  await openDashboard(page);
  const panel = page.getByTestId('model-quality');
  await expect(panel.getByTestId('model-discrimination')).toContainText('AUC 0.734 (95% CI 0.688–0.779)');
  await expect(panel.getByTestId('model-discrimination')).toContainText('Benchmark, sub-grade alone: AUC 0.750');
  await expect(panel.getByTestId('model-calibration').locator('tbody tr')).toHaveCount(9);
  await expect(panel.getByTestId('model-outcome')).toContainText('21–120 days late');
  await expect(panel.getByTestId('model-limitations')).toContainText('does not beat it');
  // The bundled tape against the training data the card carries: every input stable.
  const stability = page.getByTestId('tape-stability');
  await expect(stability.locator('tbody tr')).toHaveCount(15);
  await expect(stability).not.toContainText('shift');
  await expect(page.getByTestId('tape-validation')).toContainText('9,857 loans, 517 observed bad');
  await expect(page.getByTestId('tape-in-sample')).toBeVisible();
});

test('a book’s model points: the page says it is an estimate, of how many loans, and how far from the full book', async ({ page }) => {
  // Made as a bank would make them: by the batch face, from the full tape.
  const dir = mkdtempSync(join(tmpdir(), 'riskdial-points-'));
  const pointsPath = join(dir, 'points.csv');
  const summary = scoreCli(
    '--portfolio',
    'data/lending_club.csv',
    '--out',
    join(dir, 'scores.csv'),
    '--model-points',
    '1500',
    '--points-out',
    pointsPath,
  ) as { modelPoints: ModelPointsReport };
  const report = summary.modelPoints;
  const text = readFileSync(pointsPath, 'utf8');
  await openDashboard(page);
  await page.getByTestId('portfolio-file').setInputFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.getByTestId('model-points')).toContainText(
    `Model points: 1,500 loans standing for ${formatInteger(report.errors[0]!.points)}`,
  );
  await expect(page.getByTestId('portfolio-summary')).toContainText('(1,500 model points)');
  await expect(page.getByTestId('model-points-errors').locator('tbody tr')).toHaveCount(6);
  const worst = report.errors.reduce((w, e) => (Math.abs(e.points / e.full - 1) > Math.abs(w.points / w.full - 1) ? e : w));
  const percent = (worst.points / worst.full - 1) * 100;
  await expect(page.getByTestId('model-points-worst')).toHaveText(`${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(2)}%`);
  await settled(page);
  // The figures are the points' weighted sums: the report's estimate of the book, as the engine makes it in Node.
  const { engine, model } = await openBundled(text);
  const book = (await engine.evaluate(BASELINE_ASSUMPTIONS)).baseline.book;
  await model.release();
  expect(await kpi(page, 'expected-loss')).toBeCloseTo(book.expectedLoss, 6);
  const reported = report.errors.find((e) => e.scenario === 'Baseline' && e.metric === 'expectedLoss')!;
  expect(book.expectedLoss).toBeCloseTo(reported.points, 4);
  await expect(page.getByTestId('model-points-other-model')).toHaveCount(0);
});

test('what drove it: each lever’s share of the change adds up to it, and the sentence names the biggest', async ({ page }) => {
  await openDashboard(page, '?income-shock=-20&rate-shock=200&unemployment-change=3&lgd=55');
  await settled(page);
  await expect(page.getByTestId('drivers')).toHaveAttribute('aria-busy', 'false');
  const levers = ['income-shock', 'rate-shock', 'unemployment-change', 'lgd'];
  const shares = await Promise.all(
    levers.map(async (id) => Number(await page.getByTestId(`attribution-expectedLoss-${id}`).getAttribute('data-value'))),
  );
  const { engine, model } = await openBundled();
  const evaluation = await engine.evaluate({
    ...BASELINE_ASSUMPTIONS,
    'income-shock': -20,
    'rate-shock': 200,
    'unemployment-change': 3,
    lgd: 55,
  });
  await model.release();
  const change = evaluation.scenario.book.expectedLoss - evaluation.baseline.book.expectedLoss;
  expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(change, 4);
  expect(shares[1]).toBe(0); // rates reach the book through funding, not expected loss
  await expect(page.getByTestId('drivers-sentence-expectedLoss')).toContainText(`Expected loss +${formatUsd(change)}`);
  await expect(page.getByTestId('drivers-sentence-returnOnCapital')).toContainText('Return on capital −');
  // The tornado follows the KPI chosen; the answer is marked stale until it comes.
  await page.getByTestId('tornado-kpi').selectOption('irbCapital');
  await expect(page.getByTestId('drivers')).toHaveAttribute('aria-busy', 'false');
  const rows = page.getByTestId('tornado-table').locator('tr');
  await expect(rows).toHaveCount(6);
  const swings = await rows.evaluateAll((trs) => trs.map((tr) => Math.abs(Number(tr.dataset.high) - Number(tr.dataset.low))));
  expect(swings).toEqual([...swings].sort((a, b) => b - a));
  expect(swings[0]).toBeGreaterThan(0);
  // Capital: the severe scenario's LGD of 90% swings it; the set never moves the cut-off.
  const lgd = page.getByTestId('tornado-lgd');
  expect(Number(await lgd.getAttribute('data-high'))).toBeGreaterThan(Number(await lgd.getAttribute('data-low')));
  const cutoff = page.getByTestId('tornado-cutoff');
  expect(await cutoff.getAttribute('data-high')).toBe(await cutoff.getAttribute('data-low'));
});

test('how bad can it get: the breaking point and a goal seek, each applied with one key', async ({ page }) => {
  await openDashboard(page);
  await settled(page);
  const { engine, model } = await openBundled();
  const [hurdleSeek] = breakingPointSeeks(DEFAULT_SETTINGS);
  const hurdle = await goalSeek(engine, BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, hurdleSeek!);
  const el85 = (await engine.bookMetrics(BASELINE_ASSUMPTIONS)).expectedLoss;
  await model.release();
  if (!hurdle.reached) throw new Error('the bundled book should break its hurdle on the slider');
  await expect(page.getByTestId('breaking-hurdle')).toContainText(`at unemployment +${hurdle.value} pp`);
  await page.getByTestId('breaking-hurdle-apply').click();
  await expect(page.getByTestId('assumption-unemployment-change')).toHaveValue(String(hurdle.value));
  await settled(page);
  await expect(page.getByTestId('kpi-return-on-capital')).toHaveText(formatPercent(hurdle.kpiAtValue));
  // Which LGD brings expected loss (at this unemployment) back to today's? Found, then applied with Enter.
  await page.getByTestId('goal-seek-lever').selectOption('lgd');
  await page.getByTestId('goal-seek-kpi').selectOption('expectedLoss');
  await page.getByTestId('goal-seek-target').fill(String(el85 / 1e6));
  await page.getByTestId('goal-seek-find').click();
  await expect(page.getByTestId('goal-seek-answer')).toContainText('expected loss reaches');
  await expect(page.getByTestId('goal-seek-apply')).toBeFocused();
  await page.keyboard.press('Enter');
  await settled(page);
  const lgd = Number(await page.getByTestId('assumption-lgd').inputValue());
  expect(lgd).toBeLessThan(85);
  expect(await kpi(page, 'expected-loss')).toBeGreaterThanOrEqual(el85 * 0.999);
  // A limit no position reaches is said so.
  await page.getByTestId('ecl-limit').fill('100000');
  await expect(page.getByTestId('breaking-ecl-answer')).toContainText('No unemployment change on the slider brings IFRS 9 ECL to $100B');
});

test('presenting: P shows the headline and the chosen KPIs in type a room can read; 3 applies the adverse scenario; ? lists the keys; Esc leaves', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDashboard(page);
  await page.keyboard.press('p');
  await expect(page.getByTestId('presentation')).toBeVisible();
  const values = page.getByTestId('presentation').locator('[data-testid^="present-kpi-"]');
  await expect(values).toHaveCount(4);
  const fontPx = await values.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(44); // about 3 cm on a 2 m projected image at 1280×720
  await page.keyboard.press('3');
  await settled(page);
  const adverse = DEFAULT_SCENARIO_SET[2]!;
  await expect(page.getByTestId('presentation-levers')).toContainText('Unemployment change +2.5 pp');
  await expect(page.getByTestId('present-kpi-expected-loss')).toHaveAttribute('data-value', String(await kpi(page, 'expected-loss')));
  expect(await page.getByTestId('assumption-unemployment-change').first().inputValue()).toBe(
    String(adverse.assumptions['unemployment-change']),
  );
  await expect(page.getByTestId('presentation-headline')).toHaveText((await page.getByTestId('scenario-sentence').textContent())!);
  await page.getByTestId('presentation-choose').click();
  await page.getByTestId('present-choose-kpi-capital').uncheck();
  await expect(values).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toContainText('Apply a scenario of the set');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);
  await page.keyboard.press('r');
  await settled(page);
  await expect(page.getByTestId('kpi-expected-loss-change')).toHaveText('unchanged');
});

test('on a book above 50,000 loans the drivers and breaking points are worked out when asked, so a slider never waits for them', async ({
  page,
}) => {
  const [header, ...rows] = readFileSync('data/lending_club.csv', 'utf8').trimEnd().split('\n');
  const big = [header, ...Array.from({ length: 6 }, () => rows).flat()].join('\n');
  await openDashboard(page, '?unemployment-change=2');
  await page.getByTestId('portfolio-file').setInputFiles({ name: 'six-times.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
  await expect(page.getByTestId('portfolio-summary')).toContainText('six-times.csv · 59,142 loans');
  await settled(page);
  await expect(page.getByTestId('drivers-sentences')).toHaveCount(0);
  await page.getByTestId('drivers-ask').click();
  await expect(page.getByTestId('drivers-sentence-expectedLoss')).toContainText('Expected loss +');
  await page.getByTestId('goal-seek-ask').click();
  await expect(page.getByTestId('breaking-hurdle')).toContainText('Return on capital');
  await expect(page.getByTestId('breaking-hurdle-apply')).toBeVisible();
});
