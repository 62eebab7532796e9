/**
 * View-models: the engine's answer turned into the plain data each presentational piece takes.
 * Pure functions, unit-tested in figures-view.test.ts; the components only lay them out.
 */
import { formatAssumption, formatInteger, formatUsd, type FigureKind } from '@/components/format';
import type { HeadlineApprovals, HeadlineLever } from '@/components/headline';
import type { ComparisonRowProps } from '@/components/book-comparison-table';
import type { KpiCardProps } from '@/components/kpi-card';
import type { SegmentRow } from '@/components/segment-table';
import type { ScenarioSetRow } from '@/components/weighted-ecl-table';
import { figuresFromLast, type Figures, type Focus, type ScenarioEvaluation } from '@/lib/engine';
import { CAPITAL_PEAK_PD, SEGMENT_KINDS, pairSegments, type BookMetrics, type SegmentKind } from '@/lib/metrics';
import { TERM_MONTHS } from '@/lib/portfolio';
import {
  ASSUMPTIONS,
  sameAssumptions,
  scenarioSetKey,
  settingsKey,
  type Assumptions,
  type ScenarioSet,
  type Settings,
} from '@/lib/scenario';
import { KPIS } from './kpis';

/** The figures on show and the assumptions and settings they answer (the sliders may be a step ahead). */
export interface ShownFigures {
  figures: Figures;
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
  /** The segment drilled into, as `focusKey` names it ('' for the whole book). */
  focus: string;
}

/** A drill-down's identity: the same segment gives the same key; the whole book ''. */
export const focusKey = (focus?: Focus): string => (focus ? `${focus.kind}|${focus.label}` : '');

/**
 * The figures the KPI cards show: the engine's answer when it matches the sliders; while it is on its
 * way, and only LGD or the cut-off moved, the same figures from the last answer's sums.
 */
export function shownFigures(evaluation: ScenarioEvaluation, assumptions: Assumptions): ShownFigures {
  const { settings, scenarioSet } = evaluation;
  const focus = focusKey(evaluation.focus);
  const quick = sameAssumptions(evaluation.assumptions, assumptions) ? undefined : figuresFromLast(evaluation, assumptions);
  return quick
    ? { figures: quick, assumptions, settings, scenarioSet, focus }
    : { figures: evaluation, assumptions: evaluation.assumptions, settings, scenarioSet, focus };
}

/** Whether the figures on show answer the sliders, settings and scenario set as they stand (otherwise they are marked as not current). */
export function answersInputs(
  shown: ShownFigures,
  assumptions: Assumptions,
  settings: Settings,
  scenarioSet: ScenarioSet,
  focus?: Focus,
): boolean {
  return (
    shown.focus === focusKey(focus) &&
    sameAssumptions(shown.assumptions, assumptions) &&
    settingsKey(shown.settings) === settingsKey(settings) &&
    scenarioSetKey(shown.scenarioSet) === scenarioSetKey(scenarioSet)
  );
}

/**
 * Whether an answer's KPIs are on screen already, so it only redraws what lies below them (charts,
 * tables): the figures on show (exact, not a preview) are for the same settings, scenario set and
 * segment, and differ from it in LGD or the cut-off at most, which the page reads off their sums
 * (`shownFigures`), and it answers the sliders as they stand. The figures worked out ahead and shown
 * at the key press are such an answer's own.
 */
