import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, SETTINGS } from '../scenario';
import { bundledManifest, openBundled } from '../testing';
import { asScorecardCard, leverChannels, type SelfTestReport } from '../model';
import { reportCsv, scenarioReport, type ReportProvenance } from './report';

describe('scenario export', () => {
  it('carries every figure with the assumptions, model and portfolio it rests on, and reads back from CSV', async () => {
    const { engine, model, manifest } = await openBundled();
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, lgd: 60, cutoff: 15 };
    await engine.bookValidation();
    const evaluation = await engine.evaluate(stress);
    const report = scenarioReport(
      evaluation,
      provenance(model.sha256, model.selfTest, asScorecardCard(manifest).trainingData.sha256, 'Lending Club 2016 Q1'),
    );
    expect(report.assumptions).toEqual(stress);
    // 30 figures for the book, new business, both together and each of 7 grades, 2 terms and 50 states;
    // 4 for the policy; 3 for each of 4 weighted scenarios and 3 weighted totals; the model on the tape: 7
    // discrimination figures, 2 for each PD decile and 3 for each grade and term; one PSI per input.
    expect(report.rows).toHaveLength(30 * (3 + 7 + 2 + 50) + 4 + 3 * 4 + 3 + 7 + 10 * 2 + (7 + 2) * 3 + manifest.inputs.length);
    expect(report.settings).toEqual(DEFAULT_SETTINGS);
    const loss = report.rows.find((r) => r.scope === 'book' && r.metric === 'expectedLoss')!;
    expect(loss.scenario).toBe(evaluation.scenario.book.expectedLoss);
    expect(loss.change).toBeCloseTo(evaluation.scenario.book.expectedLoss - evaluation.baseline.book.expectedLoss, 6);

    const csv = reportCsv(report);
    expect(csv).toContain(`# model: lending-club-pd v1.0.0; SHA-256 ${model.sha256}; card SHA-256 ${'c'.repeat(64)}`);
    expect(csv).toContain('# data: imputed: 3 blank revol_util cells');
    expect(csv).toContain('# assumptions: income-shock=-30 rate-shock=0 utilization-shift=0 unemployment-change=0 lgd=60 cutoff=15');
    expect(csv).toContain('# exposure: at origination (the tape has no outstanding_balance column)');
    // Every fixed assumption travels with the figures, and the scenario set with its weights.
    for (const d of SETTINGS) expect(csv).toContain(`# setting: ${d.id}=${d.defaultValue} (${d.unit})`);
    expect(csv).toContain('# setting: regime=basel-iii');
    expect(csv).toContain('# lever channel: unemployment-change: moves the systematic factor 0.35 SD per point (Vasicek)');
    expect(csv).toMatch(/# scenario set: Severely adverse 10%: income-shock=-10 /);
    // Wide: one row per scope, segment and figure; one column per metric.
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true }).data;
    const groups = new Set(report.rows.map((r) => `${r.scope}|${r.segment}`));
    expect(parsed).toHaveLength(3 * groups.size);
    const at = (scope: string, segment: string, figure: string) =>
      parsed.find((r) => r.scope === scope && r.segment === segment && r.figure === figure)!;
    const expected = evaluation.scenario.segments.grade.find((s) => s.label === 'C')!.metrics.ifrs9Ecl;
    expect(Number(at('grade', 'C', 'scenario').ifrs9Ecl)).toBe(expected);
    expect(Number(at('grade', 'C', 'baseline').ifrs9Ecl)).toBe(
      evaluation.baseline.segments.grade.find((s) => s.label === 'C')!.metrics.ifrs9Ecl,
    );
    expect(Number(at('book', 'all', 'change').expectedLoss)).toBeCloseTo(loss.change, 6);
    expect(Number(at('scenario-set', 'weighted', 'scenario').weightedIfrs9Ecl)).toBe(evaluation.weighted.ifrs9Ecl);
    expect(Number(at('new-business', 'at cut-off', 'scenario').approvalRate)).toBeLessThan(1);
    // A metric a scope does not have is an empty cell; one that does not exist here is n/a.
    expect(at('book', 'all', 'scenario').auc).toBe('');
    expect([Number(at('validation', 'tape', 'baseline').auc), at('validation', 'tape', 'scenario').auc]).toEqual([
      evaluation.validation!.onTape!.auc,
      'n/a',
    ]);
    expect(Number(at('stability', 'annual_inc', 'baseline').psi)).toBe(
      evaluation.validation!.stability.find((s) => s.input === 'annual_inc')!.psi,
    );
    // Every comment line is a comment to a CSV reader: none quoted (a comma of its own would quote it).
    expect(csv.split('\r\n').filter((line) => line.startsWith('"#'))).toEqual([]);
    // The table follows the comment that says how it is laid out.
    expect(csv).toMatch(/\r\n# table: [^\r\n]*\r\nscope,segment,figure,loans,/);
  });

  it('no cell of the CSV starts a formula, whatever the tape or its columns are called', async () => {
    const { engine, model, manifest } = await openBundled();
    const evaluation = await engine.evaluate(BASELINE_ASSUMPTIONS);
    const hostile = 'x,=HYPERLINK("evil"),y.csv';
    const base = provenance(model.sha256, model.selfTest, asScorecardCard(manifest).trainingData.sha256, hostile);
    const report = scenarioReport(evaluation, {
      ...base,
      portfolio: { ...base.portfolio, notes: { ignoredColumns: ['=cmd|calc', '@SUM(A1)'], absentColumns: [], imputedCells: [] } },
    });
    const csv = reportCsv(report);
    const cells = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.flat();
    expect(cells.filter((c) => /^[=+@\t\r]/.test(c) || /^-[^0-9.]/.test(c))).toEqual([]);
    // The user's comma and quotes are written as ";" and "'": the line stays a comment to CSV readers.
    expect(cells).toContain(
      `# portfolio: x;=HYPERLINK('evil');y.csv; 9857 loans; SHA-256 ${asScorecardCard(manifest).trainingData.sha256}`,
    );
    const table = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
    expect(table.meta.fields?.slice(0, 3)).toEqual(['scope', 'segment', 'figure']);
    expect(cells).toContain('# data: columns not used: =cmd|calc @SUM(A1)');
  });

  it('says in the CSV what the engine did to the data: absent columns, imputed cells, clamped inputs', async () => {
    const { engine, model, manifest } = await openBundled();
    const evaluation = await engine.evaluate({ ...BASELINE_ASSUMPTIONS, 'utilization-shift': 50 });
    const base = provenance(model.sha256, model.selfTest, asScorecardCard(manifest).trainingData.sha256, 'mine.csv');
    const notes = {
      ignoredColumns: ['state'],
      absentColumns: [
        { column: 'addr_state', description: 'borrower state', withoutIt: 'figures by state read “n/a”', suggestion: 'state' },
        { column: 'Class', description: 'observed outcome', withoutIt: 'observed bad rates read “n/a”' },
      ],
      imputedCells: [{ column: 'revol_util', cells: 3 }],
    };
    const csv = reportCsv(scenarioReport(evaluation, { ...base, portfolio: { ...base.portfolio, notes } }));
    const comments = csv.split('\r\n').filter((line) => line.startsWith('# data: '));
    expect(comments).toEqual([
      '# data: absent column: addr_state (borrower state); figures by state read “n/a”; the file has state which is not used',
      '# data: absent column: Class (observed outcome); observed bad rates read “n/a”',
      '# data: columns not used: state',
      "# data: imputed: 3 blank revol_util cells filled with the model's training median",
      ...evaluation.clamped.map(
        (c) => `# data: clamped: ${c.loans} loans' ${c.input} held in ${c.range[0]}–${c.range[1]} (utilization-shift)`,
      ),
    ]);
    expect(evaluation.clamped.length).toBeGreaterThan(0);
  });
});

/** What an export rests on, as the page gives it. */
function provenance(sha256: string, selfTest: SelfTestReport, tapeSha256: string, name: string): ReportProvenance {
  return {
    model: {
      name: 'lending-club-pd',
      version: '1.0.0',
      sha256,
      cardSha256: 'c'.repeat(64),
      selfTest,
      leverChannels: leverChannels(bundledManifest()),
    },
    portfolio: {
      name,
      loans: 9857,
      sha256: tapeSha256,
      notes: { ignoredColumns: [], absentColumns: [], imputedCells: [{ column: 'revol_util', cells: 3 }] },
    },
    generatedAt: '2026-11-25T10:00:00.000Z',
  };
}
