import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareScenarios } from '../lib/engine';
import { BASELINE_ASSUMPTIONS, DEFAULT_SCENARIO_SET, DEFAULT_SETTINGS } from '../lib/scenario';
import { openBundled } from '../lib/testing';
import { expect, kpi, openDashboard, scoreCli, settled, test } from './fixtures';

test('a named scenario: saved with a note, kept across a reload, opened by its link in a browser that never saw it, renamed, deleted', async ({
  page,
  browser,
}) => {
  await openDashboard(page);
  await page.getByTestId('assumption-unemployment-change').focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('PageUp');
  await settled(page);
  const stressed = await kpi(page, 'expected-loss');
  await page.getByTestId('scenario-name').fill('Jobs shock');
  await page.getByTestId('scenario-note').fill('Unemployment +3 pp: the board’s question of March');
  await page.getByTestId('save-scenario').click();
  await expect(page.getByTestId('saved-scenario-jobs-shock')).toContainText('the board’s question of March');
  // A name taken, or one of the weighted set's, is refused in words.
  await page.getByTestId('scenario-name').fill('jobs_shock');
  await page.getByTestId('save-scenario').click();
  await expect(page.getByTestId('scenario-refused')).toHaveText(
    'A scenario named "jobs_shock" exists; choose another name or delete it first.',
  );
  await expect(page).toHaveURL(/\?scenario=Jobs\+shock&unemployment-change=3&tape=[0-9a-f]{12}&model=[0-9a-f]{12}$/);

  await page.reload();
  await expect(page.getByTestId('saved-scenario-jobs-shock')).toBeVisible();
  await expect(page.getByTestId('assumption-unemployment-change')).toHaveValue('3');
  // A bare name typed into a link opens the scenario saved here under it.
  await openDashboard(page, '?scenario=jobs-shock');
  await expect(page.getByTestId('assumption-unemployment-change')).toHaveValue('3');
  await settled(page);
  expect(await kpi(page, 'expected-loss')).toBe(stressed);

  // Another browser (no saved scenarios) opens the link with the same figures, and no warning: same tape, same model.
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await openDashboard(elsewhere, new URL(page.url()).search);
  expect(await kpi(elsewhere, 'expected-loss')).toBe(stressed);
  await expect(elsewhere.getByTestId('link-mismatch')).toHaveCount(0);
  await expect(elsewhere.getByTestId('saved-scenarios')).toHaveCount(0);
  await other.close();

  await page.getByRole('button', { name: 'Rename Jobs shock' }).click();
  await page.getByTestId('rename-input-jobs-shock').fill('Jobs shock 2027');
  await page.getByTestId('rename-save-jobs-shock').click();
  await expect(page.getByTestId('saved-scenario-jobs-shock-2027')).toBeVisible();
  await page.getByTestId('delete-jobs-shock-2027').click();
  await expect(page.getByTestId('saved-scenarios')).toHaveCount(0);
});

