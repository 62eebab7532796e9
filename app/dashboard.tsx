'use client';

import { memo, useCallback, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { AssumptionSlider } from '@/components/AssumptionSlider';
import { ChartCard } from '@/components/ChartCard';
import { CutoffCurveChart } from '@/components/charts/CutoffCurveChart';
import { GradeComparisonChart } from '@/components/charts/GradeComparisonChart';
import { PdDistributionChart } from '@/components/charts/PdDistributionChart';
import { formatPercent, formatUsd } from '@/components/format';
import { Header } from '@/components/Header';
import { scenarioHeadline } from '@/components/headline';
import { ScenarioHeadline } from '@/components/ScenarioHeadline';
import { KpiCard } from '@/components/KpiCard';
import { IssueList, Notice } from '@/components/Notice';
import { SegmentTable, type SegmentRow } from '@/components/SegmentTable';
import type { ScenarioEvaluation } from '@/lib/engine';
import { bookMetricsWithoutEngine } from '@/lib/engine';
import type { BookMetrics } from '@/lib/metrics';
import { ASSUMPTIONS, BASELINE_ASSUMPTIONS, scenarioFromQuery, type AssumptionId, type Assumptions } from '@/lib/scenario';
import { exportView, type ExportFormat } from './export-view';
import { KPIS } from './kpis';
import { useSettled } from './use-settled';
import { useScenarioEngine } from './use-scenario-engine';
import { scenarioUrl, useScenarioUrl } from './use-scenario-url';

const fromUrl = () => scenarioFromQuery(window.location.search);

export default function Dashboard() {
  const [{ assumptions: initial, ignored }] = useState(fromUrl);
  const [assumptions, setAssumptions] = useState<Assumptions>(initial);
  const { state, evaluate, loadPortfolio } = useScenarioEngine(initial);

  // The latest scenario, read by stable callbacks so that sliders re-render only when their own value moves.
  const current = useRef(initial);
  const update = useCallback(
    (next: Assumptions) => {
      current.current = next;
      setAssumptions(next);
      evaluate(next);
    },
    [evaluate],
  );
  const setOne = useCallback(
    (id: AssumptionId, value: number) => {
      if (current.current[id] !== value) update({ ...current.current, [id]: value });
    },
    [update],
  );
  useScenarioUrl(assumptions);

  const changed = ASSUMPTIONS.some((a) => assumptions[a.id] !== a.defaultValue);
  const shown = useMemo(() => state.evaluation && shownFigures(state.evaluation, assumptions), [state.evaluation, assumptions]);

  return (
    <div className="min-h-screen">
      <Header model={state.model} portfolio={state.portfolio} status={state.status} pending={state.pending} />
      <main className="mx-auto grid max-w-[1880px] grid-cols-[272px_minmax(0,1fr)] gap-5 px-5 py-5 xl:grid-cols-[300px_minmax(0,1fr)]">
        <aside
          className="self-start rounded-xl border border-slate-200 bg-white py-3 shadow-sm lg:sticky lg:top-4"
          aria-label="Assumptions"
        >
          <div className="flex items-center justify-between px-4 pb-1">
            <h2 className="text-base font-semibold">Assumptions</h2>
            <button
              type="button"
              onClick={() => update(BASELINE_ASSUMPTIONS)}
              disabled={!changed}
              data-testid="reset-all"
              className="rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50 disabled:text-slate-400 disabled:hover:bg-transparent"
            >
              Reset all
            </button>
          </div>
          <fieldset className="px-1 disabled:opacity-50" disabled={state.status === 'failed'}>
            {ASSUMPTIONS.map((d) => (
              <AssumptionSlider key={d.id} definition={d} value={assumptions[d.id]} onChange={setOne} />
            ))}
          </fieldset>
          <ScenarioFootnotes assumptions={assumptions} evaluation={state.evaluation} ignored={ignored} />
          <ExportPanel
            onExport={
              state.evaluation && state.model && state.portfolio && !state.pending
                ? (format) => exportView(format, state.evaluation!, state.model!, state.portfolio!)
                : undefined
            }
          />
          <PortfolioPicker onLoad={loadPortfolio} />
        </aside>
        <div className="min-w-0 space-y-5" data-testid="figures" data-compute-ms={state.computeMs?.toFixed(2)}>
          {state.failure && (
            <Notice tone="error" title={state.failure.title} testId="fatal-error">
              <p>{state.failure.message}</p>
              <p className="mt-1">Figures are withheld: the board only sees what the validated model computes.</p>
            </Notice>
          )}
          {state.refusal && (
            <Notice
              tone="warning"
              title={`${state.refusal.name} was not loaded: ${state.refusal.totalIssues.toLocaleString('en-US')} problem(s)`}
              testId="portfolio-refused"
            >
              <p>The current portfolio stays in use. Fix these and load the file again:</p>
              <IssueList issues={state.refusal.issues} total={state.refusal.totalIssues} />
            </Notice>
          )}
          {state.status !== 'failed' &&
            (state.evaluation && shown ? (
              <Figures evaluation={state.evaluation} shown={shown} pending={state.pending} />
            ) : (
              <LoadingFigures />
            ))}
        </div>
      </main>
    </div>
  );
}

/**
 * The scenario book the KPI cards show: the engine's answer when it matches the sliders; while it is
 * on its way, and only LGD or the cut-off moved, the same figures from the last answer's ladder.
 */
function shownFigures(evaluation: ScenarioEvaluation, assumptions: Assumptions): Shown {
  const answered = ASSUMPTIONS.every((a) => evaluation.assumptions[a.id] === assumptions[a.id]);
  const quick = answered ? undefined : bookMetricsWithoutEngine(evaluation, assumptions);
  return quick ? { book: quick, assumptions } : { book: evaluation.scenario.book, assumptions: evaluation.assumptions };
}

/** The scenario figures on show and the assumptions they answer (the sliders may be a step ahead). */
interface Shown {
  book: BookMetrics;
  assumptions: Assumptions;
}

/** How long the sliders must rest, with no answer pending, before charts and tables redraw (the KPI cards never wait). */
const CHART_REST_MS = 120;

/**
 * The figures re-render only when their numbers change (not on every slider step). The KPI cards
 * show each answer at once; charts and the segment table follow when the sliders rest.
 */
const Figures = memo(function Figures({ evaluation, shown, pending }: { evaluation: ScenarioEvaluation; shown: Shown; pending: boolean }) {
  const deferred = useSettled(evaluation, CHART_REST_MS, pending);
  const { baseline } = evaluation;
  const levers = ASSUMPTIONS.map((d) => ({
    label: d.label,
    symbol: d.symbol,
    value: shown.assumptions[d.id],
    defaultValue: d.defaultValue,
    signed: d.min < 0,
  }));
  return (
    <>
      <ScenarioHeadline headline={scenarioHeadline(levers, baseline.book, shown.book)} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4 xl:gap-4" data-testid="kpis">
        {KPIS.map((k) => (
          <KpiCard
            key={k.name}
            name={k.name}
            label={k.label}
            kind={k.kind}
            higherIs={k.higherIs}
            hint={k.hint}
            baseline={baseline.book[k.metric]}
            scenario={shown.book[k.metric]}
          />
        ))}
      </div>
      <Charts evaluation={deferred} />
    </>
  );
});

const Charts = memo(function Charts({ evaluation }: { evaluation: ScenarioEvaluation }) {
  const { baseline, scenario } = evaluation;
  const byGrade = (metric: (m: typeof scenario.book) => number) =>
    scenario.segments.grade.map((seg, i) => ({
      grade: seg.label,
      baseline: metric(baseline.segments.grade[i]!.metrics),
      scenario: metric(seg.metrics),
    }));
  const current = {
    cutoff: evaluation.assumptions.cutoff,
    approvalRate: scenario.book.approvalRate,
    expectedBadRate: scenario.book.expectedBadRate,
  };
  const segments = useMemo(() => segmentRows(evaluation), [evaluation]);
  return (
    <>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard title="PD distribution" subtitle="Loans by probability of default, baseline vs scenario" testId="chart-pd-distribution">
          <PdDistributionChart buckets={evaluation.pdDistribution} />
        </ChartCard>
        <ChartCard title="Expected loss by grade" subtitle="Approved book, baseline vs scenario" testId="chart-el-by-grade">
          <GradeComparisonChart data={byGrade((m) => m.expectedLoss)} format={formatUsd} />
        </ChartCard>
        <ChartCard
          title="Approval rate vs expected bad rate"
          subtitle={`Each point a cut-off; the dot is the current cut-off (${formatPercent(evaluation.assumptions.cutoff / 100)} PD)`}
          testId="chart-cutoff-curve"
        >
          <CutoffCurveChart baseline={evaluation.cutoffCurve.baseline} scenario={evaluation.cutoffCurve.scenario} current={current} />
        </ChartCard>
        <ChartCard
          title="Return on capital by grade"
          subtitle="(Net interest income − expected loss) / IRB capital"
          testId="chart-return-by-grade"
        >
          <GradeComparisonChart data={byGrade((m) => m.riskAdjustedReturn)} format={formatPercentWhole} />
        </ChartCard>
      </div>
      <SegmentTable segments={segments} />
    </>
  );
});

const formatPercentWhole = (v: number) => `${(v * 100).toFixed(0)}%`;

function segmentRows(evaluation: ScenarioEvaluation): Record<'grade' | 'term' | 'state', SegmentRow[]> {
  const rows = (kind: 'grade' | 'term' | 'state') =>
    evaluation.scenario.segments[kind].map((seg, i) => {
      const base = evaluation.baseline.segments[kind][i]!.metrics;
      return {
        label: seg.label,
        loans: seg.metrics.approvedLoans,
        exposure: seg.metrics.exposure,
        baselinePd: base.meanPd,
        scenarioPd: seg.metrics.meanPd,
        baselineLoss: base.expectedLoss,
        scenarioLoss: seg.metrics.expectedLoss,
      };
    });
  return { grade: rows('grade'), term: rows('term'), state: rows('state') };
}

function LoadingFigures() {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4 xl:gap-4" aria-busy="true">
      {KPIS.map((k) => (
        <div key={k.name} className="h-[124px] animate-pulse rounded-xl border border-slate-200 bg-white p-4">
          <div className="h-4 w-28 rounded bg-slate-100" />
          <div className="mt-3 h-8 w-36 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

function ScenarioFootnotes({
  assumptions,
  evaluation,
  ignored,
}: {
  assumptions: Assumptions;
  evaluation?: ScenarioEvaluation;
  ignored: string[];
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(scenarioUrl(assumptions));
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="space-y-2 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600">
      <button
        type="button"
        onClick={copy}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50"
        data-testid="copy-link"
      >
        {copied ? 'Link copied' : 'Copy link to this scenario'}
      </button>
      {evaluation?.clamped.map((c) => (
        <p key={c.input} data-testid="clamp-note">
          {c.loans.toLocaleString('en-US')} loans: {c.input} held inside the model&apos;s training range ({c.range[0]}–{c.range[1]}).
        </p>
      ))}
      {ignored.length > 0 && <p className="text-amber-800">Ignored in the link: {ignored.join(' ')}</p>}
    </div>
  );
}

/** Exports follow the figures on screen, so they wait while an answer is pending. */
function ExportPanel({ onExport }: { onExport?: (format: ExportFormat) => void }) {
  const button =
    'rounded-md border border-slate-300 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:text-slate-400';
  return (
    <div className="mt-3 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600">
      <p className="font-medium text-slate-700">Export these figures</p>
      <div className="mt-1 flex gap-2">
        <button type="button" className={button} disabled={!onExport} onClick={() => onExport?.('csv')} data-testid="export-csv">
          CSV
        </button>
        <button type="button" className={button} disabled={!onExport} onClick={() => onExport?.('json')} data-testid="export-json">
          JSON
        </button>
      </div>
      <p className="mt-1">Book and segments, baseline and scenario, with the assumptions, model and data hashes.</p>
    </div>
  );
}

function PortfolioPicker({ onLoad }: { onLoad: (name: string, csvText: string) => void }) {
  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) onLoad(file.name, await file.text());
    e.target.value = '';
  };
  return (
    <div className="mt-3 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600">
      <label className="block font-medium text-slate-700" htmlFor="portfolio-file">
        Score your own loan tape (CSV)
      </label>
      <input
        id="portfolio-file"
        type="file"
        accept=".csv,text/csv"
        onChange={onChange}
        data-testid="portfolio-file"
        className="mt-1 block w-full text-xs file:mr-2 file:rounded-md file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-slate-700"
      />
      <p className="mt-1">Read in this browser only; it never leaves the device.</p>
    </div>
  );
}
