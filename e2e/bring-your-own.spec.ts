import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { regressionOnnx } from '../lib/testing';
import { downloaded, expect, openDashboard, settled, test } from './fixtures';

const DIR = 'data/byo-models';
const holdout = Papa.parse<string[]>(readFileSync(`${DIR}/lc_holdout.csv`, 'utf8'), { skipEmptyLines: true }).data;
const reference = Papa.parse<Record<string, string>>(readFileSync(`${DIR}/reference_predictions.csv`, 'utf8'), {
  header: true,
  skipEmptyLines: true,
}).data;
const FEATURES = (JSON.parse(readFileSync(`${DIR}/reference.json`, 'utf8')) as { models: { lc_xgboost: { feature_order: string[] } } })
  .models.lc_xgboost.feature_order;
type Model = 'lc_pipeline_logreg_zipmap' | 'lc_gbt_float_input' | 'lc_xgboost';

/** The hold-out tape, with Python's PDs for one model as an extra column, and any column renamed. */
function holdoutTape(expected?: Model, rename: Record<string, string> = {}): string {
  const rows = holdout.map((r, i) => {
    const row = i === 0 ? r.map((c) => rename[c] ?? c) : r;
    return expected ? [...row, i === 0 ? 'expected_pd' : reference[i - 1]![`p_bad_${expected}`]!] : row;
  });
  return Papa.unparse(rows);
}

/**
 * The largest difference, over every loan of the hold-out tape, between the PD the page's loan export
 * gives it and Python's predict_proba for the model (the export numbers loans in tape order).
 */
async function largestPdDifference(page: Page, model: Model): Promise<number> {
  const { bytes } = await downloaded(page, 'export-loans');
  const rows = Papa.parse<Record<string, string>>(bytes.toString('utf8'), { header: true, comments: '#', skipEmptyLines: true }).data;
  expect(rows).toHaveLength(reference.length);
  return Math.max(...rows.map((r, i) => Math.abs(Number(r.pd_baseline) - Number(reference[i]![`p_bad_${model}`]))));
}

