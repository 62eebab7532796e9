/**
 * The view as an Excel workbook a risk manager files: Summary, Scenarios, Segments, Loans,
 * Assumptions, Model and policy, Provenance; real numbers with number formats, never numbers as text.
 *
 * ExcelJS writes every sheet but one. Its browser build holds a whole workbook in memory, cell by
 * cell, which a million loans would not survive; so the Loans sheet is written by ExcelJS with its
 * header and one loan only, and the package is then re-zipped (fflate) with that sheet's rows streamed
 * in pieces between the template's head and tail, in the template row's cell styles. Memory is the
 * compressed file, not the rows.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { LoanLevelResult, ReportRow, ScenarioReport } from '../engine';
import { SEGMENT_KINDS } from '../metrics';
import { ASSUMPTIONS, FIXED_RULES, REGIMES, SETTINGS } from '../scenario';
import { FIGURES, NUMBER_FORMATS, SCOPE_LABELS, type FigureUnit } from './figures';
import { LOAN_FIELDS, LOANS_PER_PIECE, type LoanFieldKind } from './loan-rows';

export const WORKBOOK_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEETS = ['Summary', 'Scenarios', 'Segments', 'Loans', 'Assumptions', 'Model and policy', 'Provenance'] as const;

export interface WorkbookInput {
  report: ScenarioReport;
  /** The scenario's name as the page shows it ("Adverse", "Custom"). */
  scenarioName: string;
  /** Every loan's figures under the same levers, in tape order. */
  loans: LoanLevelResult;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
const LOAN_FORMATS: Record<LoanFieldKind, string> = { probability: '0.000000', usd: '#,##0.00', integer: '0' };
const FIGURE_COLUMNS = ['baseline', 'scenario', 'change'] as const;
const BOOK_SCOPES = ['book', 'new-business', 'combined'] as const satisfies readonly ReportRow['scope'][];

/** A figure's cell value: the number, or "n/a" where the figure does not exist (a return on no capital). */
const figure = (v: number): number | string => (Number.isFinite(v) ? v : 'n/a');

function headerRow(sheet: ExcelJS.Worksheet, values: (string | number)[]): ExcelJS.Row {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
  return row;
}

function titleLines(sheet: ExcelJS.Worksheet, lines: string[]) {
  lines.forEach((line, i) => {
    const row = sheet.addRow([line]);
    if (i === 0) row.font = { bold: true, size: 14 };
  });
  sheet.addRow([]);
}

/** Every KPI of the book, of new business and of both, baseline against scenario. */
function summarySheet(wb: ExcelJS.Workbook, { report, scenarioName }: WorkbookInput) {
  const sheet = wb.addWorksheet('Summary');
  titleLines(sheet, [
    `Riskdial: ${scenarioName} against the baseline`,
    `${report.portfolio.name}, ${report.portfolio.loans.toLocaleString('en-US')} loans; model ${report.model.name} v${report.model.version}`,
    `Made ${report.generatedAt}; amounts in USD; shares as percentages. Every assumption is on the Assumptions sheet, the hashes on Provenance.`,
  ]);
  const groups = headerRow(sheet, ['', '', ...BOOK_SCOPES.flatMap((s) => [SCOPE_LABELS[s], '', ''])]);
  BOOK_SCOPES.forEach((_, k) => sheet.mergeCells(groups.number, 3 + 3 * k, groups.number, 5 + 3 * k));
  headerRow(sheet, ['Figure', 'Unit', ...BOOK_SCOPES.flatMap(() => ['Baseline', 'Scenario', 'Change'])]);
  sheet.views = [{ state: 'frozen', ySplit: groups.number + 1, xSplit: 1 }];
  const byScope = (scope: ReportRow['scope']) => new Map(report.rows.filter((r) => r.scope === scope).map((r) => [r.metric, r]));
  const scopes = BOOK_SCOPES.map(byScope);
  for (const metric of scopes[0]!.keys()) {
    const { label, unit } = FIGURES[metric];
    const values = scopes.flatMap((s) => FIGURE_COLUMNS.map((f) => figure(s.get(metric)?.[f] ?? Number.NaN)));
    const row = sheet.addRow([label, unit, ...values]);
    row.eachCell((c, col) => col > 2 && (c.numFmt = NUMBER_FORMATS[unit]));
  }
  sheet.getColumn(1).width = 40;
  sheet.getColumn(2).width = 8;
  for (let c = 3; c <= 11; c++) sheet.getColumn(c).width = 16;
}

