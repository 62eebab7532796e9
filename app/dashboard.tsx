import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { AssumptionSlider } from '@/components/assumption-slider';
import { ExportPanel } from '@/components/export-panel';
import { formatAssumption, formatInteger, modelLabel } from '@/components/format';
import { Header } from '@/components/header';
import { LoadingFigures } from '@/components/loading-figures';
import { IssueList, Notice } from '@/components/notice';
import { PortfolioPicker } from '@/components/portfolio-picker';
import { ModelPicker } from '@/components/model-picker';
import { ModelWizard } from '@/components/model-wizard';
import { BroughtModelPanel } from '@/components/brought-model';
import { ValidationPanel } from '@/components/validation-panel';
import { ChallengerPanel, ChallengerPicker } from '@/components/challenger-panel';
import { useSettled } from './use-settled';
import type { DraftChoices } from '@/lib/model';
import { breakingPointSeeks, type DrivenKpi, type Focus, type Seek } from '@/lib/engine';
import type { SegmentKind } from '@/lib/metrics';
import { ScenarioFootnotes } from '@/components/scenario-footnotes';
import { ScenarioLibrary } from '@/components/scenario-library';
import { LinkMismatch } from '@/components/link-mismatch';
import { PrintSummary } from '@/components/print-summary';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { ChartFormat } from '@/components/save-chart';
import { DataNotes } from '@/components/data-notes';
import { DriversPanel } from '@/components/drivers-panel';
import { GoalSeekPanel } from '@/components/goal-seek-panel';
import { scenarioHeadline } from '@/components/headline';
import { PresentationView } from '@/components/presentation-view';
import { ShortcutsHelp } from '@/components/shortcuts-help';
import { ModelPointsPanel } from '@/components/model-points-panel';
import { ModelQualityPanel } from '@/components/model-quality';
import { SettingsPanel } from '@/components/settings-panel';
import {
  ASSUMPTIONS,
  sameAssumptions,
  BASELINE_ASSUMPTIONS,
  DEFAULT_SCENARIO_SET,
  DEFAULT_SETTINGS,
  FIXED_RULES,
  REGIMES,
  SETTINGS,
  scenarioFromQuery,
  scenarioSetKey,
  settingsKey,
  type AssumptionId,
  type Assumptions,
  type RegimeId,
  type ScenarioSet,
  type Settings,
} from '@/lib/scenario';
import { EVALUATION_FAILURE_TITLE, FATAL_EXPLANATION, FATAL_TITLE, RESTART_REASON, WITHHELD_NOTE } from './engine-copy';
import { exportable, shownEvaluation, type EngineState } from './engine-state';
import { copyText } from './copy-text';
import { useExports } from './use-exports';
import { chartsDrawn, downloadChart } from './chart-image';
import { FiguresPanel, type SettleCharts } from './figures-panel';
import { DrillBanner, LoanSection } from './drill-down';
import { CompareSection } from './compare-section';
import { answersInputs, focusKey, headlineApprovals, headlineLevers, kpiCards, shownFigures } from './figures-view';
import { SHORTCUTS, usePresentation } from './use-presentation';
import { regimeChoices, settingGroups } from './settings-view';
import { KPIS, LEVER_DOCS } from './kpis';
import { useScenarioEngine, type EngineInputs } from './use-scenario-engine';
import { scenarioUrl, useScenarioUrl } from './use-scenario-url';
import { useScenarioLibrary } from './use-scenario-library';

/**
 * Up to this many loans (rows) the page works out what drove the figures, and the breaking points, on
 * its own once they rest. Above, each evaluation they need takes a few hundred milliseconds, and a
 * slider moved meanwhile would wait for one: they are worked out when the user asks.
 */
const AUTO_DRIVERS_LOANS = 50_000;

const REGIME_CHOICES = regimeChoices();

