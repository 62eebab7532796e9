/**
 * The board page's content from the figures on show: the headline and the KPI cards in the page's own
 * words and formatting, and the main charts' numbers (lib/export) for charts drawn natively in slides.
 */
import { formatFigure } from '@/components/format';
import { scenarioHeadline } from '@/components/headline';
import { kpiChange } from '@/components/kpi-card';
import type { ScenarioEvaluation } from '@/lib/engine';
import { boardCharts, type BoardContent } from '@/lib/export';
import { headlineApprovals, headlineLevers, kpiCards, newBusinessCards } from './figures-view';

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