/** The weighted scenario set: each scenario's levers, weight and ECL, then the weighted figures. */
function scenariosSheet(wb: ExcelJS.Workbook, { report }: WorkbookInput) {
  const sheet = wb.addWorksheet('Scenarios');
  const ecl = (name: string, metric: ReportRow['metric']) =>
    report.rows.find((r) => r.scope === 'scenario-set' && r.segment === name && r.metric === metric)?.scenario ?? Number.NaN;
  headerRow(sheet, [
    'Scenario',
    'Central',
    'Weight',
    'IFRS 9 ECL',
    'CECL allowance',
    ...ASSUMPTIONS.map((a) => `${a.label} (${a.symbol})`),
    'Narrative',
  ]);
  for (const s of report.scenarioSet) {
    const row = sheet.addRow([
      s.name,
      s.central ? 'yes' : '',
      s.weight / 100,
      figure(ecl(s.name, 'ifrs9Ecl')),
      figure(ecl(s.name, 'ceclEcl')),
      ...ASSUMPTIONS.map((a) => s.assumptions[a.id]),
      s.narrative,
    ]);
    row.getCell(3).numFmt = NUMBER_FORMATS.share;
    row.getCell(4).numFmt = NUMBER_FORMATS.usd;
    row.getCell(5).numFmt = NUMBER_FORMATS.usd;
  }
  sheet.addRow([]);
  for (const metric of ['weightedIfrs9Ecl', 'weightedCeclEcl', 'nonLinearityGap'] as const) {
    const row = sheet.addRow([FIGURES[metric].label, '', '', figure(ecl('weighted', metric))]);
    row.getCell(4).numFmt = NUMBER_FORMATS.usd;
    row.font = { bold: true };
  }
  sheet.getColumn(1).width = 36;
  sheet.getColumn(sheet.columnCount).width = 80;
}

