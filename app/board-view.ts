/**
 * The board page's content from the figures on show: the headline and the KPI cards in the page's own
 * words and formatting, and the main charts' numbers for charts drawn natively in slides.
 */
import { formatFigure } from '@/components/format';
import { scenarioHeadline } from '@/components/headline';
import { kpiChange } from '@/components/kpi-card';
import type { ScenarioEvaluation } from '@/lib/engine';
import type { BoardChart, BoardContent } from '@/lib/export';
import { pairSegments } from '@/lib/metrics';
import { breakEvenByGrade, headlineApprovals, headlineLevers, kpiCards, newBusinessCards } from './figures-view';

function boardCharts(evaluation: ScenarioEvaluation): BoardChart[] {
  const grades = pairSegments(evaluation.baseline, evaluation.scenario, 'grade');
  const rates = breakEvenByGrade(evaluation);
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
        { name: 'Contract rate', values: rates.map((r) => r.baseline) },
        { name: 'Break-even rate', values: rates.map((r) => r.scenario) },
      ],
    },
  ];
}

/** What the slides and the board PDF show: the page's headline, its KPI cards (book, then new business) and the main charts. */
export function boardContent(evaluation: ScenarioEvaluation, scenarioName: string): BoardContent {
  const cards = [...kpiCards(evaluation.baseline.book, evaluation.scenario.book), ...newBusinessCards(evaluation)];
  return {
    scenarioName,
    headline: scenarioHeadline(
      headlineLevers(evaluation.assumptions),
      evaluation.baseline.book,
      evaluation.scenario.book,
      headlineApprovals(evaluation),
    ),
    kpis: cards.map((c) => ({
      label: c.name.startsWith('new-') ? `New business: ${c.label.toLowerCase()}` : c.label,
      baseline: formatFigure(c.kind, c.baseline),
      scenario: formatFigure(c.kind, c.scenario),
      change: kpiChange(c).text,
    })),
    charts: boardCharts(evaluation),
  };
}
