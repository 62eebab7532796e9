import { memo, useMemo } from 'react';
import { ChartCard } from '@/components/chart-card';
import { CutoffCurveChart } from '@/components/charts/cutoff-curve-chart';
import { GradeComparisonChart } from '@/components/charts/grade-comparison-chart';
import { PdDistributionChart } from '@/components/charts/pd-distribution-chart';
import { formatPercent, formatShare, formatUsd } from '@/components/format';
import { scenarioHeadline } from '@/components/headline';
import { KpiCard } from '@/components/kpi-card';
import { ScenarioHeadline } from '@/components/scenario-headline';
import { SegmentTable } from '@/components/segment-table';
import type { ScenarioEvaluation } from '@/lib/engine';
import { cutoffMarker, gradeSeries, headlineLevers, kpiCards, segmentTableRows, type ShownFigures } from './figures-view';
import { useSettled } from './use-settled';

/** How long the sliders must rest, with no answer pending, before charts and tables redraw (the KPI cards never wait). */
const CHART_REST_MS = 120;

const formatWholePercent = (share: number) => formatShare(share, 0);

/**
 * The figures re-render only when their numbers change (not on every slider step). The KPI cards
 * show each answer at once; charts and the segment table follow when the sliders rest.
 */
export const FiguresPanel = memo(function FiguresPanel({
  evaluation,
  shown,
  stale,
  pending,
}: {
  evaluation: ScenarioEvaluation;
  shown: ShownFigures;
  /** The figures answer other slider values than those on screen (an answer is on its way): shown dimmed, not as current. */
  stale: boolean;
  pending: boolean;
}) {
  const deferred = useSettled(evaluation, CHART_REST_MS, pending);
  const { baseline } = evaluation;
  return (
    <>
      <ScenarioHeadline headline={scenarioHeadline(headlineLevers(shown.assumptions), baseline.book, shown.book)} />
      <div className="stale-aware grid grid-cols-2 gap-3 lg:grid-cols-4 xl:gap-4" data-testid="kpis" data-stale={stale} aria-busy={stale}>
        {kpiCards(baseline.book, shown.book).map((card) => (
          <KpiCard key={card.name} {...card} />
        ))}
      </div>
      {/* Charts and the table follow when the sliders rest; until then they answer an older scenario and say so. */}
      <div className="stale-aware space-y-5" data-testid="charts" data-stale={stale || deferred !== evaluation}>
        <Charts evaluation={deferred} />
      </div>
    </>
  );
});

/** Re-renders only when the settled evaluation changes: tens of milliseconds of SVG work. */
const Charts = memo(function Charts({ evaluation }: { evaluation: ScenarioEvaluation }) {
  const segments = useMemo(() => segmentTableRows(evaluation), [evaluation]);
  return (
    <>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard title="PD distribution" subtitle="Loans by probability of default, baseline vs scenario" testId="chart-pd-distribution">
          <PdDistributionChart buckets={evaluation.pdDistribution} />
        </ChartCard>
        <ChartCard title="Expected loss by grade" subtitle="Approved book, baseline vs scenario" testId="chart-el-by-grade">
          <GradeComparisonChart data={gradeSeries(evaluation, 'expectedLoss')} format={formatUsd} />
        </ChartCard>
        <ChartCard
          title="Approval rate vs expected bad rate"
          subtitle={`Each point a cut-off; the dot is the current cut-off (${formatPercent(evaluation.assumptions.cutoff / 100)} PD)`}
          testId="chart-cutoff-curve"
        >
          <CutoffCurveChart
            baseline={evaluation.cutoffCurve.baseline}
            scenario={evaluation.cutoffCurve.scenario}
            current={cutoffMarker(evaluation)}
          />
        </ChartCard>
        <ChartCard
          title="Return on capital by grade"
          subtitle="(Net interest income − expected loss) / IRB capital"
          testId="chart-return-by-grade"
        >
          <GradeComparisonChart data={gradeSeries(evaluation, 'riskAdjustedReturn')} format={formatWholePercent} />
        </ChartCard>
      </div>
      <SegmentTable segments={segments} />
    </>
  );
});
