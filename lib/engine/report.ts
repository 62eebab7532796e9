/**
 * The view a risk manager exports: every figure with what it rests on (assumptions, model and its
 * hash, portfolio and its hash), so a number in a board pack can be traced and reproduced with
 * `npm run score`.
 */
import Papa from 'papaparse';
import { SEGMENT_KINDS, pairSegments, type BookMetrics, type SegmentKind, type SegmentedMetrics } from '../metrics';
import type { TapeNotes } from '../portfolio';
import type { Assumptions, ClampReport } from '../scenario';
import type { ScenarioEvaluation } from './engine';

export interface ReportProvenance {
  model: {
    name: string;
    version: string;
    /** SHA-256 of the model file's bytes and of its card's. */
    sha256: string;
    cardSha256: string;
    selfTest: { rows: number; maxAbsDiff: number; tolerance: number };
  };
  /** The tape by the SHA-256 of its bytes, and what the engine did to it. */
  portfolio: { name: string; loans: number; sha256: string; notes: TapeNotes };
  /** ISO time the export was made. */
  generatedAt: string;
}

export interface ReportRow {
  scope: 'book' | SegmentKind;
  segment: string;
  metric: keyof BookMetrics;
  baseline: number;
  scenario: number;
  change: number;
}

export interface ScenarioReport extends ReportProvenance {
  assumptions: Assumptions;
  clamped: ClampReport[];
  rows: ReportRow[];
}

const METRICS: (keyof BookMetrics)[] = [
  'loans',
  'approvedLoans',
  'approvalRate',
  'exposure',
  'meanPd',
  'expectedDefaults',
  'expectedBadRate',
  'expectedLoss',
  'elRate',
  'irbCapital',
  'rwa',
  'netInterestIncome',
  'riskAdjustedReturn',
  'provisions',
  'stage2Share',
];

function rowsOf(scope: ReportRow['scope'], segment: string, baseline: BookMetrics, scenario: BookMetrics): ReportRow[] {
  return METRICS.map((metric) => ({
    scope,
    segment,
    metric,
    baseline: baseline[metric],
    scenario: scenario[metric],
    change: scenario[metric] - baseline[metric],
  }));
}

function segmentRows(baseline: SegmentedMetrics, scenario: SegmentedMetrics): ReportRow[] {
  return SEGMENT_KINDS.flatMap((kind) =>
    pairSegments(baseline, scenario, kind).flatMap((pair) => rowsOf(kind, pair.label, pair.baseline, pair.scenario)),
  );
}

export function scenarioReport(evaluation: ScenarioEvaluation, provenance: ReportProvenance): ScenarioReport {
  return {
    ...provenance,
    assumptions: evaluation.assumptions,
    clamped: evaluation.clamped,
    rows: [
      ...rowsOf('book', 'all', evaluation.baseline.book, evaluation.scenario.book),
      ...segmentRows(evaluation.baseline, evaluation.scenario),
    ],
  };
}

/** What the engine did to the data, one line each: columns absent or not used, cells imputed, inputs clamped. */
function dataNoteLines(report: ScenarioReport): string[] {
  const { notes } = report.portfolio;
  return [
    ...notes.absentColumns.map(
      (a) => `absent column: ${a.column} (${a.description})${a.suggestion ? `; the file has ${a.suggestion} which is not used` : ''}`,
    ),
    ...(notes.ignoredColumns.length ? [`columns not used: ${notes.ignoredColumns.join(' ')}`] : []),
    ...notes.imputedCells.map((c) => `imputed: ${c.cells} blank ${c.column} cells filled with the model's training median`),
    ...report.clamped.map((c) => `clamped: ${c.loans} loans' ${c.input} held in ${c.range[0]}–${c.range[1]} (${c.levers.join(' ')})`),
  ];
}

/**
 * The report as CSV: provenance, assumptions and data notes as leading comment lines, then one row
 * per figure. Comment lines use no commas of their own, so they stay one "#" cell that CSV readers
 * skip. Text from users (file names, column names) can reach a spreadsheet, so no cell may start a
 * formula: a comment line holding a user's comma is quoted whole (still one cell starting with "#"),
 * and text cells that start with = + - @ are prefixed with an apostrophe.
 */
export function reportCsv(report: ScenarioReport): string {
  const preamble = [
    `# Riskdial scenario export; ${report.generatedAt}`,
    `# model: ${report.model.name} v${report.model.version}; SHA-256 ${report.model.sha256}; card SHA-256 ${report.model.cardSha256}`,
    `# portfolio: ${report.portfolio.name}; ${report.portfolio.loans} loans; SHA-256 ${report.portfolio.sha256}`,
    `# assumptions: ${Object.entries(report.assumptions)
      .map(([id, v]) => `${id}=${v}`)
      .join(' ')}`,
    ...dataNoteLines(report).map((line) => `# data: ${line}`),
    '# units: shares as fractions (0.05 = 5%); amounts in USD; formulas in docs/metrics.md',
  ].map((line) => Papa.unparse([[line.replace(/[\r\n]+/g, ' ')]], { escapeFormulae: true }));
  const rows = Papa.unparse(report.rows, {
    columns: ['scope', 'segment', 'metric', 'baseline', 'scenario', 'change'],
    escapeFormulae: true,
  });
  return `${preamble.join('\n')}\n${rows}\n`;
}