export default function Dashboard() {
  const [search] = useState(() => window.location.search);
  const [link] = useState(() => scenarioFromQuery(search));
  const [assumptions, setAssumptions] = useState<Assumptions>(link.assumptions);
  const [settings, setSettings] = useState<Settings>(link.settings);
  const [scenarioSet, setScenarioSet] = useState<ScenarioSet>(link.scenarioSet);
  /** The segment drilled into, if any: every figure is its loans' alone. */
  const [focus, setFocus] = useState<Focus | undefined>(link.focus);
  /** The loan chosen in the segment drilled into. */
  const [chosenLoan, setChosenLoan] = useState<number>();
  /** The levers' drawer, on a phone. */
  const [leversOpen, setLeversOpen] = useState(false);
  /** Bumped when the weights are reset from outside the table, so the table drops what was typed in it. */
  const [weightsVersion, setWeightsVersion] = useState(0);
  const {
    state,
    chosenTape,
    restoring,
    evaluate,
    explain,
    seek,
    compareScenarios,
    loans,
    exportLoans,
    loadPortfolio,
    loadBundledPortfolio,
    loadModel,
    remapModel,
    loadBundledModel,
    challenger,
  } = useScenarioEngine(link);
  /** The mapping wizard opened on the brought model in use. */
  const [adjusting, setAdjusting] = useState(false);

  // The latest inputs, read by stable callbacks so that sliders re-render only when their own value moves.
  const current = useRef<EngineInputs>(link);
  const ask = useCallback(
    (next: EngineInputs) => {
      current.current = next;
      setAssumptions(next.assumptions);
      setSettings(next.settings);
      setScenarioSet(next.scenarioSet);
      setFocus(next.focus);
      evaluate(next);
    },
    [evaluate],
  );
  /** The figures panel's way of bringing its charts up to the figures on show, for an export that draws them. */
  const settleCharts = useRef<SettleCharts | null>(null);
  /** What a saved chart says it rests on: read when saved, so the callback stays the same while the sliders move. */
  const chartSource = useRef('');
  const saveChart = useCallback(
    (card: HTMLElement, words: { title: string; subtitle: string }, format: ChartFormat) =>
      void (async () => {
        // The chart may be held at an older scenario (it was off screen, or has just come on): brought up to date first.
        settleCharts.current?.();
        await chartsDrawn();
        await downloadChart(card, { ...words, source: chartSource.current }, format);
      })().catch((e: unknown) => window.alert(String(e))),
    [],
  );
  const drill = useCallback(
    (kind: SegmentKind, label: string) => {
      setChosenLoan(undefined);
      ask({ ...current.current, focus: { kind, label } });
    },
    [ask],
  );
  const wholeBook = useCallback(() => {
    const { focus: _focus, ...rest } = current.current;
    setChosenLoan(undefined);
    ask(rest);
  }, [ask]);
  const update = useCallback((next: Assumptions) => ask({ ...current.current, assumptions: next }), [ask]);
  const setSetting = useCallback(
    (id: string, value: number | RegimeId) => ask({ ...current.current, settings: { ...current.current.settings, [id]: value } }),
    [ask],
  );
  const setWeights = useCallback(
    (weights: number[]) =>
      ask({ ...current.current, scenarioSet: current.current.scenarioSet.map((s, k) => ({ ...s, weight: weights[k] ?? s.weight })) }),
    [ask],
  );
  const setOne = useCallback(
    (id: AssumptionId, value: number) => {
      if (current.current.assumptions[id] !== value) update({ ...current.current.assumptions, [id]: value });
    },
    [update],
  );
  // The panels beside the sliders are memoised and given stable callbacks: a slider step re-renders none of them.
  const setRegime = useCallback((id: string) => setSetting('regime', id as RegimeId), [setSetting]);
  const resetSettings = useCallback(() => {
    setWeightsVersion((v) => v + 1);
    ask({ ...current.current, settings: DEFAULT_SETTINGS, scenarioSet: DEFAULT_SCENARIO_SET });
  }, [ask]);
  const chooseModel = useCallback((files: File[]) => void loadModel(files), [loadModel]);
  const chooseChallenger = useCallback((files: File[]) => void challenger.load(files), [challenger]);
  const changedCount = ASSUMPTIONS.filter((a) => assumptions[a.id] !== a.defaultValue).length;
  const changed = changedCount > 0;
  const portfolio = state.status === 'ready' ? state.portfolio : undefined;
  const tape = useMemo(() => portfolio && { name: portfolio.name, sha256: portfolio.sha256 }, [portfolio]);
  const library = useScenarioLibrary({ view: { assumptions, settings, scenarioSet }, link, search, tape, onView: ask });
  const named = library.active && changed ? library.active : undefined;
  const tapeSha256 = state.status === 'ready' ? state.portfolio.sha256 : undefined;
  const modelSha256 = state.status === 'ready' ? state.model.sha256 : undefined;
  // One object while its parts stand: the print summary is rebuilt only when the link changes.
  const linkContext = useMemo(
    () => ({
      // The baseline needs no name: a link to it stays short.
      ...(named ? { scenario: named } : {}),
      ...(focus ? { focus } : {}),
      ...(tapeSha256 && modelSha256 ? { tapeSha256, modelSha256 } : {}),
    }),
    [named, focus, tapeSha256, modelSha256],
  );
  useScenarioUrl(assumptions, settings, scenarioSet, linkContext);
  /** The link to the view as it stands, read when copied (the button's callback stays the same as the sliders move). */
  const linkNow = useRef<() => string>(() => '');
  linkNow.current = () => scenarioUrl(assumptions, settings, scenarioSet, linkContext);
  const copyLink = useCallback(() => copyText(linkNow.current()), []);
  // On paper only: it follows the sliders in a deferred render, never inside a key press's frame.
  const printed = useDeferredValue(useMemo(() => ({ assumptions, settings, scenarioSet }), [assumptions, settings, scenarioSet]));
  const printedModel = state.status === 'ready' ? state.model : undefined;
  const printedTape = state.status === 'ready' ? state.portfolio : undefined;
  const printSummary = useMemo(
    () =>
      printedModel &&
      printedTape && (
        <PrintSummary
          levers={ASSUMPTIONS.map((d) => ({
            label: d.label,
            value: formatAssumption(printed.assumptions[d.id], d.symbol, d.min < 0),
            moved: printed.assumptions[d.id] !== d.defaultValue,
          }))}
          settings={[
            `Regime: ${REGIMES[printed.settings.regime].label}`,
            ...SETTINGS.filter((d) => printed.settings[d.id] !== d.defaultValue).map(
              (d) => `${d.label}: ${printed.settings[d.id]} ${d.unit}`,
            ),
          ]}
          weights={printed.scenarioSet.map((sc) => `${sc.name} ${sc.weight}%`).join(', ')}
          model={{ name: modelLabel(printedModel), sha256: printedModel.sha256, cardSha256: printedModel.cardSha256 }}
          tape={{ name: printedTape.name, loans: printedTape.loans, sha256: printedTape.sha256 }}
          link={scenarioUrl(printed.assumptions, printed.settings, printed.scenarioSet, linkContext)}
        />
      ),
    [printed, linkContext, printedModel, printedTape],
  );
  /** A segment the link drilled into that the tape does not have: said with the link's other ignored parts. */
  const [focusProblem, setFocusProblem] = useState<string>();
  const ignored = useMemo(
    () => [...link.ignored, ...library.linkProblems, ...(focusProblem ? [focusProblem] : [])],
    [link.ignored, library.linkProblems, focusProblem],
  );

  const evaluation = shownEvaluation(state);
  chartSource.current =
    state.status === 'ready'
      ? `Riskdial · ${modelLabel(state.model)} (SHA-256 ${state.model.sha256.slice(0, 12)}) · ${state.portfolio.name} (SHA-256 ${state.portfolio.sha256.slice(0, 12)})` +
        ` · ${
          ASSUMPTIONS.filter((a) => assumptions[a.id] !== a.defaultValue)
            .map((a) => `${a.label} ${formatAssumption(assumptions[a.id], a.symbol, a.min < 0)}`)
            .join(', ') || 'baseline'
        }${focus ? ` · ${focus.kind} ${focus.label} only` : ''} · ${new Date().toISOString().slice(0, 10)}`
      : '';
  const unknownFocus = evaluation?.unknownFocus;
  useEffect(() => {
    if (!unknownFocus || focusKey(unknownFocus) !== focusKey(current.current.focus)) return;
    setFocusProblem(
      `focus=${unknownFocus.kind}:${unknownFocus.label}: this tape has no such ${unknownFocus.kind}; the whole book is shown.`,
    );
    wholeBook();
  }, [unknownFocus, wholeBook]);
  const shown = useMemo(() => evaluation && shownFigures(evaluation, assumptions), [evaluation, assumptions]);
  const view = exportable(state);
  const exports = useExports({
    view,
    ...(library.active ? { scenarioName: library.active } : {}),
    link: () => linkNow.current(),
    chartSource: () => chartSource.current,
    settleCharts: () => settleCharts.current?.(),
    exportLoans,
  });
  const pending = state.status !== 'failed' && state.pending;
  const preview = state.status === 'ready' && state.figures.kind === 'shown' ? state.figures.preview : undefined;
  const settingsChanged = settingsKey(settings) !== settingsKey(DEFAULT_SETTINGS);
  const shownSettings = useMemo(() => settingGroups(settings), [settings]);
  const withheld = state.status === 'failed' || (state.status === 'ready' && state.figures.kind === 'withheld');
  const presentation = usePresentation({
    onReset: () => update(BASELINE_ASSUMPTIONS),
    onScenario: (k) => {
      const preset = scenarioSet[k];
      if (preset) update(preset.assumptions);
    },
  });
  const [presentedKpis, setPresentedKpis] = useState<string[]>(['expected-loss', 'ifrs9-ecl', 'capital', 'return-on-capital']);
  const [presentedLevers, setPresentedLevers] = useState<AssumptionId[]>(['income-shock', 'rate-shock', 'unemployment-change', 'lgd']);
  const model = state.status === 'ready' ? state.model : undefined;
  const brought = model?.origin === 'brought' ? model : undefined;
  const inert = useMemo(() => new Set(model?.inertLevers ?? []), [model]);
  const cardDownload = useMemo(() => model && { fileName: `${model.name}.card.json`, json: model.cardJson }, [model]);
  // The challenger is compared once the figures have rested: a second model's run never stands between a key press and its KPI.
  const challengerSha = state.status === 'ready' ? state.challenger?.model.sha256 : undefined;
  const { settled: settledEvaluation } = useSettled(evaluation, 300, pending);
  useEffect(() => {
    if (challengerSha && settledEvaluation) challenger.compare(settledEvaluation);
  }, [challengerSha, settledEvaluation, challenger]);
  // What drove the figures is asked once they rest too; on a big book only when the user asks (up to 8 model runs).
  const [tornadoKpi, setTornadoKpi] = useState<DrivenKpi>('expectedLoss');
  const rows = state.status === 'ready' ? (state.portfolio.modelPoints?.rows ?? state.portfolio.loans) : 0;
  const autoDrivers = rows <= AUTO_DRIVERS_LOANS;
  useEffect(() => {
    if (autoDrivers && settledEvaluation) explain(settledEvaluation, tornadoKpi);
  }, [autoDrivers, settledEvaluation, tornadoKpi, explain]);
  const driversAnswer = state.status === 'ready' ? state.drivers : undefined;
  // Breaking points and the user's own goal seek, asked likewise once the figures rest.
  const [eclLimit, setEclLimit] = useState<number | undefined>();
  const [userSeek, setUserSeek] = useState<Seek | undefined>();
  const breakingPoints = useMemo(() => breakingPointSeeks(settings, eclLimit), [settings, eclLimit]);
  const askSeeks = useCallback(
    (inputs: NonNullable<typeof settledEvaluation>, own = userSeek) => seek(inputs, [...breakingPoints, ...(own ? [own] : [])]),
    [seek, breakingPoints, userSeek],
  );
  useEffect(() => {
    if (autoDrivers && settledEvaluation) askSeeks(settledEvaluation);
  }, [autoDrivers, settledEvaluation, askSeeks]);
  const seekAnswer = state.status === 'ready' ? state.seek : undefined;
  // The drilled segment's largest loans, and the one chosen, once the figures rest.
  useEffect(() => {
    if (settledEvaluation?.focus) loans(settledEvaluation, settledEvaluation.focus, chosenLoan);
  }, [settledEvaluation, chosenLoan, loans]);
  const onSeek = useCallback(
    (s: Seek) => {
      setUserSeek(s); // asked again once set (on a big book, here: nothing is asked on its own there)
      if (!autoDrivers && settledEvaluation) askSeeks(settledEvaluation, s);
    },
    [autoDrivers, settledEvaluation, askSeeks],
  );

  return (
    <div className="min-h-screen">
      <Header
        model={state.status === 'ready' ? state.model : undefined}
        portfolio={state.status === 'ready' ? state.portfolio : undefined}
        status={state.status}
        recovering={state.status === 'loading' && state.recovering !== undefined}
        pending={pending}
        onPresent={presentation.present}
        onShortcuts={() => presentation.setHelpOpen(true)}
      />
      {presentation.presenting && shown && (
        <PresentationView
          headline={scenarioHeadline(
            headlineLevers(shown.assumptions),
            shown.figures.baseline.book,
            shown.figures.scenario.book,
            headlineApprovals(shown.figures),
          )}
          cards={kpiCards(shown.figures.baseline.book, shown.figures.scenario.book)}
          chosenKpis={presentedKpis}
          onChooseKpis={setPresentedKpis}
          levers={ASSUMPTIONS}
          values={assumptions}
          chosenLevers={presentedLevers}
          onChooseLevers={setPresentedLevers}
          onLever={setOne}
          pending={pending}
          onExit={presentation.leave}
        />
      )}
      {presentation.helpOpen && <ShortcutsHelp shortcuts={SHORTCUTS} onClose={() => presentation.setHelpOpen(false)} />}
      <main className="mx-auto grid max-w-[1880px] grid-cols-1 gap-5 px-3 pt-5 pb-24 sm:px-5 md:pb-5 md:grid-cols-[272px_minmax(0,1fr)] xl:grid-cols-[300px_minmax(0,1fr)] print:block print:p-0">
        {/* On a phone the levers live in a drawer over the figures: opened by the button at the foot of the screen. */}
        {leversOpen && (
          <div className="fixed inset-0 z-30 bg-slate-900/40 md:hidden" aria-hidden="true" onClick={() => setLeversOpen(false)} />
        )}
        <Card
          id="levers"
          className={`self-start py-3 print:hidden lg:sticky lg:top-4 max-md:fixed max-md:inset-y-0 max-md:h-dvh max-md:left-0 max-md:z-40 max-md:w-[88%] max-md:max-w-sm max-md:overflow-y-auto max-md:rounded-none max-md:transition-transform ${
            leversOpen ? 'max-md:translate-x-0' : 'max-md:invisible max-md:-translate-x-full'
          }`}
          aria-label="Assumptions"
          data-testid="levers"
          onKeyDown={(e) => e.key === 'Escape' && leversOpen && setLeversOpen(false)}
        >
          <div className="flex items-center justify-between px-4 pb-1">
            <h2 className="text-base font-semibold">Assumptions</h2>
            <span className="flex items-center gap-1">
              <Button variant="quiet" onClick={() => update(BASELINE_ASSUMPTIONS)} disabled={!changed} data-testid="reset-all">
                Reset all
              </Button>
              <Button variant="quiet" className="md:hidden" onClick={() => setLeversOpen(false)} data-testid="levers-close">
                Done
              </Button>
            </span>
          </div>
          <fieldset className="px-1 disabled:opacity-50" disabled={state.status === 'failed'}>
            {ASSUMPTIONS.map((d) => (
              <AssumptionSlider
                key={d.id}
                definition={d}
                value={assumptions[d.id]}
                onChange={setOne}
                inert={inert.has(d.id)}
                doc={LEVER_DOCS[d.id]}
              />
            ))}
          </fieldset>
          <ScenarioLibrary {...library.props} />
          <ScenarioFootnotes onCopyLink={copyLink} ignored={ignored} />
          <ExportPanel {...exports} />
          <PortfolioPicker onChoose={loadPortfolio} chosenTape={chosenTape} onUseBundled={loadBundledPortfolio} />
          <ModelPicker
            onChoose={chooseModel}
            broughtModel={brought ? brought.name : null}
            onUseBundled={loadBundledModel}
            cardDownload={cardDownload}
          />
          <div className="px-4 text-xs text-slate-600">
            <ChallengerPicker onChoose={chooseChallenger} />
          </div>
          {state.status === 'ready' && <DataNotes notes={state.portfolio.notes} clamped={evaluation?.clamped ?? []} />}
        </Card>
        <div
          className="order-first min-w-0 space-y-5 md:order-none"
          data-testid="figures"
          data-compute-ms={state.status === 'ready' && state.figures.kind === 'shown' ? state.figures.computeMs.toFixed(2) : undefined}
          data-preview={preview !== undefined}
        >
          <EngineNotices state={state} />
          {state.status === 'ready' && !restoring && link.madeOn && (
            <LinkMismatch madeOn={link.madeOn} tape={state.portfolio} model={state.model} scenario={link.scenarioName} />
          )}
          {state.status === 'ready' && state.portfolio.modelPoints && (
            <ModelPointsPanel
              rows={state.portfolio.modelPoints.rows}
              loans={state.portfolio.loans}
              {...(state.portfolio.modelPoints.report ? { report: state.portfolio.modelPoints.report } : {})}
              modelSha256={state.model.sha256}
            />
          )}
          <ModelNotices
            state={state}
            adjusting={adjusting}
            onApply={(choices, referenceColumn) => {
              setAdjusting(false);
              remapModel(choices, referenceColumn);
            }}
            onCancel={() => setAdjusting(false)}
          />
          {!withheld && focus && (
            <DrillBanner
              focus={focus}
              loans={evaluation?.focus && focusKey(evaluation.focus) === focusKey(focus) ? evaluation.focus.loans : undefined}
              bookLoans={state.status === 'ready' ? state.portfolio.loans : undefined}
              onWholeBook={wholeBook}
            />
          )}
          {!withheld &&
            (evaluation && shown ? (
              <FiguresPanel
                evaluation={evaluation}
                shown={shown}
                stale={pending && !answersInputs(shown, assumptions, settings, scenarioSet, focus)}
                pending={pending}
                preview={preview}
                onWeights={setWeights}
                weightsVersion={weightsVersion}
                onExplore={update}
                onDrill={drill}
                onSaveChart={saveChart}
                settleCharts={settleCharts}
              />
            ) : (
              <LoadingFigures cards={KPIS.length} />
            ))}
          {/* The board's page in print is the figures, the assumptions and the provenance: the tools around them stay on screen. */}
          <div className="paint-near-screen-each space-y-5 print:hidden">
            {!withheld && evaluation && focus && (
              <LoanSection
                focus={focus}
                answer={state.status === 'ready' ? state.loans : undefined}
                assumptions={assumptions}
                chosen={chosenLoan}
                onChoose={setChosenLoan}
              />
            )}
            {!withheld && evaluation && (
              <CompareSection
                {...(settledEvaluation ? { settled: settledEvaluation } : {})}
                sliders={assumptions}
                scenarioSet={scenarioSet}
                named={library.named}
                {...(state.status === 'ready' && state.scenarios ? { answer: state.scenarios } : {})}
                auto={autoDrivers}
                onCompare={compareScenarios}
                onSave={saveChart}
              />
            )}
            {!withheld && evaluation && (
              <GoalSeekPanel
                levers={ASSUMPTIONS}
                breakingPoints={breakingPoints}
                {...(userSeek ? { seek: userSeek } : {})}
                {...(seekAnswer && 'answers' in seekAnswer ? { answers: seekAnswer.answers } : {})}
                {...(seekAnswer && 'failed' in seekAnswer ? { failed: seekAnswer.failed } : {})}
                stale={!seekAnswer || !sameAssumptions(seekAnswer.assumptions, assumptions)}
                {...(!autoDrivers && settledEvaluation ? { onAsk: () => askSeeks(settledEvaluation) } : {})}
                {...(eclLimit !== undefined ? { eclLimit } : {})}
                onEclLimit={setEclLimit}
                onSeek={onSeek}
                onApply={setOne}
              />
            )}
            {!withheld && evaluation && (
              <DriversPanel
                levers={ASSUMPTIONS}
                {...(driversAnswer && 'drivers' in driversAnswer ? { drivers: driversAnswer.drivers } : {})}
                {...(driversAnswer && 'failed' in driversAnswer ? { failed: driversAnswer.failed } : {})}
                stale={
                  !driversAnswer ||
                  !sameAssumptions(driversAnswer.assumptions, assumptions) ||
                  ('drivers' in driversAnswer && driversAnswer.drivers.tornado.kpi !== tornadoKpi)
                }
                {...(!autoDrivers && settledEvaluation ? { onAsk: () => explain(settledEvaluation, tornadoKpi) } : {})}
                tornadoKpi={tornadoKpi}
                onTornadoKpi={setTornadoKpi}
                onSave={saveChart}
              />
            )}
            <SettingsPanel
              groups={shownSettings}
              regimes={REGIME_CHOICES}
              regime={settings.regime}
              fixedRules={FIXED_RULES}
              onChange={setSetting}
              onRegime={setRegime}
              onReset={resetSettings}
              changed={settingsChanged || scenarioSetKey(scenarioSet) !== scenarioSetKey(DEFAULT_SCENARIO_SET)}
            />
            {brought && (
              <BroughtModelPanel
                name={brought.name}
                sha256={brought.sha256}
                referenceSource={brought.referenceSource}
                selfTestRows={brought.selfTest.rows}
                mappings={brought.drafted?.mappings}
                defaultClass={brought.drafted?.defaultClass}
                book={brought.drafted?.book}
                inertLevers={brought.inertLevers.map((id) => ASSUMPTIONS.find((a) => a.id === id)?.label ?? id)}
                onAdjust={brought.drafted?.graph && !adjusting ? () => setAdjusting(true) : undefined}
              />
            )}
            {state.status === 'ready' && state.challengerProblem && (
              <Notice
                tone="warning"
                title={`${state.challengerProblem.modelName ?? 'The challenger'} is not compared`}
                testId="challenger-refused"
              >
                <IssueList
                  issues={state.challengerProblem.problems.map((message) => ({ message }))}
                  total={state.challengerProblem.problems.length}
                />
              </Notice>
            )}
            {state.status === 'ready' && state.challenger && (
              <ChallengerPanel
                challengerName={state.challenger.model.name}
                comparison={state.challenger.comparison}
                onSwap={challenger.swap}
                onRemove={challenger.remove}
              />
            )}
            {state.status === 'ready' && evaluation?.validation && (
              <ValidationPanel
                validation={evaluation.validation}
                tapeName={state.portfolio.name}
                inSample={state.portfolio.sha256 === state.model.trainingDataSha256}
              />
            )}
            {state.status === 'ready' && <ModelQualityPanel name={modelLabel(state.model)} quality={state.model.quality} />}
          </div>
          {printSummary}
        </div>
      </main>
      <button
        type="button"
        onClick={() => setLeversOpen(true)}
        aria-expanded={leversOpen}
        aria-controls="levers"
        className={`fixed bottom-4 left-1/2 z-20 -translate-x-1/2 whitespace-nowrap rounded-full bg-indigo-700 px-5 py-3 text-base font-semibold text-white shadow-lg md:hidden print:hidden ${leversOpen ? 'invisible' : ''}`}
        data-testid="levers-open"
      >
        Assumptions{changedCount > 0 ? ` (${changedCount} moved)` : ''}
      </button>
    </div>
  );
}

