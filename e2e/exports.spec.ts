import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { MANIFEST_PATH } from '../lib/testing';
import { downloaded, expect, kpi, openDashboard, settled, test } from './fixtures';

/** The shipped model's SHA-256, as its card pins it. */
const modelSha = (JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { model: { sha256: string } }).model.sha256;

const SCENARIO = '?income-shock=-20&unemployment-change=3&lgd=55&cutoff=12';
const BUNDLED_LOANS = 9857;

/** The text of an element, as the page shows it. */
const shown = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim() ?? '';

/** A workbook row by its first cell. */
function rowOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row “${label}” on ${sheet.name}`);
  return found;
}

/** A poppler-utils tool (pdftotext, pdfinfo) run on a PDF file: what it prints. */
function poppler(tool: 'pdftotext' | 'pdfinfo', bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'riskdial-pdf-')), 'board.pdf');
  writeFileSync(file, bytes);
  const run = spawnSync(tool, tool === 'pdftotext' ? [file, '-'] : [file], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

test('the Excel workbook holds the screen’s figures to the cent, every loan, every assumption and both hashes', async ({ page }) => {
  await openDashboard(page, SCENARIO);
  const el = await kpi(page, 'expected-loss');
  const capital = await kpi(page, 'capital');
  const { name, bytes } = await downloaded(page, 'export-xlsx');
  expect(name).toMatch(/^riskdial-scenario-lending-club-pd-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual([
    'Summary',
    'Scenarios',
    'Segments',
    'Loans',
    'Assumptions',
    'Model and policy',
    'Provenance',
  ]);
  const summary = wb.getWorksheet('Summary')!;
  // Real numbers, formatted as money: the book's scenario column is the fourth.
  const elCell = rowOf(summary, 'Expected loss (12 months)').getCell(4);
  expect(typeof elCell.value).toBe('number');
  expect(Math.abs((elCell.value as number) - el)).toBeLessThan(0.005);
  expect(elCell.numFmt).toContain('#,##0');
  expect(Math.abs((rowOf(summary, 'IRB capital').getCell(4).value as number) - capital)).toBeLessThan(0.005);

  const loans = wb.getWorksheet('Loans')!;
  expect(loans.rowCount).toBe(BUNDLED_LOANS + 1);
  expect(loans.getRow(1).getCell(2).value).toBe('pd_baseline');
  const perLoanEl = (loans.getColumn(5).values as unknown[]).slice(2) as number[];
  expect(perLoanEl).toHaveLength(BUNDLED_LOANS);
  // Each loan to the cent adds up to the book's figure within half a cent a loan.
  expect(Math.abs(perLoanEl.reduce((s, v) => s + v, 0) - el)).toBeLessThan(0.005 * BUNDLED_LOANS);

  const assumptions = wb.getWorksheet('Assumptions')!;
  expect(rowOf(assumptions, 'Income shock').getCell(2).value).toBe(-20);
  expect(rowOf(assumptions, 'Loss given default').getCell(2).value).toBe(55);
  const provenance = wb.getWorksheet('Provenance')!;
  expect(rowOf(provenance, 'Model SHA-256').getCell(2).value).toBe(modelSha);
  expect(rowOf(provenance, 'Loan tape SHA-256').getCell(2).value).toMatch(/^06ce4edfcf2a[0-9a-f]{52}$/);
  expect(String(rowOf(provenance, 'Link to this view').getCell(2).value)).toContain('income-shock=-20');
  expect(rowOf(provenance, 'Riskdial version').getCell(2).value).toMatch(/^\d+\.\d+\.\d+$/);
});

test('every loan’s figures export as CSV, in tape order, adding up to the screen', async ({ page }) => {
  await openDashboard(page, SCENARIO);
  const el = await kpi(page, 'expected-loss');
  const { name, bytes } = await downloaded(page, 'export-loans');
  expect(name).toMatch(/\.loans\.csv$/);
  const text = bytes.toString('utf8');
  // What the figures rest on comes first, as comment lines: the hashes, every lever and setting.
  expect(text).toContain(`# model: lending-club-pd v1.1.0; SHA-256 ${modelSha}`);
  expect(text).toMatch(/^# portfolio: Lending Club 2016 Q1; 9857 loans; SHA-256 06ce4edfcf2a/m);
  expect(text).toContain('# assumptions: income-shock=-20 rate-shock=0 utilization-shift=0 unemployment-change=3 lgd=55 cutoff=12');
  expect(text).toContain('# setting: cpr=15 (% a year)');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, comments: '#', skipEmptyLines: true }).data;
  expect(rows).toHaveLength(BUNDLED_LOANS);
  expect(rows.map((r) => Number(r.loan)).slice(0, 3)).toEqual([1, 2, 3]);
  expect(Math.abs(rows.reduce((s, r) => s + Number(r.expected_loss), 0) - el)).toBeLessThan(0.005 * BUNDLED_LOANS);
  // The scenario raises every loan's PD (income down, unemployment up).
  expect(rows.every((r) => Number(r.pd_scenario) >= Number(r.pd_baseline))).toBe(true);
});