/** One row per segment and figure (baseline, scenario, change), one column per metric: a table to filter. */
function segmentsSheet(wb: ExcelJS.Workbook, { report }: WorkbookInput) {
  const sheet = wb.addWorksheet('Segments');
  const rows = report.rows.filter((r) => (SEGMENT_KINDS as readonly string[]).includes(r.scope));
  const metrics = [...new Set(rows.map((r) => r.metric))];
  headerRow(sheet, ['Cut', 'Segment', 'Figure', ...metrics.map((m) => FIGURES[m].label)]);
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
  const groups = new Map<string, ReportRow[]>();
  for (const r of rows) {
    const key = `${r.scope}\u0000${r.segment}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const byMetric = new Map(group.map((r) => [r.metric, r]));
    for (const f of FIGURE_COLUMNS) {
      const row = sheet.addRow([
        SCOPE_LABELS[group[0]!.scope],
        group[0]!.segment,
        f,
        ...metrics.map((m) => figure(byMetric.get(m)?.[f] ?? Number.NaN)),
      ]);
      metrics.forEach((m, k) => (row.getCell(4 + k).numFmt = NUMBER_FORMATS[FIGURES[m].unit]));
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 3 + metrics.length } };
  for (let c = 4; c <= 3 + metrics.length; c++) sheet.getColumn(c).width = 16;
}

/** Every lever, every setting with its source, the regime and the rules that are not settings. */
function assumptionsSheet(wb: ExcelJS.Workbook, { report }: WorkbookInput) {
  const sheet = wb.addWorksheet('Assumptions');
  headerRow(sheet, ['Lever', 'Value', 'Unit', 'What it does']);
  for (const a of ASSUMPTIONS) sheet.addRow([a.label, report.assumptions[a.id], a.unit, a.description]);
  sheet.addRow([]);
  headerRow(sheet, ['Setting', 'Value', 'Unit', 'Source']);
  const regime = REGIMES[report.settings.regime];
  sheet.addRow(['Capital regime', regime.label, '', regime.source]);
  for (const d of SETTINGS) sheet.addRow([d.label, report.settings[d.id], d.unit, d.source]);
  sheet.addRow([]);
  headerRow(sheet, ['Rule', 'Value', '', 'Source']);
  for (const r of FIXED_RULES) sheet.addRow([r.label, r.value, '', r.source]);
  sheet.getColumn(1).width = 40;
  sheet.getColumn(2).width = 18;
  sheet.getColumn(3).width = 18;
  sheet.getColumn(4).width = 100;
}

/** The cut-off's effect, the model's evidence on this tape and the inputs' stability: long rows. */
function modelSheet(wb: ExcelJS.Workbook, { report }: WorkbookInput) {
  const sheet = wb.addWorksheet('Model and policy');
  headerRow(sheet, ['Scope', 'Segment', 'Figure', 'Baseline', 'Scenario', 'Change']);
  for (const r of report.rows.filter((r) => ['policy', 'validation', 'stability'].includes(r.scope))) {
    const { label, unit } = FIGURES[r.metric];
    const row = sheet.addRow([SCOPE_LABELS[r.scope], r.segment, label, figure(r.baseline), figure(r.scenario), figure(r.change)]);
    for (let c = 4; c <= 6; c++) row.getCell(c).numFmt = NUMBER_FORMATS[unit as FigureUnit];
  }
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 24;
  sheet.getColumn(3).width = 40;
}

/** What every figure rests on: the model and tape by their SHA-256, the release, the time, the link. */
function provenanceSheet(wb: ExcelJS.Workbook, { report, scenarioName }: WorkbookInput) {
  const sheet = wb.addWorksheet('Provenance');
  const { model, portfolio } = report;
  const notes = portfolio.notes;
  const lines: [string, string | number][] = [
    ['Scenario', scenarioName],
    ['Model', `${model.name} v${model.version}`],
    ['Model SHA-256', model.sha256],
    ['Model card SHA-256', model.cardSha256],
    [
      'Self-test',
      `${model.selfTest.rows} reference loans reproduced, largest difference ${model.selfTest.maxAbsDiff} (tolerance ${model.selfTest.tolerance})`,
    ],
    ...model.leverChannels.map((c): [string, string] => ['Lever channel', c]),
    ['Loan tape', portfolio.name],
    ['Loans', portfolio.loans],
    ['Loan tape SHA-256', portfolio.sha256],
    [
      'Exposure',
      report.exposureBasis === 'outstanding' ? 'outstanding balance' : 'at origination (the tape has no outstanding_balance column)',
    ],
    ...notes.absentColumns.map((a): [string, string] => ['Absent column', `${a.column}: ${a.withoutIt}`]),
    ...notes.imputedCells.map((c): [string, string] => ['Imputed', `${c.cells} blank ${c.column} cells filled with the training median`]),
    ...report.clamped.map((c): [string, string] => ['Clamped', `${c.loans} loans' ${c.input} held in ${c.range[0]}–${c.range[1]}`]),
    ['Riskdial version', report.appVersion ?? 'unknown'],
    ['Made at', report.generatedAt],
    ['Link to this view', report.link ?? 'made outside the page (npm run score)'],
    ['Made where', 'in the browser (or on this machine); nothing was uploaded'],
  ];
  headerRow(sheet, ['Item', 'Value']);
  for (const [item, value] of lines) sheet.addRow([item, value]);
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 110;
}

/** The Loans sheet as ExcelJS writes it: the header and the first loan, the template of every row. */
function loansTemplate(wb: ExcelJS.Workbook, loans: LoanLevelResult) {
  const sheet = wb.addWorksheet('Loans');
  headerRow(
    sheet,
    LOAN_FIELDS.map((f) => f.name),
  );
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const first = loans.pdBaseline.length ? LOAN_FIELDS.map((f) => f.value(loans, 0, 1)) : LOAN_FIELDS.map(() => 0);
  const row = sheet.addRow(first);
  LOAN_FIELDS.forEach((f, k) => (row.getCell(k + 1).numFmt = LOAN_FORMATS[f.kind]));
  LOAN_FIELDS.forEach((f, k) => (sheet.getColumn(k + 1).width = Math.max(12, f.name.length + 2)));
}