export function kpisOnScreen(
  shown: { evaluation: ScenarioEvaluation; preview?: unknown } | undefined,
  answer: { evaluation: ScenarioEvaluation; preview?: unknown },
  sliders: Assumptions,
): boolean {
  if (!shown || shown.preview || answer.preview) return false;
  const [before, after] = [shown.evaluation, answer.evaluation];
  return (
    focusKey(before.focus) === focusKey(after.focus) &&
    settingsKey(before.settings) === settingsKey(after.settings) &&
    scenarioSetKey(before.scenarioSet) === scenarioSetKey(after.scenarioSet) &&
    sameAssumptions(after.assumptions, sliders) &&
    figuresFromLast(before, after.assumptions) !== undefined
  );
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

export const headlineApprovals = (f: Figures): HeadlineApprovals => ({
  baseline: f.newBusiness.baseline.approvalRate,
  scenario: f.newBusiness.scenario.approvalRate,
});

/** One card per registered KPI, baseline against scenario. */
export function kpiCards(baseline: BookMetrics, scenario: BookMetrics): KpiCardProps[] {
  return KPIS.map((k) => ({
    name: k.name,
    label: k.label,
    kind: k.kind,
    higherIs: k.higherIs,
    hint: k.hint,
    doc: k.doc,
    baseline: baseline[k.metric],
    scenario: scenario[k.metric],
  }));
}

const COMPARED = [
  ['expected-loss', 'Expected loss, 12 months', 'expectedLoss', 'usd', 'bad'],
  ['ifrs9-ecl', 'IFRS 9 ECL', 'ifrs9Ecl', 'usd', 'bad'],
  ['capital', 'IRB capital', 'irbCapital', 'usd', 'bad'],
  ['capital-held', 'Capital held', 'capitalHeld', 'usd', 'bad'],
  ['profit-after-tax', 'Profit after tax', 'profitAfterTax', 'usd', 'good'],
  ['return-on-capital', 'Return on capital', 'returnOnCapital', 'percent', 'good'],
  ['economic-profit', 'Economic profit', 'economicProfit', 'usd', 'good'],
] as const satisfies readonly (readonly [string, string, keyof BookMetrics, FigureKind, 'good' | 'bad'])[];

/** A figure of the book, new business and both together, scenario against baseline. */
export function comparisonRows(f: Figures): ComparisonRowProps[] {
  return COMPARED.map(([name, label, metric, kind, higherIs]) => ({
    name,
    label,
    kind,
    higherIs,
    book: f.scenario.book[metric],
    newBusiness: f.newBusiness.scenario[metric],
    combined: f.combined.scenario[metric],
    combinedBaseline: f.combined.baseline[metric],
  }));
}

/** New business at the cut-off: like-for-like cards (the same cut-off, baseline PDs against scenario PDs). */
export function newBusinessCards(f: Figures): KpiCardProps[] {
  const { baseline, scenario } = f.newBusiness;
  const card = (name: string, label: string, metric: keyof BookMetrics, kind: FigureKind, higherIs: 'good' | 'bad', hint: string) => ({
    name: `new-${name}`,
    label,
    kind,
    higherIs,
    hint,
    doc: '/docs/metrics#book-and-new-business',
    baseline: baseline[metric],
    scenario: scenario[metric],
  });
  return [
    card(
      'approval-rate',
      'Approval rate',
      'approvalRate',
      'percent',
      'good',
      'Share of applicants whose scenario PD is at or below the cut-off',
    ),
    card('volume', 'Origination volume', 'exposure', 'usd', 'good', 'Amount lent to approved applicants'),
    card('bad-rate', 'Expected bad rate', 'expectedBadRate', 'percent', 'bad', 'Σ PD / approved applicants'),
    card(
      'return-on-capital',
      'Return on capital',
      'returnOnCapital',
      'percent',
      'good',
      'New loans priced with the rate shock passed through',
    ),
  ];
}

/** One metric by grade of the book, baseline against scenario, for a bar chart. */
export function gradeSeries(evaluation: ScenarioEvaluation, metric: keyof BookMetrics) {
  return pairSegments(evaluation.baseline, evaluation.scenario, 'grade').map((pair) => ({
    grade: pair.label,
    baseline: pair.baseline[metric],
    scenario: pair.scenario[metric],
  }));
}

/** By grade: the book's balance-weighted rate against the rate at which the return on capital meets the hurdle. */
export function breakEvenByGrade(evaluation: ScenarioEvaluation) {
  return evaluation.scenario.segments.grade.map(({ label, metrics }) => ({
    grade: label,
    baseline: metrics.averageRate,
    scenario: metrics.breakEvenRate,
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
      loans: scenario.loans,
      exposure: scenario.exposure,
      baselinePd: baseline.meanPd,
      scenarioPd: scenario.meanPd,
      baselineLoss: baseline.ifrs9Ecl,
      scenarioLoss: scenario.ifrs9Ecl,
      returnOnCapital: scenario.returnOnCapital,
      breakEvenRate: scenario.breakEvenRate,
    }));
  return Object.fromEntries(SEGMENT_KINDS.map((kind) => [kind, rows(kind)])) as Record<SegmentKind, SegmentRow[]>;
}

/** Where the current cut-off sits on the new-business strategy curve. */
export function cutoffMarker(evaluation: ScenarioEvaluation) {
  const nb = evaluation.newBusiness.scenario;
  return { approvalRate: nb.approvalRate, expectedBadRate: nb.expectedBadRate };
}

/** Basel EL against provisions: a shortfall is deducted from CET1, an excess counts towards tier 2 (CRE35). */
function provisionsLine(regulatoryEl: number, provisions: number, what: string): string {
  const gap = regulatoryEl - provisions;
  const verdict = gap > 0 ? `a shortfall of ${formatUsd(gap)}, deducted from CET1` : `an excess of ${formatUsd(-gap)}`;
  return `Basel expected loss ${formatUsd(regulatoryEl)} (floored PD × downturn LGD) against ${what} ${formatUsd(provisions)}: ${verdict}.`;
}

/** What a risk manager must know to read the book's figures: what EAD is, EL against provisions, where the capital formula turns. */
export function bookNotes(evaluation: ScenarioEvaluation): string[] {
  const book = evaluation.scenario.book;
  const notes = [
    evaluation.exposureBasis === 'outstanding'
      ? 'Exposure is each loan’s outstanding balance (the tape’s outstanding_balance column).'
      : 'The book is at origination: exposure is the amount lent, as the tape has no outstanding_balance column.',
  ];
  notes.push(
    provisionsLine(evaluation.baseline.book.regulatoryEl, evaluation.weighted.ifrs9Ecl, 'the reported, probability-weighted ECL'),
    `Under this scenario: ${provisionsLine(book.regulatoryEl, book.ifrs9Ecl, 'its IFRS 9 ECL')}`,
  );
  if (book.loansPastCapitalPeak > 0) {
    notes.push(
      // A preview's counts are estimates scaled from a sample: whole loans on the page.
      `${formatInteger(book.loansPastCapitalPeak)} loans have a PD above ${(CAPITAL_PEAK_PD * 100).toFixed(0)}%, where Basel capital per unit of exposure falls as PD rises: more of their loss is expected (covered by provisions) and less is unexpected. Their capital plus expected loss still rises.`,
    );
  }
  return notes;
}

const leverText = (a: Assumptions) =>
  ASSUMPTIONS.filter((d) => a[d.id] !== d.defaultValue)
    .map((d) => `${d.label} ${formatAssumption(a[d.id], d.symbol, d.min < 0)}`)
    .join(' · ') || 'No lever moved';

/** The scenario set's rows: each scenario with the levers it moves, in words. */
export function scenarioSetRows(set: ScenarioSet): ScenarioSetRow[] {
  return set.map((s) => ({
    id: s.id,
    name: s.name,
    narrative: s.narrative,
    weight: s.weight,
    central: s.central,
    levers: leverText(s.assumptions),
    assumptions: s.assumptions,
  }));
}