test('scenarios go out as a file that npm run score reads with the same figures, and come back in by import', async ({ page }) => {
  await openDashboard(page, '?lgd=60&unemployment-change=2');
  await page.getByTestId('scenario-name').fill('Milder losses');
  await page.getByTestId('save-scenario').click();
  const shown = await kpi(page, 'expected-loss');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenarios').click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const file = JSON.parse(text);
  expect(file.format).toBe('riskdial-scenarios/1');
  expect(file.scenarios).toMatchObject([{ name: 'Milder losses', levers: { lgd: 60, 'unemployment-change': 2 } }]);

  const path = join(mkdtempSync(join(tmpdir(), 'riskdial-e2e-')), 'scenarios.json');
  writeFileSync(path, text);
  const summary = scoreCli('--portfolio', 'data/lending_club.csv', '--scenario', path, '--name', 'Milder losses', '--out', `${path}.csv`);
  expect((summary as { scenario: { expectedLoss: number } }).scenario.expectedLoss).toBeCloseTo(shown, 6);

  // Deleted here, imported back: the scenario and the view it was exported with return.
  await page.getByTestId('delete-milder-losses').click();
  await page.getByTestId('reset-all').click();
  await settled(page);
  await page
    .getByTestId('import-scenarios')
    .setInputFiles({ name: 'scenarios.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('scenarios-imported')).toContainText('1 named scenario(s) (Milder losses) added');
  await expect(page.getByTestId('saved-scenario-milder-losses')).toBeVisible();
  await settled(page);
  expect(await kpi(page, 'expected-loss')).toBe(shown);

  // A bad file is refused with what is wrong, and nothing changes.
  const bad = JSON.stringify({ scenarios: [{ name: 'Too harsh', levers: { lgd: 140 } }] });
  await page.getByTestId('import-scenarios').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(page.getByTestId('scenarios-imported')).toContainText('bad.json was not imported; nothing changed.');
  await expect(page.getByTestId('scenarios-imported')).toContainText(
    'Named scenario 1 ("Too harsh"): Assumption "lgd" is 140 %, out of range; expected 0 to 100 %.',
  );
  expect(await kpi(page, 'expected-loss')).toBe(shown);
});

test('a link made on another tape says so, rather than show other figures as the sender’s', async ({ page }) => {
  await openDashboard(page, '?scenario=Jobs+shock&unemployment-change=3&tape=abcdef123456');
  await expect(page.getByTestId('assumption-unemployment-change')).toHaveValue('3');
  await expect(page.getByTestId('link-mismatch')).toContainText('“Jobs shock” was shared from a loan tape with SHA-256 abcdef123456…');
  await page.getByTestId('link-mismatch').getByRole('button', { name: 'Understood' }).click();
  await expect(page.getByTestId('link-mismatch')).toHaveCount(0);
});

test('compare: two to four scenarios side by side, each KPI with its difference from the first, and the probability-weighted result', async ({
  page,
}) => {
  await openDashboard(page);
  const table = page.getByTestId('compare-table');
  await expect(page.getByTestId('compare-result')).toHaveAttribute('data-stale', 'false');
  await expect(table.locator('thead th')).toHaveText(['KPI', 'Base', 'Adverse', 'Severely adverse', 'Probability-weighted']);
  const { engine, model } = await openBundled();
  const byName = (name: string) => DEFAULT_SCENARIO_SET.find((s) => s.name === name)!;
  const expected = await compareScenarios(
    engine,
    [byName('Base'), byName('Adverse'), byName('Severely adverse')],
    DEFAULT_SETTINGS,
    DEFAULT_SCENARIO_SET,
  );
  const weightedEcl = (await engine.evaluate(BASELINE_ASSUMPTIONS)).weighted.ifrs9Ecl;
  await model.release();
  const values = async (row: string) =>
    (
      await page
        .getByTestId(`compare-row-${row}`)
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')))
    ).map(Number);
  expect(await values('expected-loss')).toEqual([...expected.columns.map((c) => c.book.expectedLoss), expected.weighted.book.expectedLoss]);
  const ecl = await values('ifrs9-ecl');
  expect(ecl[3]).toBeCloseTo(weightedEcl, 6);
  await expect(page.getByTestId('compare-row-expected-loss').locator('td').nth(2)).toContainText('(+158%)');
  for (const family of ['losses-and-provisions', 'capital', 'earnings', 'ratios'])
    await expect(page.getByTestId(`compare-chart-${family}`)).toBeVisible();
  // Each family's chart saves with the scenarios it compares named in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-chart-capital-svg').click()]);
  const svg = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  expect(svg).toContain('Scenarios compared: Base, Adverse, Severely adverse');
  for (const name of ['Base', 'Adverse', 'Severely adverse']) expect(svg).toContain(`>${name}</text>`);

  // The sliders join as a fourth; a fifth cannot be chosen; the keyboard reaches every choice.
  await page.getByTestId('assumption-lgd').focus();
  await page.keyboard.press('PageDown');
  await settled(page);
  await page.getByTestId('compare-choose-current-sliders').focus();
  await page.keyboard.press('Space');
  await expect(table.locator('thead th')).toHaveText([
    'KPI',
    'Base',
    'Adverse',
    'Severely adverse',
    'Current sliders',
    'Probability-weighted',
  ]);
  await expect(page.getByTestId('compare-choose-upside')).toBeDisabled();
  await expect(page.getByTestId('compare-result')).toHaveAttribute('data-stale', 'false');
  expect((await values('expected-loss'))[3]).toBe(await kpi(page, 'expected-loss'));
  // Down to one: the page asks for a second.
  for (const name of ['base', 'adverse', 'severely-adverse']) await page.getByTestId(`compare-choose-${name}`).uncheck();
  await expect(page.getByTestId('compare-panel')).toContainText('Choose at least two scenarios.');
});

test('drill down: a grade clicked filters every figure to its loans; a loan chosen shows its inputs, its PDs and each lever’s share', async ({
  page,
}) => {
  const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -20, 'unemployment-change': 3 };
  await openDashboard(page, '?income-shock=-20&unemployment-change=3');
  const wholeLoss = await kpi(page, 'expected-loss');
  const { engine, model } = await openBundled();
  const grade = engine.segmentBook({ kind: 'grade', label: 'G' })!;
  const alone = (await grade.evaluate(stress)).scenario.book;
  const perLoan = await engine.loanLevel(stress, DEFAULT_SETTINGS);
  await model.release();

  await page.getByTestId('drill-G').click();
  await expect(page.getByTestId('drill-banner')).toContainText(`Grade G only: ${grade.loanCount} of the book’s 9,857 loans.`);
  await settled(page);
  await expect.poll(() => kpi(page, 'expected-loss')).toBe(alone.expectedLoss);
  expect(alone.expectedLoss).toBeLessThan(wholeLoss);
  await expect(page.getByTestId('segment-table').locator('tbody tr')).toHaveCount(1);

  const first = page.locator('[data-testid^="loan-row-"]').first();
  const row = Number((await first.getAttribute('data-testid'))!.replace('loan-row-', ''));
  await first.click();
  const pd = page.getByTestId('loan-pd');
  await expect(pd).toHaveAttribute('data-scenario', String(perLoan.pdScenario[row - 1]));
  await expect(page.getByTestId('loan-levers').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('loan-view')).toContainText('Lending Club risk grade');

  // The link carries the drill-down: it opens on the same segment.
  await expect(page).toHaveURL(/focus=grade%3AG/);
  const copy = await page.context().newPage();
  await openDashboard(copy, new URL(page.url()).search);
  await expect(copy.getByTestId('drill-banner')).toContainText('Grade G only');
  await expect.poll(() => kpi(copy, 'expected-loss')).toBe(alone.expectedLoss);
  // A segment this tape does not have: said, and the whole book shown.
  await openDashboard(copy, '?focus=grade:Z');
  await expect(copy.getByTestId('link-ignored')).toContainText('focus=grade:Z: this tape has no such grade; the whole book is shown.');
  await expect(copy.getByTestId('drill-banner')).toHaveCount(0);
  await copy.close();

  await page.getByTestId('drill-clear').click();
  await settled(page);
  await expect(page.getByTestId('drill-banner')).toHaveCount(0);
  await expect.poll(() => kpi(page, 'expected-loss')).toBe(wholeLoss);
});

test('every definition opens by keyboard or touch and links to its formula in the docs the page serves', async ({ page }) => {
  await openDashboard(page);
  const card = page.getByRole('region', { name: 'IRB capital' });
  const toggle = card.getByRole('button', { name: 'What is IRB capital?' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(card.getByTestId('definition')).toContainText('Basel IRB other-retail minimum capital');
  const lever = page.getByRole('button', { name: 'What is Unemployment change?' });
  await lever.click();
  await expect(page.getByTestId('levers').getByTestId('definition')).toContainText('unemployment');
  await card.getByRole('link', { name: 'Formula' }).click();
  await expect(page).toHaveURL(/\/docs\/metrics#basel-irb-capital-other-retail$/);
  await expect(page.locator('#basel-irb-capital-other-retail')).toContainText('Basel IRB capital (other retail)');
  await expect(page.getByRole('link', { name: '← Back to the dashboard' })).toHaveAttribute('href', '/');
});

test('on a phone the levers are in a drawer and the KPIs stacked; a lever moved there moves the figures', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await openDashboard(page);
  const slider = page.getByTestId('assumption-lgd');
  await expect(slider).toBeHidden();
  const [first, second] = [
    await page.getByTestId('kpi-expected-loss').boundingBox(),
    await page.getByTestId('kpi-ifrs9-ecl').boundingBox(),
  ];
  expect(second!.x).toBe(first!.x);
  expect(second!.y).toBeGreaterThan(first!.y);
  const loss = await kpi(page, 'expected-loss');
  // A definition opens by touch, as it does by keyboard.
  await page.getByRole('button', { name: 'What is Expected loss?' }).tap();
  await expect(page.getByTestId('definition')).toContainText('Σ PD × LGD × EAD');
  await page.getByTestId('levers-open').tap();
  await expect(slider).toBeVisible();
  await slider.focus();
  await page.keyboard.press('PageDown');
  await settled(page);
  expect(await kpi(page, 'expected-loss')).toBeLessThan(loss);
  // The drawer is the screen's height and scrolls: what is below the sliders (exports, the tape, the model) is reachable.
  const drawer = page.getByTestId('levers');
  expect((await drawer.boundingBox())!.height).toBeLessThanOrEqual(844);
  await page.getByTestId('export-xlsx').scrollIntoViewIfNeeded();
  const button = (await page.getByTestId('export-xlsx').boundingBox())!;
  expect(button.y + button.height).toBeLessThanOrEqual(844);
  await page.getByTestId('levers-close').tap();
  await expect(slider).toBeHidden();
  await expect(page.getByTestId('levers-open')).toHaveText('Assumptions (1 moved)');
  await phone.close();
});

test('a chart saves as SVG (its title, legend, units and source line drawn in) and as PNG at twice its size', async ({ page }) => {
  await openDashboard(page, '?unemployment-change=3');
  const card = page.getByTestId('chart-el-by-grade');
  await expect(card.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  const read = async (format: 'svg' | 'png') => {
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId(`chart-el-by-grade-${format}`).click()]);
    expect(download.suggestedFilename()).toBe(`riskdial-ifrs-9-ecl-by-grade.${format}`);
    return Buffer.concat(await (await download.createReadStream()).toArray());
  };
  const svg = (await read('svg')).toString('utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const words of ['IFRS 9 ECL by grade', 'The existing book, baseline vs scenario', 'Baseline', 'Scenario', '$'])
    expect(svg).toContain(words);
  // The source line, wrapped at its " · " to the chart's width.
  const source = [...svg.matchAll(/<text[^>]*font-size="10"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' · ');
  expect(source).toMatch(
    /^Riskdial · lending-club-pd v[\d.]+ \(SHA-256 [0-9a-f]{12}\) · Lending Club 2016 Q1 \(SHA-256 06ce4edfcf2a\) · Unemployment change \+3 pp · \d{4}-\d\d-\d\d$/,
  );
  expect(svg).not.toContain('var(--'); // colours resolved: a standalone file has no stylesheet
  const png = await read('png');
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const box = (await card.locator('.recharts-wrapper > svg.recharts-surface').boundingBox())!;
  expect(width).toBe(2 * (Math.round(box.width) + 24)); // the chart and a 12 px margin each side, twice over
  expect(height).toBeGreaterThan(2 * Math.round(box.height));
});

test('what drove it saves too: a waterfall and the tornado as SVG, each with its words', async ({ page }) => {
  await openDashboard(page, '?income-shock=-20&unemployment-change=3');
  await expect(page.getByTestId('drivers')).toHaveAttribute('aria-busy', 'false');
  const save = async (testId: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`${testId}-svg`).click()]);
    return Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  };
  const waterfall = await save('attribution-expectedLoss');
  expect(waterfall).toContain('Expected loss: baseline to scenario');
  expect(waterfall).toContain('Each lever’s Shapley share of the change');
  const tornado = await save('tornado-chart');
  expect(tornado).toContain('How far each lever swings expected loss');
  expect(tornado).not.toContain('var(--');
});

test('printed (or saved as PDF from print), the page is the board’s: figures, charts, assumptions and provenance; no controls', async ({
  page,
}) => {
  await openDashboard(page, '?unemployment-change=3&lgd=60');
  const loss = await page.getByTestId('kpi-expected-loss').textContent();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('levers')).toBeHidden();
  await expect(page.getByTestId('present')).toBeHidden();
  await expect(page.getByTestId('compare-panel')).toBeHidden();
  await expect(page.getByTestId('chart-pd-distribution-png')).toBeHidden();
  await expect(page.getByTestId('kpi-expected-loss')).toHaveText(loss!);
  await expect(page.getByTestId('chart-el-by-grade')).toBeVisible();
  const summary = page.getByTestId('print-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Unemployment change +3 pp');
  await expect(summary).toContainText('Loss given default 60%');
  await expect(summary).toContainText(/Model lending-club-pd v[\d.]+, SHA-256 [0-9a-f]{64}; card SHA-256 [0-9a-f]{64}\./);
  await expect(summary).toContainText(/Tape Lending Club 2016 Q1, 9,857 loans, SHA-256 06ce4edfcf2a[0-9a-f]{52}\./);
  await expect(summary).toContainText(/View: http:\/\/127\.0\.0\.1:\d+\/\?unemployment-change=3&lgd=60&tape=/);
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(4); // A4: 3 pages, Letter: 4 on the bundled tape
  }
  // On screen it is not there: the sliders say it.
  await page.emulateMedia({ media: 'screen' });
  await expect(summary).toBeHidden();
});
