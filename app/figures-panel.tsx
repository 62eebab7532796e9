import { memo, useDeferredValue, useEffect, useMemo, useRef, type RefObject } from 'react';
import { BookComparisonTable } from '@/components/book-comparison-table';
import { ChartCard } from '@/components/chart-card';
import type { SaveChart } from '@/components/save-chart';
import { CutoffCurveChart } from '@/components/charts/cutoff-curve-chart';
import { GradeComparisonChart } from '@/components/charts/grade-comparison-chart';
import { PdDistributionChart } from '@/components/charts/pd-distribution-chart';
import { formatPercent, formatShare, formatUsd } from '@/components/format';
import { scenarioHeadline } from '@/components/headline';
import { KpiCard } from '@/components/kpi-card';
import { NewBusinessPanel } from '@/components/new-business-panel';
import { ScenarioHeadline } from '@/components/scenario-headline';
import { SegmentTable } from '@/components/segment-table';
import { WeightedEclTable } from '@/components/weighted-ecl-table';
import type { ScenarioEvaluation, WeightedEcl } from '@/lib/engine';
import type { PreviewNote } from '@/lib/worker';
import type { SegmentKind } from '@/lib/metrics';
import { SCENARIO_SET_SOURCE, scenarioSetKey, type Assumptions, type ScenarioSet } from '@/lib/scenario';
import {
  bookNotes,
  breakEvenByGrade,
  comparisonRows,
  cutoffMarker,
  gradeSeries,
  headlineApprovals,
  headlineLevers,
  kpiCards,
  newBusinessCards,
  scenarioSetRows,
  segmentTableRows,
  type ShownFigures,
} from './figures-view';
import { useOnScreen } from './use-on-screen';
import { useSettled } from './use-settled';

/** How long the sliders must rest, with no answer pending, before charts and tables redraw (the KPI cards never wait). */
const CHART_REST_MS = 120;

/** Brings the charts up to the figures on show at once, whether on screen or not: what reads them as drawn calls it first. */
export type SettleCharts = () => void;

const formatRate = (share: number) => formatShare(share, 1);

/**
 * The figures re-render only when their numbers change (not on every slider step). The KPI cards
 * show each answer at once; charts and the tables follow when the sliders rest.
 */
