/**
 * The view a risk manager exports: every figure with what it rests on (assumptions, model and its
 * hash, portfolio and its hash), so a number in a board pack can be traced and reproduced with
 * `npm run score`.
 */
import Papa from 'papaparse';
import { SEGMENT_KINDS, pairSegments, type BookMetrics, type SegmentKind, type SegmentedMetrics } from '../metrics';
import type { Assumptions, ClampReport } from '../scenario';
import type { ScenarioEvaluation } from './engine';

export interface ReportProvenance {
  model: { name: string; version: string; sha256: string; selfTest: { rows: number; maxAbsDiff: number; tolerance: number } };
  portfolio: { name: string; loans: number; sha256: string };
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

/** The report as CSV: provenance and assumptions as leading comment lines, then one row per figure. */
export function reportCsv(report: ScenarioReport): string {
  const preamble = [
    `# Riskdial scenario export, ${report.generatedAt}`,
    `# model: ${report.model.name} v${report.model.version}, SHA-256 ${report.model.sha256}`,
    `# portfolio: ${report.portfolio.name}, ${report.portfolio.loans} loans, SHA-256 ${report.portfolio.sha256}`,
    `# assumptions: ${Object.entries(report.assumptions)
      .map(([id, v]) => `${id}=${v}`)
      .join(' ')}`,
    '# units: shares as fractions (0.05 = 5%), amounts in USD; formulas in docs/metrics.md',
  ];
  return `${preamble.join('\n')}\n${Papa.unparse(report.rows, { columns: ['scope', 'segment', 'metric', 'baseline', 'scenario', 'change'] })}\n`;
}
