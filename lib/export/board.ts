/**
 * The board's page: what the slides and the PDF both show, in the same words and figures as the page
 * (the page formats the KPIs and the headline; the charts carry their numbers, to be drawn natively),
 * with every assumption and the provenance a figure in a committee pack must carry.
 */
import type { ScenarioEvaluation, ScenarioReport } from '../engine';
import { pairSegments } from '../metrics';
import { ASSUMPTIONS, REGIMES, SETTINGS } from '../scenario';
import type { FigureUnit } from './figures';

export interface BoardKpi {
  label: string;
  /** As the page shows them: "$1.23M", "5.27%", "+$210K". */
  baseline: string;
  scenario: string;
  change: string;
}

export interface BoardChart {
  title: string;
  subtitle: string;
  /** Bars by category (grades), or points of x against y (the cut-off curve). */
  kind: 'bar' | 'scatter';
  categories: string[];
  series: { name: string; values: number[] }[];
  /** For a scatter: each point's x (the categories are then unused). */
  x?: { name: string; values: number[]; unit: FigureUnit };
  unit: FigureUnit;
}

export interface BoardPage {
  title: string;
  scenarioName: string;
  headline: { levers: string; sentence: string };
  kpis: BoardKpi[];
  charts: BoardChart[];
  /** Every lever and setting as "label: value unit". */
  assumptions: string[];
  /** Model, card and tape by SHA-256, release, time, link. */
  provenance: string[];
  /** The line under each chart: where its numbers come from. */
  source: string;
}

export interface BoardContent {
  scenarioName: string;
  headline: BoardPage['headline'];
  kpis: BoardKpi[];
  charts: BoardChart[];
}

/** The board page of a report: the page's words and figures, the report's assumptions and provenance. */
export function boardPage(report: ScenarioReport, content: BoardContent): BoardPage {
  const { model, portfolio } = report;
  const short = (sha: string) => sha.slice(0, 12);
  return {
    ...content,
    title: `${content.scenarioName} against the baseline`,
    assumptions: [
      ...ASSUMPTIONS.map((a) => `${a.label}: ${report.assumptions[a.id]} ${a.symbol}`),
      `Capital regime: ${REGIMES[report.settings.regime].label}`,
      ...SETTINGS.map((d) => `${d.label}: ${report.settings[d.id]} ${d.symbol}`),
      `Scenario weights: ${report.scenarioSet.map((s) => `${s.name} ${s.weight}%`).join(', ')}`,
    ],
    provenance: [
      `Model ${model.name} v${model.version}, SHA-256 ${model.sha256}; card SHA-256 ${model.cardSha256}`,
      `Loan tape ${portfolio.name}, ${portfolio.loans.toLocaleString('en-US')} loans, SHA-256 ${portfolio.sha256}`,
      `Exposure ${report.exposureBasis === 'outstanding' ? 'at the outstanding balance' : 'at origination (no outstanding balance on the tape)'}`,
      `Made ${report.generatedAt} by Riskdial${report.appVersion ? ` ${report.appVersion}` : ''}, in the browser; nothing uploaded`,
      ...(report.link ? [`This view: ${report.link}`] : []),
    ],
    source: `Source: Riskdial; model ${model.name} (${short(model.sha256)}) on ${portfolio.name} (${short(portfolio.sha256)}), ${report.generatedAt.slice(0, 10)}`,
  };
}

/** The page's four main charts as numbers, for charts drawn natively (slides): the same series the page draws. */
export function boardCharts(evaluation: ScenarioEvaluation): BoardChart[] {
  const grades = pairSegments(evaluation.baseline, evaluation.scenario, 'grade');
  const rates = evaluation.scenario.segments.grade.map(({ label, metrics }) => ({
    grade: label,
    rate: metrics.averageRate,
    breakEven: metrics.breakEvenRate,
  }));
  const curve = evaluation.cutoffCurve.scenario;
  return [
    {
      title: 'PD distribution',
      subtitle: 'Loans on the book by 12-month PD, baseline vs scenario',
      kind: 'bar',
      unit: 'count',
      categories: evaluation.pdDistribution.map((b) => b.label),
      series: [
        { name: 'Baseline', values: evaluation.pdDistribution.map((b) => b.baselineLoans) },
        { name: 'Scenario', values: evaluation.pdDistribution.map((b) => b.scenarioLoans) },
      ],
    },
    {
      title: 'IFRS 9 ECL by grade',
      subtitle: 'The existing book, baseline vs scenario',
      kind: 'bar',
      unit: 'usd',
      categories: grades.map((g) => g.label),
      series: [
        { name: 'Baseline', values: grades.map((g) => g.baseline.ifrs9Ecl) },
        { name: 'Scenario', values: grades.map((g) => g.scenario.ifrs9Ecl) },
      ],
    },
    {
      title: 'New business: approval rate vs expected bad rate',
      subtitle: `Each point a cut-off, under the scenario; the current cut-off is ${evaluation.assumptions.cutoff}% PD`,
      kind: 'scatter',
      unit: 'share',
      categories: [],
      x: { name: 'Approval rate', values: curve.map((p) => p.approvalRate), unit: 'share' },
      series: [{ name: 'Expected bad rate', values: curve.map((p) => p.expectedBadRate) }],
    },
    {
      title: 'Rate against break-even rate by grade',
      subtitle: 'The book’s average contract rate, and the rate at which the return on capital meets the hurdle (scenario)',
      kind: 'bar',
      unit: 'share',
      categories: rates.map((r) => r.grade),
      series: [
        { name: 'Contract rate', values: rates.map((r) => r.rate) },
        { name: 'Break-even rate', values: rates.map((r) => r.breakEven) },
      ],
    },
  ];
}
