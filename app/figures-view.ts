/**
 * View-models: the engine's answer turned into the plain data each presentational piece takes.
 * Pure functions, unit-tested in figures-view.test.ts; the components only lay them out.
 */
import type { HeadlineLever } from '@/components/headline';
import type { KpiCardProps } from '@/components/kpi-card';
import type { SegmentRow } from '@/components/segment-table';
import { bookMetricsFromLadder, type ScenarioEvaluation } from '@/lib/engine';
import { SEGMENT_KINDS, pairSegments, type BookMetrics, type SegmentKind } from '@/lib/metrics';
import { TERM_MONTHS } from '@/lib/portfolio';
import { ASSUMPTIONS, type Assumptions } from '@/lib/scenario';
import { KPIS } from './kpis';

/** The scenario figures on show and the assumptions they answer (the sliders may be a step ahead). */
export interface ShownFigures {
  book: BookMetrics;
  assumptions: Assumptions;
}

/**
 * The scenario book the KPI cards show: the engine's answer when it matches the sliders; while it is
 * on its way, and only LGD or the cut-off moved, the same figures from the last answer's ladder.
 */
export function shownFigures(evaluation: ScenarioEvaluation, assumptions: Assumptions): ShownFigures {
  const answered = ASSUMPTIONS.every((a) => evaluation.assumptions[a.id] === assumptions[a.id]);
  const quick = answered ? undefined : bookMetricsFromLadder(evaluation, assumptions);
  return quick ? { book: quick, assumptions } : { book: evaluation.scenario.book, assumptions: evaluation.assumptions };
}

/** Whether the figures on show answer the sliders as they stand (otherwise they are marked as not current). */
export function answersSliders(shown: ShownFigures, assumptions: Assumptions): boolean {
  return ASSUMPTIONS.every((a) => shown.assumptions[a.id] === assumptions[a.id]);
}

/** Every lever with the value the shown figures answer, for the headline sentence. */
export function headlineLevers(assumptions: Assumptions): HeadlineLever[] {
  return ASSUMPTIONS.map((d) => ({
    label: d.label,
    symbol: d.symbol,
    value: assumptions[d.id],
    defaultValue: d.defaultValue,
    signed: d.min < 0,
  }));
}

/** One card per registered KPI, baseline against scenario. */
export function kpiCards(baseline: BookMetrics, scenario: BookMetrics): KpiCardProps[] {
  return KPIS.map((k) => ({
    name: k.name,
    label: k.label,
    kind: k.kind,
    higherIs: k.higherIs,
    hint: k.hint,
    baseline: baseline[k.metric],
    scenario: scenario[k.metric],
  }));
}

/** One metric by grade, baseline against scenario, for a bar chart. */
export function gradeSeries(evaluation: ScenarioEvaluation, metric: keyof BookMetrics) {
  return pairSegments(evaluation.baseline, evaluation.scenario, 'grade').map((pair) => ({
    grade: pair.label,
    baseline: pair.baseline[metric],
    scenario: pair.scenario[metric],
  }));
}

/** How a reader names a segment: terms in months, grades and states as they are. */
export function segmentLabel(kind: SegmentKind, label: string): string {
  const months = kind === 'term' ? TERM_MONTHS[label] : undefined;
  return months === undefined ? label : `${months} months`;
}

/** The segment table's rows for every cut of the book. */
export function segmentTableRows(evaluation: ScenarioEvaluation): Record<SegmentKind, SegmentRow[]> {
  const rows = (kind: SegmentKind): SegmentRow[] =>
    pairSegments(evaluation.baseline, evaluation.scenario, kind).map(({ label, baseline, scenario }) => ({
      label: segmentLabel(kind, label),
      loans: scenario.approvedLoans,
      exposure: scenario.exposure,
      baselinePd: baseline.meanPd,
      scenarioPd: scenario.meanPd,
      baselineLoss: baseline.expectedLoss,
      scenarioLoss: scenario.expectedLoss,
    }));
  return Object.fromEntries(SEGMENT_KINDS.map((kind) => [kind, rows(kind)])) as Record<SegmentKind, SegmentRow[]>;
}

/** Where the current cut-off sits on the strategy curve. */
export function cutoffMarker(evaluation: ScenarioEvaluation) {
  const { book } = evaluation.scenario;
  return { approvalRate: book.approvalRate, expectedBadRate: book.expectedBadRate };
}