/** What stops figures from showing, what the engine noticed in a tape, or a file the user chose that was refused. */
function EngineNotices({ state }: { state: EngineState }) {
  if (state.status === 'failed') {
    return (
      <Notice tone="error" title={FATAL_TITLE[state.reason]} testId="fatal-error">
        {state.message && <p>{state.message}</p>}
        {FATAL_EXPLANATION[state.reason] && <p className="mt-1">{FATAL_EXPLANATION[state.reason]}</p>}
        <p className="mt-1">{WITHHELD_NOTE}</p>
      </Notice>
    );
  }
  const ready = state.status === 'ready' ? state : undefined;
  const misnamed = ready?.portfolio.notes.absentColumns.filter((a) => a.suggestion) ?? [];
  return (
    <>
      {state.status === 'loading' && state.recovering && (
        <Notice tone="warning" title="The engine stopped and is being restarted" testId="engine-restarting">
          <p>
            {RESTART_REASON[state.recovering.reason]} {state.recovering.detail} The model is verified again and the figures recomputed;
            nothing is shown until then.
          </p>
        </Notice>
      )}
      {ready && misnamed.length > 0 && (
        <Notice
          tone="warning"
          title={`${ready.portfolio.name}: ${misnamed.length} column(s) not found under their expected name`}
          testId="columns-misnamed"
        >
          <ul className="list-disc pl-5">
            {misnamed.map((a) => (
              <li key={a.column}>
                No &ldquo;{a.column}&rdquo; column ({a.description}); the file has &ldquo;{a.suggestion}&rdquo;, which is not used. Rename
                it and load the file again.
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {ready?.figures.kind === 'withheld' && (
        <Notice tone="error" title={EVALUATION_FAILURE_TITLE[ready.figures.reason]} testId="evaluation-failed">
          <p>{ready.figures.message}</p>
          <p className="mt-1">{WITHHELD_NOTE}</p>
        </Notice>
      )}
      {state.refusal && (
        <Notice
          tone="warning"
          title={`${state.refusal.name} was not loaded: ${formatInteger(state.refusal.totalIssues)} problem(s)`}
          testId="portfolio-refused"
        >
          <p>
            The current portfolio stays in use. Fix these and load the file again; or, if the tape is for another model, load that model
            next: it is matched to this tape.
          </p>
          <IssueList issues={state.refusal.issues} total={state.refusal.totalIssues} />
        </Notice>
      )}
    </>
  );
}

/** A brought model that needs the user: refused (and why), or opened to adjust its mapping. */
function ModelNotices({
  state,
  adjusting,
  onApply,
  onCancel,
}: {
  state: EngineState;
  adjusting: boolean;
  onApply: (choices: DraftChoices, referenceColumn?: string) => void;
  onCancel: () => void;
}) {
  if (state.status === 'failed') return null;
  const refusal = state.modelRefusal;
  const model = state.status === 'ready' && state.model.origin === 'brought' ? state.model : undefined;
  const drafted = model?.drafted;
  return (
    <>
      {refusal && (
        <Notice tone="warning" title={`${refusal.modelName} was not loaded`} testId="model-refused">
          <p>The current model stays in use.</p>
          <IssueList issues={refusal.problems.map((message) => ({ message }))} total={refusal.problems.length} />
        </Notice>
      )}
      {refusal?.graph && (
        <ModelWizard
          key={refusal.modelName}
          modelName={refusal.modelName}
          problems={[]}
          graph={refusal.graph}
          columns={refusal.columns}
          mappings={refusal.mappings}
          defaultClass={refusal.defaultClass}
          book={refusal.book ?? {}}
          initial={{}}
          onApply={onApply}
        />
      )}
      {!refusal && adjusting && drafted?.graph && model && (
        <ModelWizard
          key={model.sha256}
          modelName={model.name}
          problems={[]}
          graph={drafted.graph}
          columns={drafted.columns}
          mappings={drafted.mappings}
          defaultClass={drafted.defaultClass}
          book={drafted.book}
          initial={drafted.choices}
          onApply={onApply}
          onCancel={onCancel}
        />
      )}
    </>
  );
}