async function loadTape(page: Page, text: string, name = 'lc_holdout.csv') {
  await page.getByTestId('portfolio-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.getByTestId('portfolio-summary')).toContainText(name);
  await settled(page);
}

const loadModel = (page: Page, name: string, buffer: Buffer) =>
  page.getByTestId('model-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });

test('a skl2onnx pipeline with ZipMap, on the hold-out tape: matched by name with no manual step, scored as Python scores it', async ({
  page,
}) => {
  await openDashboard(page);
  await loadTape(page, holdoutTape('lc_pipeline_logreg_zipmap'));
  await loadModel(page, 'lc_pipeline_logreg_zipmap.onnx', readFileSync(`${DIR}/lc_pipeline_logreg_zipmap.onnx`));
  const panel = page.getByTestId('brought-model');
  await expect(panel).toContainText('Your model: lc_pipeline_logreg_zipmap');
  await expect(page.getByTestId('model-summary')).toContainText('lc_pipeline_logreg_zipmap');
  await expect(page.getByTestId('brought-model-mappings').locator('tbody tr')).toHaveCount(15);
  await expect(page.getByTestId('brought-model-mappings')).not.toContainText('chosen');
  await expect(page.getByTestId('brought-model-sha256')).toHaveText(
    `SHA-256 ${'80fca1351732f28b7ad2cfa8ba3afa21e1468ed7950a960a8ce7718e2add6761'}`,
  );
  await expect(page.getByTestId('brought-model-verification')).toContainText('Not verified against its owner');
  await expect(page.getByTestId('inert-income-shock')).toBeVisible();
  await settled(page);
  // Validated on the tape's outcomes: the hold-out AUC Python measured (0.7313).
  await expect(page.getByTestId('tape-discrimination')).toContainText('AUC 0.731 (95% CI');
  await expect(page.getByTestId('tape-validation')).toContainText('2,464 loans, 129 observed bad');
  await expect(page.getByTestId('tape-in-sample')).toHaveCount(0);
  // Every loan's PD as Python's predict_proba, read from the page's loan export.
  expect(await largestPdDifference(page, 'lc_pipeline_logreg_zipmap')).toBeLessThan(1e-5);
  // Verified against the owner's PDs, a tape column chosen in the wizard.
  await page.getByTestId('model-adjust').click();
  await page.getByTestId('reference-column').selectOption('expected_pd');
  await page.getByTestId('model-apply').click();
  await expect(page.getByTestId('brought-model-verification')).toContainText(
    'Verified: its 20 reference loans score the PDs of tape column "expected_pd"',
  );
  // And back.
  await page.getByTestId('use-bundled-model').click();
  await expect(page.getByTestId('brought-model')).toHaveCount(0);
  await expect(page.getByTestId('model-summary')).toContainText('lending-club-pd');
});

for (const model of ['lc_gbt_float_input', 'lc_xgboost'] as const) {
  test(`${model}: one [N,10] tensor, its columns listed in the wizard, verified against Python's PDs`, async ({ page }) => {
    await openDashboard(page);
    await loadTape(page, holdoutTape(model));
    await loadModel(page, `${model}.onnx`, readFileSync(`${DIR}/${model}.onnx`));
    await expect(page.getByTestId('model-refused')).toContainText('takes 10 numbers per loan: list its 10 tape columns in order');
    const input = model === 'lc_xgboost' ? 'input' : 'float_input';
    await page.getByTestId(`map-${input}`).fill(FEATURES.join(', '));
    await page.getByTestId('reference-column').selectOption('expected_pd');
    await page.getByTestId('model-apply').click();
    await expect(page.getByTestId('brought-model-verification')).toContainText('Verified');
    await expect(page.getByTestId('model-refused')).toHaveCount(0);
    await settled(page);
    expect(await largestPdDifference(page, model)).toBeLessThan(1e-5);
  });
}

test('a bank’s tape with its own column names: refused by the bundled model, then matched to a brought model in the wizard', async ({
  page,
}) => {
  await openDashboard(page);
  const renamed = holdoutTape(undefined, { annual_inc: 'income_usd', emp_length: 'Emp Length', term: 'loan_term' });
  await page.getByTestId('portfolio-file').setInputFiles({ name: 'renamed.csv', mimeType: 'text/csv', buffer: Buffer.from(renamed) });
  await expect(page.getByTestId('portfolio-refused')).toContainText('Column "annual_inc" is missing');
  await loadModel(page, 'lc_pipeline_logreg_zipmap.onnx', readFileSync(`${DIR}/lc_pipeline_logreg_zipmap.onnx`));
  await expect(page.getByTestId('model-refused')).toContainText('No tape column matches the model\'s input "annual_inc": choose one.');
  await expect(page.getByTestId('map-emp_length')).toHaveValue('Emp Length');
  await expect(page.getByTestId('model-refused')).toContainText(
    'No tape column holds the term (months): choose one, or give one value for every loan.',
  );
  await page.getByTestId('map-annual_inc').selectOption('income_usd');
  await page.getByTestId('map-term').selectOption('loan_term');
  await page.getByTestId('book-termMonths').selectOption('loan_term');
  await page.getByTestId('model-apply').click();
  await expect(page.getByTestId('brought-model-book')).toContainText('term loan_term, grade sub_grade');
  await expect(page.getByTestId('brought-model-mappings')).toContainText('income_usd');
  await expect(page.getByTestId('brought-model-mappings')).toContainText('name matched loosely');
  await expect(page.getByTestId('portfolio-summary')).toContainText('renamed.csv');
  await expect(page.getByTestId('portfolio-refused')).toHaveCount(0);
  await settled(page);
  expect(await largestPdDifference(page, 'lc_pipeline_logreg_zipmap')).toBeLessThan(1e-5);
});

test('a truncated file and a regression model are refused; the current model and its figures stay', async ({ page }) => {
  await openDashboard(page);
  const before = await page.getByTestId('kpi-expected-loss').getAttribute('data-value');
  await loadModel(page, 'cut.onnx', readFileSync(`${DIR}/lc_xgboost.onnx`).subarray(0, 5000));
  await expect(page.getByTestId('model-refused')).toContainText('cut.onnx: This file is not an ONNX model');
  await loadModel(page, 'loss-amount.onnx', Buffer.from(regressionOnnx()));
  await expect(page.getByTestId('model-refused')).toContainText("The model's output is not a probability");
  await expect(page.getByTestId('model-summary')).toContainText('lending-club-pd');
  await expect(page.getByTestId('kpi-expected-loss')).toHaveAttribute('data-value', before!);
});

test('champion and challenger: the pipeline beside the bundled model on the hold-out, compared under the scenario, then swapped', async ({
  page,
}) => {
  await openDashboard(page, '?unemployment-change=2&cutoff=10');
  await loadTape(page, holdoutTape());
  await page.getByTestId('challenger-file').setInputFiles({
    name: 'lc_pipeline_logreg_zipmap.onnx',
    mimeType: 'application/octet-stream',
    buffer: readFileSync(`${DIR}/lc_pipeline_logreg_zipmap.onnx`),
  });
  const panel = page.getByTestId('challenger');
  await expect(panel.getByTestId('challenger-figures')).toContainText('AUC on this tape');
  // The challenger's AUC on the hold-out is Python's (0.7313); every loan is in each PD distribution.
  await expect(panel.getByTestId('challenger-figures').locator('tr', { hasText: 'AUC on this tape' })).toContainText('0.731');
  await expect(panel.getByTestId('challenger-disagreements').locator('tbody tr')).toHaveCount(10);
  await panel.getByTestId('challenger-swap').click();
  await expect(page.getByTestId('model-summary')).toContainText('lc_pipeline_logreg_zipmap');
  await expect(page.getByTestId('challenger-figures').locator('thead')).toContainText('lending-club-pd');
  await page.getByTestId('challenger-remove').click();
  await expect(page.getByTestId('challenger')).toHaveCount(0);
});
