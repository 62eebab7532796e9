/**
 * How far a book's model points are from the book: the KPIs of the points' sums against the full
 * book's, under the baseline, the run's scenario and each scenario of the set (the method is in
 * lib/portfolio/model-points.ts). The batch face measures this when it makes the points, and the
 * points file carries it to the page.
 */
import { bookMetricsFromSums, type BookMetrics, type BookSums } from '../metrics';
import type { ModelPointsReport } from '../portfolio';
import { BASELINE_ASSUMPTIONS, type Assumptions, type ScenarioSet, type Settings } from '../scenario';
import { metricParams } from './parameters';
import type { EvaluationSums } from './partial';

/** The KPIs the error is stated on: counts, exposure, losses and capital of the existing book. */
export const POINT_KPIS = [
  'loans',
  'exposure',
  'expectedLoss',
  'ifrs9Ecl',
  'ceclEcl',
  'irbCapital',
] as const satisfies readonly (keyof BookMetrics)[];

export function modelPointErrors(
  full: EvaluationSums,
  points: EvaluationSums,
  assumptions: Assumptions,
  settings: Settings,
  set: ScenarioSet,
): ModelPointsReport['errors'] {
  const runs: { scenario: string; full: BookSums; points: BookSums; levers: Assumptions }[] = [
    { scenario: 'Baseline', full: full.book.baseline.total, points: points.book.baseline.total, levers: BASELINE_ASSUMPTIONS },
    { scenario: 'The run’s scenario', full: full.book.scenario.total, points: points.book.scenario.total, levers: assumptions },
    ...set.map((s, k) => ({
      scenario: s.name,
      full: full.weighted.scenarios[k]!,
      points: points.weighted.scenarios[k]!,
      levers: s.assumptions,
    })),
  ];
  return runs.flatMap((run) => {
    const params = metricParams(run.levers, settings);
    const [f, p] = [bookMetricsFromSums(run.full, params), bookMetricsFromSums(run.points, params)];
    return POINT_KPIS.map((metric) => ({ scenario: run.scenario, metric, full: f[metric], points: p[metric] }));
  });
}