/** Column letters of the loan fields (A, B, …): fewer than 27. */
const COLUMN_LETTERS = LOAN_FIELDS.map((_, k) => String.fromCharCode(65 + k));

/** The sheet's XML around its rows: what comes before row 2 and after the template row, and each cell's style. */
function splitTemplate(xml: string, loanCount: number) {
  const start = xml.indexOf('<row r="2"');
  const end = xml.indexOf('</row>', start) + '</row>'.length;
  if (start < 0 || end < start) throw new Error('The Loans sheet template has no row 2: ExcelJS wrote an unexpected sheet.');
  const styles = COLUMN_LETTERS.map((letter) => new RegExp(`<c r="${letter}2"(?: s="(\\d+)")?`).exec(xml.slice(start, end))?.[1]);
  const last = `${COLUMN_LETTERS.at(-1)}${loanCount + 1}`;
  const head = xml.slice(0, start).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${last}"/>`);
  return { head, tail: xml.slice(end), styles };
}

/** The rows of loans [from, to) as SheetML, row numbers from 2 (row 1 is the header). */
function loanRowsXml(loans: LoanLevelResult, from: number, to: number, styles: (string | undefined)[]): string {
  const style = styles.map((s) => (s === undefined ? '' : ` s="${s}"`));
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const r = i + 2;
    let row = `<row r="${r}">`;
    for (let k = 0; k < LOAN_FIELDS.length; k++) {
      row += `<c r="${COLUMN_LETTERS[k]}${r}"${style[k]}><v>${LOAN_FIELDS[k]!.value(loans, i, i + 1)}</v></c>`;
    }
    parts.push(`${row}</row>`);
  }
  return parts.join('');
}

/** The path of a sheet's XML in the package, by its name (workbook.xml names it, the relationships place it). */
function sheetPath(files: Record<string, Uint8Array>, name: string): string {
  const workbook = strFromU8(files['xl/workbook.xml']!);
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const target = id && new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!target) throw new Error(`The workbook has no sheet named ${name}.`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * The workbook as the pieces of an .xlsx file (for a Blob, or written one after another). `onProgress`
 * hears the share of loans written, between pieces.
 */
export async function reportWorkbook(input: WorkbookInput, onProgress?: (share: number) => void): Promise<Uint8Array<ArrayBuffer>[]> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Riskdial';
  wb.created = new Date(input.report.generatedAt);
  wb.title = `Riskdial: ${input.scenarioName}`;
  wb.subject = `${input.report.model.name} on ${input.report.portfolio.name}`;
  summarySheet(wb, input);
  scenariosSheet(wb, input);
  segmentsSheet(wb, input);
  loansTemplate(wb, input.loans);
  assumptionsSheet(wb, input);
  modelSheet(wb, input);
  provenanceSheet(wb, input);
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const loansPath = sheetPath(files, 'Loans');
  const loanCount = input.loans.pdBaseline.length;
  const { head, tail, styles } = splitTemplate(strFromU8(files[loansPath]!), loanCount);

  // fflate's pieces are plain ArrayBuffer views (never shared memory): what a Blob takes.
  const out: Uint8Array<ArrayBuffer>[] = [];
  let failure: Error | undefined;
  const zip = new Zip((error, chunk) => (error ? (failure = error) : out.push(chunk as Uint8Array<ArrayBuffer>)));
  for (const [path, bytes] of Object.entries(files)) {
    if (path !== loansPath) {
      const file = path.endsWith('.xml') || path.endsWith('.rels') ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
      zip.add(file);
      file.push(bytes, true);
      continue;
    }
    // The fastest deflate: a million loans are ~340 MB of XML; level 1 writes them in about two thirds of level 6's time, 20% larger.
    const sheet = new ZipDeflate(path, { level: 1 });
    zip.add(sheet);
    sheet.push(strToU8(head));
    for (let from = 0; from < loanCount; from += LOANS_PER_PIECE) {
      const to = Math.min(loanCount, from + LOANS_PER_PIECE);
      sheet.push(strToU8(loanRowsXml(input.loans, from, to, styles)));
      onProgress?.(to / loanCount);
      await Promise.resolve();
    }
    sheet.push(strToU8(tail), true);
  }
  zip.end();
  if (failure) throw failure;
  return out;
}