test('the slides carry the headline, the KPIs as shown and native charts; the PDF board page on A4 and Letter carries them too', async ({
  page,
}) => {
  await openDashboard(page, SCENARIO);
  const sentence = await shown(page, 'scenario-sentence');
  const elText = await shown(page, 'kpi-expected-loss');
  const capitalText = await shown(page, 'kpi-capital');

  const slides = await downloaded(page, 'export-pptx');
  expect(slides.name).toMatch(/\.pptx$/);
  const files = unzipSync(new Uint8Array(slides.bytes));
  const slide = (n: number) => strFromU8(files[`ppt/slides/slide${n}.xml`]!);
  expect(slide(1)).toContain(sentence.replace(/&/g, '&amp;').replace(/'/g, '&apos;'));
  expect(slide(2)).toContain(elText);
  expect(slide(2)).toContain(capitalText);
  const charts = Object.keys(files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
  expect(charts).toHaveLength(4);
  expect(Object.keys(files).filter((f) => /\.(png|jpe?g|svg|emf)$/i.test(f))).toEqual([]);
  expect(slide(7)).toContain(modelSha);

  for (const [paper, size] of [
    ['letter', '612 x 792 pts'],
    ['a4', '595.28 x 841.89 pts'],
  ] as const) {
    await page.getByTestId('export-paper').selectOption(paper);
    const pdf = await downloaded(page, 'export-pdf');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = poppler('pdftotext', pdf.bytes);
    expect(text).toContain(elText);
    expect(text).toContain(capitalText);
    expect(text.replace(/\s+/g, ' ')).toContain(sentence.slice(0, 60));
    expect(text.replace(/\s+/g, '')).toContain(modelSha);
    expect(text).toContain('IFRS 9 ECL by grade');
    expect(poppler('pdfinfo', pdf.bytes)).toMatch(new RegExp(`Page size:\\s+${size}`));
  }
});

test('a PDF exported right after a lever moved carries charts of the figures exported, though they were held off screen', async ({
  page,
}) => {
  await openDashboard(page);
  const ticks = () => page.getByTestId('chart-el-by-grade').locator('.recharts-yAxis-tick-labels text').allTextContents();
  // The charts below the fold are drawn after the KPIs, in the page's idle time: wait for this one's axis.
  await expect.poll(async () => (await ticks()).length).toBeGreaterThan(2);
  const baselineTicks = await ticks();
  const slider = page.getByTestId('assumption-unemployment-change');
  await slider.focus();
  for (let i = 0; i < 3; i++) await slider.press('PageUp');
  await settled(page);
  // Far below the fold, the charts have not been redrawn for the new figures.
  expect(await ticks()).toEqual(baselineTicks);
  const pdf = poppler('pdftotext', (await downloaded(page, 'export-pdf')).bytes);
  // The export brought them up to date first: the PDF draws the axis the page now draws, not the baseline's.
  const exportedTicks = await ticks();
  expect(exportedTicks).not.toEqual(baselineTicks);
  const words = new Set(pdf.split(/\s+/));
  for (const tick of exportedTicks) expect(words.has(tick), tick).toBe(true);
  expect(baselineTicks.filter((tick) => !exportedTicks.includes(tick)).some((tick) => words.has(tick))).toBe(false);
});

test('the page says how to run the same view on the whole book, and its links open the docs that say how', async ({ page }) => {
  await openDashboard(page);
  const whole = page.getByTestId('whole-book');
  await expect(whole).toContainText('npm run score -- --scenario');
  await whole.getByRole('link', { name: 'over REST' }).click();
  await expect(page.locator('#the-rest-face')).toHaveText('The REST face');
  await expect(page.locator('main, body').first()).toContainText('POST /v1/portfolio/evaluate');
  await page.goBack();
  await page.getByTestId('whole-book').getByRole('link', { name: 'in batch or on Dask' }).click();
  await expect(page.locator('#a-million-loans')).toBeVisible();
  await expect(page.locator('body')).toContainText('scripts/dask_score.py');
});