export const FiguresPanel = memo(function FiguresPanel({
  evaluation,
  shown,
  stale,
  pending,
  preview,
  onWeights,
  weightsVersion,
  onExplore,
  onDrill,
  onSaveChart,
  settleCharts,
}: {
  evaluation: ScenarioEvaluation;
  shown: ShownFigures;
  /** The figures answer other slider values than those on screen (an answer is on its way): shown dimmed, not as current. */
  stale: boolean;
  pending: boolean;
  /** The figures are a big book's preview from a sample: said above them until the exact figures replace them. */
  preview?: PreviewNote;
  onWeights: (weights: number[]) => void;
  /** Changes when the weights were reset from outside the table. */
  weightsVersion: number;
  onExplore: (assumptions: Assumptions) => void;
  /** A segment clicked: every figure is drilled into it. */
  onDrill: (kind: SegmentKind, label: string) => void;
  /** A chart saved as PNG or SVG, with its words and the source line. */
  onSaveChart: SaveChart;
  /** Set to this panel's way of bringing the charts up to date (for an export that draws them). */
  settleCharts: RefObject<SettleCharts | null>;
}) {
  const chartsElement = useRef<HTMLDivElement>(null);
  // Charts far below the fold are not redrawn while the sliders move: their redraw (SVG laid out by the
  // chart library, hundreds of milliseconds on a slow machine) would hold up the next key press for nothing
  // on screen. They catch up when scrolled to, and at once when an export or print reads them.
  const chartsOnScreen = useOnScreen(chartsElement);
  const { settled: deferred, settleNow } = useSettled(evaluation, CHART_REST_MS, pending || !chartsOnScreen);
  // The swap set is a line of text near the top: it follows once the sliders rest, on screen or not.
  const { settled: swapFrom } = useSettled(evaluation, CHART_REST_MS, pending);
  useEffect(() => {
    settleCharts.current = settleNow;
    window.addEventListener('beforeprint', settleNow);
    return () => {
      settleCharts.current = null;
      window.removeEventListener('beforeprint', settleNow);
    };
  }, [settleCharts, settleNow]);
  // The cards paint first; the tables below them render right after, without holding the cards' frame.
  const later = useDeferredValue(shown);
  // On the first answer the cards paint alone; charts and tables (hundreds of milliseconds of SVG on a slow laptop) follow in a background render.
  const beyondCards = useDeferredValue(true, false);
  const { figures } = shown;
  const { baseline } = figures;
  return (
    <>
      <ScenarioHeadline
        headline={scenarioHeadline(headlineLevers(shown.assumptions), baseline.book, figures.scenario.book, headlineApprovals(figures))}
      />
      {preview && (
        <p
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          data-testid="figures-preview"
          role="status"
        >
          <strong>Preview</strong> from {preview.method}. The exact figures of all {preview.bookLoans.toLocaleString('en-US')} loans replace
          it in a moment.
        </p>
      )}
      <section aria-labelledby="book-title" className="stale-aware space-y-2" data-testid="kpis" data-stale={stale} aria-busy={stale}>
        <h2 id="book-title" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          The existing book: every loan on it, under the scenario
        </h2>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:gap-4 print:grid-cols-4">
          {kpiCards(baseline.book, figures.scenario.book).map((card) => (
            <KpiCard key={card.name} {...card} />
          ))}
        </div>
        <ul className="text-xs text-slate-500" data-testid="book-notes">
          {bookNotes(evaluation).map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </section>
      <div className="stale-aware" data-stale={stale}>
        <NewBusinessPanel
          cards={newBusinessCards(figures)}
          cutoff={shown.assumptions.cutoff / 100}
          policy={figures.policy}
          swap={swapFrom.swap}
          swapCurrent={!stale && swapFrom === evaluation && evaluation.assumptions.cutoff === shown.assumptions.cutoff}
        />
      </div>
      <div className="stale-aware paint-near-screen grid grid-cols-1 gap-4 min-[1800px]:grid-cols-[5fr_7fr]" data-stale={stale}>
        {beyondCards && <Comparison figures={later.figures} />}
        <WeightedSection
          key={weightsVersion}
          scenarioSet={evaluation.scenarioSet}
          weighted={evaluation.weighted}
          onWeights={onWeights}
          onExplore={onExplore}
        />
      </div>
      {/* Charts and the table follow when the sliders rest; until then they answer an older scenario and say so. */}
      <div
        ref={chartsElement}
        className="stale-aware paint-near-screen-each space-y-5"
        data-testid="charts"
        // Held while off screen, they are not shown as out of date: nobody sees them until they have caught up.
        data-stale={stale || (chartsOnScreen && deferred !== evaluation)}
      >
        {beyondCards && <Charts evaluation={deferred} onDrill={onDrill} onSaveChart={onSaveChart} />}
      </div>
    </>
  );
});

const Comparison = memo(function Comparison({ figures }: { figures: ShownFigures['figures'] }) {
  return <BookComparisonTable rows={comparisonRows(figures)} />;
});

interface WeightedSectionProps {
  scenarioSet: ScenarioSet;
  weighted: WeightedEcl;
  onWeights: (weights: number[]) => void;
  onExplore: (assumptions: Assumptions) => void;
}

/** The weighted ECL moves only with the settings and the scenario set: every answer carries a copy, redrawn only when it differs. */
const WeightedSection = memo(
  function WeightedSection({ scenarioSet, weighted, onWeights, onExplore }: WeightedSectionProps) {
    return (
      <WeightedEclTable
        rows={scenarioSetRows(scenarioSet)}
        weighted={weighted}
        source={SCENARIO_SET_SOURCE}
        onWeights={onWeights}
        onExplore={onExplore}
      />
    );
  },
  (a, b) =>
    a.onWeights === b.onWeights &&
    a.onExplore === b.onExplore &&
    scenarioSetKey(a.scenarioSet) === scenarioSetKey(b.scenarioSet) &&
    JSON.stringify(a.weighted) === JSON.stringify(b.weighted),
);

/** Re-renders only when the settled evaluation changes: tens of milliseconds of SVG work. */
const Charts = memo(function Charts({
  evaluation,
  onDrill,
  onSaveChart,
}: {
  evaluation: ScenarioEvaluation;
  onDrill: (kind: SegmentKind, label: string) => void;
  onSaveChart: SaveChart;
}) {
  const segments = useMemo(() => segmentTableRows(evaluation), [evaluation]);
  return (
    <>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 print:grid-cols-2">
        <ChartCard
          title="PD distribution"
          subtitle="Loans on the book by 12-month PD, baseline vs scenario"
          testId="chart-pd-distribution"
          onSave={onSaveChart}
        >
          <PdDistributionChart buckets={evaluation.pdDistribution} />
        </ChartCard>
        <ChartCard
          title="IFRS 9 ECL by grade"
          subtitle="The existing book, baseline vs scenario"
          testId="chart-el-by-grade"
          onSave={onSaveChart}
        >
          <GradeComparisonChart data={gradeSeries(evaluation, 'ifrs9Ecl')} format={formatUsd} />
        </ChartCard>
        <ChartCard
          title="New business: approval rate vs expected bad rate"
          subtitle={`Each point a cut-off; the dot is the current cut-off (${formatPercent(evaluation.assumptions.cutoff / 100)} PD)`}
          testId="chart-cutoff-curve"
          onSave={onSaveChart}
        >
          <CutoffCurveChart
            baseline={evaluation.cutoffCurve.baseline}
            scenario={evaluation.cutoffCurve.scenario}
            current={cutoffMarker(evaluation)}
          />
        </ChartCard>
        <ChartCard
          title="Rate against break-even rate by grade"
          subtitle="The book’s average contract rate, and the rate at which the return on capital meets the hurdle (scenario)"
          testId="chart-return-by-grade"
          onSave={onSaveChart}
        >
          <GradeComparisonChart data={breakEvenByGrade(evaluation)} format={formatRate} names={['Contract rate', 'Break-even rate']} />
        </ChartCard>
      </div>
      <SegmentTable segments={segments} onDrill={evaluation.focus ? undefined : onDrill} />
    </>
  );
});
