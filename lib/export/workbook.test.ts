import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { LoanLevelResult } from '../engine';
import { BASELINE_ASSUMPTIONS, DEFAULT_SCENARIO_SET } from '../scenario';
import { bundledReport } from '../testing';
import { loanCsvPieces, loanRowsCsv } from './loan-rows';
import { reportWorkbook, SHEETS } from './workbook';

const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -20, 'unemployment-change': 3, lgd: 55, cutoff: 12 };

async function exported() {
  const { engine, evaluation, report } = await bundledReport(stress, {
    appVersion: '0.1.0',
    link: 'http://127.0.0.1:3000/?income-shock=-20&weights=10,50,30,10',
  });
  return { evaluation, loans: await engine.loanLevel(stress), report };
}

async function readBack(pieces: Uint8Array[]) {
  const bytes = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  pieces.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer);
  return wb;
}

/** A row of a sheet by its first cell's text. */
const rowLabelled = (sheet: ExcelJS.Worksheet, label: string) => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row ${label} on ${sheet.name}`);
  return found;
};

describe('the workbook', () => {
  it('holds every KPI, segment, scenario, loan, assumption and hash as numbers with formats, and reads back exactly', async () => {
    const { evaluation, loans, report } = await exported();
    const wb = await readBack(await reportWorkbook({ report, scenarioName: 'Jobs shock', loans }));
    expect(wb.worksheets.map((s) => s.name)).toEqual([...SHEETS]);

    const summary = wb.getWorksheet('Summary')!;
    const el = rowLabelled(summary, 'Expected loss (12 months)');
    // Columns: figure, unit, then baseline/scenario/change of the book, new business, and both.
    expect(el.getCell(3).value).toBe(evaluation.baseline.book.expectedLoss);
    expect(el.getCell(4).value).toBe(evaluation.scenario.book.expectedLoss);
    expect(el.getCell(5).value).toBeCloseTo(evaluation.scenario.book.expectedLoss - evaluation.baseline.book.expectedLoss, 6);
    expect(el.getCell(4).numFmt).toContain('#,##0');
    const approval = rowLabelled(summary, 'Approval rate');
    expect(approval.getCell(7).value).toBe(evaluation.newBusiness.scenario.approvalRate);
    expect(approval.getCell(7).numFmt).toBe('0.00%');
    expect(rowLabelled(summary, 'IFRS 9 ECL').getCell(10).value).toBe(evaluation.combined.scenario.ifrs9Ecl);

    const scenarios = wb.getWorksheet('Scenarios')!;
    const severe = rowLabelled(scenarios, 'Severely adverse');
    const set = evaluation.weighted.scenarios.find((s) => s.name === 'Severely adverse')!;
    // The set's weights are percentages; the sheet holds the share, shown as a percentage.
    expect([severe.getCell(3).value, severe.getCell(4).value]).toEqual([0.1, set.ifrs9Ecl]);
    expect(rowLabelled(scenarios, 'Weighted IFRS 9 ECL').getCell(4).value).toBe(evaluation.weighted.ifrs9Ecl);
    expect(scenarios.rowCount).toBe(1 + DEFAULT_SCENARIO_SET.length + 1 + 3);

    const segments = wb.getWorksheet('Segments')!;
    const header = segments.getRow(1).values as unknown[];
    let gradeC: ExcelJS.Row | undefined;
    segments.eachRow((row) => {
      if (row.getCell(1).value === 'Grade' && row.getCell(2).value === 'C' && row.getCell(3).value === 'scenario') gradeC = row;
    });
    expect(gradeC!.getCell(header.indexOf('IFRS 9 ECL')).value).toBe(
      evaluation.scenario.segments.grade.find((s) => s.label === 'C')!.metrics.ifrs9Ecl,
    );

    // Every loan, in tape order, the same numbers as the command line's CSV.
    const sheet = wb.getWorksheet('Loans')!;
    expect(sheet.rowCount).toBe(1 + loans.pdBaseline.length);
    const csv = Papa.parse<string[]>(loanRowsCsv(loans, 1, true), { skipEmptyLines: true }).data;
    expect(sheet.getRow(1).values).toEqual([undefined, ...csv[0]!]);
    for (const at of [1, 2, 777, loans.pdBaseline.length]) {
      expect((sheet.getRow(at + 1).values as unknown[]).slice(1)).toEqual(csv[at]!.map(Number));
    }
    expect(sheet.getRow(5000).getCell(2).numFmt).toBe('0.000000');
    expect(sheet.getRow(5000).getCell(5).numFmt).toBe('#,##0.00');
    const loanEl = (sheet.getColumn(5).values as unknown[]).slice(2) as number[];
    // Each loan's EL to the cent sums to the book's EL within half a cent a loan.
    expect(Math.abs(loanEl.reduce((s, v) => s + v, 0) - evaluation.scenario.book.expectedLoss)).toBeLessThan(0.005 * loanEl.length);

    const assumptions = wb.getWorksheet('Assumptions')!;
    expect(rowLabelled(assumptions, 'Unemployment change').getCell(2).value).toBe(3);
    expect(rowLabelled(assumptions, 'Capital regime').getCell(2).value).toBe('Basel III (2017 reforms)');
    const provenance = wb.getWorksheet('Provenance')!;
    expect(rowLabelled(provenance, 'Model SHA-256').getCell(2).value).toBe(report.model.sha256);
    expect(rowLabelled(provenance, 'Loan tape SHA-256').getCell(2).value).toBe('d'.repeat(64));
    expect(rowLabelled(provenance, 'Link to this view').getCell(2).value).toBe(report.link);
    expect(rowLabelled(provenance, 'Riskdial version').getCell(2).value).toBe('0.1.0');
  });

  it('writes a big book in pieces, never the whole sheet at once', async () => {
    const n = 60_000;
    const filled = (v: number) => new Float64Array(n).map((_, i) => v + i * 1e-7);
    const loans: LoanLevelResult = {
      pdBaseline: filled(0.02),
      pdScenario: filled(0.03),
      stage: new Uint8Array(n).fill(1),
      expectedLoss: filled(12.345),
      ifrs9Ecl: filled(10),
      lifetimeEcl: filled(40),
      approvedAsNewBusiness: new Uint8Array(n).fill(1),
    };
    const { report } = await exported();
    const shares: number[] = [];
    const pieces = await reportWorkbook({ report, scenarioName: 'Big', loans }, (s) => shares.push(s));
    expect(shares).toEqual([50_000 / n, 1]);
    const sheet = (await readBack(pieces)).getWorksheet('Loans')!;
    expect(sheet.rowCount).toBe(n + 1);
    expect(sheet.getRow(n + 1).getCell(1).value).toBe(n);
    expect(sheet.getRow(n + 1).getCell(3).value).toBe(loans.pdScenario[n - 1]);
    // The CSV pieces join to the one-string CSV.
    expect([...loanCsvPieces(loans)].join('')).toBe(`${loanRowsCsv(loans, 1, true)}\r\n`);
  });
});
