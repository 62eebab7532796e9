import { del, get, set } from 'idb-keyval';
import { startTransition, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { fileIssue, tooLargeForBrowser } from '@/lib/portfolio';
import type { Assumptions, ScenarioSet, Settings } from '@/lib/scenario';

/** What the page asks the engine: the levers, the fixed assumptions and the weighted scenario set. */
export interface EngineInputs {
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
  /** A segment drilled into: every figure for its loans alone. */
  focus?: Focus;
}
import type { DraftChoices } from '@/lib/model';
import type { ComparedScenario, DrivenKpi, Focus, LoanLevelResult, ScenarioEvaluation, Seek } from '@/lib/engine';
import { EngineClient, type ChosenModel, type ChosenTape, type ExportLoansResult, type Prepared } from '@/lib/worker';
import { INITIAL_ENGINE_STATE, nextEngineState, type EngineEvent } from './engine-state';
import { answersInputs, kpisOnScreen } from './figures-view';
import { engineInit, engineWorker } from './engine-worker';

/** Where the tape and the model the user chose are kept in this browser, so that a reload scores them again. */
const STORED_TAPE_KEY = 'riskdial:chosen-tape';
const STORED_MODEL_KEY = 'riskdial:chosen-model';

/** IndexedDB may be off (a private window, a locked-down browser): the tape is then not kept, and nothing else changes. */
const kept = <T>(key: string) => ({
  read: () => get<T>(key).catch(() => undefined),
  write: (value: T | null) => (value ? set(key, value) : del(key)).catch(() => undefined),
});
const stored = kept<ChosenTape | LegacyKeptTape>(STORED_TAPE_KEY);

/** How a tape was kept before it was kept as its file: its bytes. */
interface LegacyKeptTape {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

const asChosenTape = (tape: ChosenTape | LegacyKeptTape): ChosenTape =>
  'file' in tape ? tape : { name: tape.name, file: new Blob([tape.bytes]) };
const storedModel = kept<ChosenModel>(STORED_MODEL_KEY);

/** A model file and, where the user has one, its card: told apart by name (.onnx, .json). */
async function chosenModel(files: readonly File[]): Promise<ChosenModel | string> {
  const model = files.find((f) => /\.onnx$/i.test(f.name));
  const card = files.find((f) => /\.json$/i.test(f.name));
  if (!model)
    return `No model file among ${files.map((f) => f.name).join(', ')}: choose an .onnx file (and, if you have it, its model card .json).`;
  return {
    modelName: model.name,
    modelBytes: new Uint8Array(await model.arrayBuffer()),
    ...(card ? { card: { name: card.name, bytes: new Uint8Array(await card.arrayBuffer()) } } : {}),
  };
}

/** Figures worked out ahead that the page keeps: a step either side of four model levers, and two steps ahead. */
const PREPARED_KEPT = 12;

/** The worker's answers that are not the figures asked for: the model's evidence, drivers, goal seeks, loans, comparisons. */
const BACKGROUND_ANSWERS = new Set<EngineEvent['type']>(['validation', 'drivers', 'goal-seek', 'loans', 'compare-scenarios', 'comparison']);

/** Owns the engine worker for the page's lifetime; `evaluate` may be called on every slider step. */
export function useScenarioEngine(initial: EngineInputs) {
  const [state, dispatch] = useReducer(nextEngineState, INITIAL_ENGINE_STATE);
  /** The name of the user's tape in use, or null while the deployment's own is. */
  const [chosenTape, setChosenTape] = useState<string | null>(null);
  /** True until the tape kept from before is read back and adopted (or refused): the tape on show may still change on its own. */
  const [restoring, setRestoring] = useState(true);
  /** The model the user brought, kept to send again with the wizard's choices. */
  const brought = useRef<ChosenModel | null>(null);
  /** The last tape sent and not (yet) adopted: one the model in use refused is matched to a model brought next. */
  const unadopted = useRef<ChosenTape | null>(null);
  const client = useRef<EngineClient | null>(null);
  const latest = useRef(initial);
  /** The figures on show, as last rendered. */
  const shown = useRef<{ evaluation: ScenarioEvaluation; preview?: unknown } | undefined>(undefined);
  useEffect(() => {
    shown.current = state.status === 'ready' && state.figures.kind === 'shown' ? state.figures : undefined;
  });
  /** Files are read asynchronously; only the last one chosen goes on (a large file chosen first must not win). */
  const choice = useRef(0);
  /** The figures the worker worked out ahead (a stepped lever's next steps, a step either side of each model lever), the latest last. */
  const prepared = useRef<Prepared[]>([]);
  /** The export waiting for every loan's figures: a newer ask replaces it (the client answers only the latest). */
  const loanExport = useRef<{ resolve: (loans: LoanLevelResult) => void; reject: (e: Error) => void } | null>(null);
  const answerExport = (message: ExportLoansResult) => {
    const waiting = loanExport.current;
    loanExport.current = null;
    if ('failed' in message) waiting?.reject(new Error(message.failed));
    else waiting?.resolve(message.loans);
  };

  useEffect(() => {
    const c = new EngineClient(engineWorker, engineInit(), {
      onMessage: (message) => {
        if (message.type === 'export-loans') return answerExport(message);
        // Kept, not shown: figures worked out ahead are shown only if the sliders come to them (evaluate).
        if (message.type === 'prepared') return void (prepared.current = [...prepared.current, message].slice(-PREPARED_KEPT));
        if (message.type === 'ready') prepared.current = [];
        // A worker that died took the export's request with it: the export says so instead of waiting for ever.
        if (message.type === 'restarting' || message.type === 'fatal') {
          loanExport.current?.reject(new Error('The engine restarted before every loan’s figures were ready; export again.'));
          loanExport.current = null;
        }
        if (message.type === 'portfolio-refused') setRestoring(false);
        // Answers worked out while idle redraw panels below the figures (tables, charts): rendered as a
        // transition, which a key press interrupts, so a slider never waits for them.
        // So is an answer whose KPIs the key press's own render showed (worked out ahead, or LGD and the
        // cut-off read off the last answer's sums): rendered urgently, it held up the frame that paints them.
        const onScreen = message.type === 'result' && kpisOnScreen(shown.current, message, latest.current.assumptions);
        if (BACKGROUND_ANSWERS.has(message.type) || onScreen) startTransition(() => dispatch(message));
        else dispatch(message);
      },
      onPendingChange: (pending) => dispatch({ type: 'pending', pending }),
      onTapeAdopted: (tape) => {
        unadopted.current = null;
        setRestoring(false);
        setChosenTape(tape?.name ?? null);
        void stored.write(tape);
      },
      onModelAdopted: (model) => void storedModel.write(model),
    });
    client.current = c;
    c.evaluate(latest.current.assumptions, latest.current.settings, latest.current.scenarioSet, latest.current.focus);
    const restoringChoice = choice.current;
    void Promise.all([stored.read(), storedModel.read()]).then(([tape, model]) => {
      // A file chosen meanwhile wins over the one kept from before; the model follows the tape it was matched to.
      if (choice.current !== restoringChoice || client.current !== c) return setRestoring(false);
      if (tape) c.loadPortfolio(asChosenTape(tape));
      else setRestoring(false);
      if (model) {
        brought.current = model;
        c.loadModel(model);
      }
    });
    return () => {
      client.current = null;
      c.terminate();
    };
  }, []);

  const evaluate = useCallback((inputs: EngineInputs) => {
    latest.current = inputs;
    // Levers the worker worked out ahead: their figures show in this key press's own render; the answer follows.
    const ahead = prepared.current.findLast(({ evaluation: figures }) =>
      answersInputs(
        { figures, assumptions: figures.assumptions, settings: figures.settings, scenarioSet: figures.scenarioSet, focus: '' },
        inputs.assumptions,
        inputs.settings,
        inputs.scenarioSet,
        inputs.focus,
      ),
    );
    if (ahead) dispatch(ahead);
    client.current?.evaluate(inputs.assumptions, inputs.settings, inputs.scenarioSet, inputs.focus);
  }, []);

  const loadPortfolio = useCallback((file: File) => {
    // A tape kept from before, still being read back, does not replace this one.
    ++choice.current;
    const tooLarge = tooLargeForBrowser(file.name, file.size);
    if (tooLarge) {
      dispatch({
        type: 'portfolio-refused',
        name: file.name,
        issues: [fileIssue(tooLarge)],
        totalIssues: 1,
      });
      return;
    }
    // The file goes to the worker as it is: read there, never on this thread.
    const tape = { name: file.name, file };
    unadopted.current = tape;
    client.current?.loadPortfolio(tape);
  }, []);

  const loadBundledPortfolio = useCallback(() => {
    ++choice.current;
    unadopted.current = null;
    client.current?.loadBundledPortfolio();
  }, []);

  const loadModel = useCallback(async (files: readonly File[]) => {
    const mine = ++choice.current;
    const model = await chosenModel(files);
    if (typeof model === 'string') {
      dispatch({ type: 'model-refused', modelName: files[0]?.name ?? 'the file', problems: [model], columns: [], mappings: [] });
      return;
    }
    if (mine !== choice.current) return;
    brought.current = model;
    client.current?.loadModel({ ...model, ...(unadopted.current ? { tape: unadopted.current } : {}) });
  }, []);

  /** The brought model again, matched to the tape the way the user chose in the wizard. */
  const remapModel = useCallback((choices: DraftChoices, referenceColumn?: string) => {
    const model = brought.current;
    if (!model) return;
    ++choice.current;
    const { card: _card, ...withoutCard } = model;
    brought.current = { ...withoutCard, choices, ...(referenceColumn ? { referenceColumn } : {}) };
    client.current?.loadModel({ ...brought.current, ...(unadopted.current ? { tape: unadopted.current } : {}) });
  }, []);

  const loadBundledModel = useCallback(() => {
    ++choice.current;
    brought.current = null;
    client.current?.loadBundledModel();
  }, []);

  const loadChallenger = useCallback(async (files: readonly File[]) => {
    const model = await chosenModel(files);
    if (typeof model === 'string') {
      dispatch({ type: 'challenger-gone', modelName: files[0]?.name ?? 'the file', problems: [model] });
      return;
    }
    client.current?.loadChallenger(model);
  }, []);
  const removeChallenger = useCallback(() => client.current?.removeChallenger(), []);
  const swapChallenger = useCallback(() => client.current?.swapChallenger(), []);
  const compare = useCallback(
    (inputs: EngineInputs) => client.current?.compare(inputs.assumptions, inputs.settings, inputs.scenarioSet),
    [],
  );

  const explain = useCallback(
    (inputs: EngineInputs, kpi: DrivenKpi) => client.current?.explain(inputs.assumptions, inputs.settings, inputs.scenarioSet, kpi),
    [],
  );

  const seek = useCallback((inputs: EngineInputs, seeks: Seek[]) => client.current?.seek(inputs.assumptions, inputs.settings, seeks), []);

  const loans = useCallback(
    (inputs: Pick<EngineInputs, 'assumptions' | 'settings'>, focus: Focus | undefined, loan?: number) =>
      client.current?.loans(inputs.assumptions, inputs.settings, focus, loan),
    [],
  );

  /** Every loan's figures under these levers, for an export (the worker computes them when idle). */
  const exportLoans = useCallback(
    (inputs: Pick<EngineInputs, 'assumptions' | 'settings'>) =>
      new Promise<LoanLevelResult>((resolve, reject) => {
        loanExport.current?.reject(new Error('A newer export was asked for.'));
        loanExport.current = { resolve, reject };
        if (!client.current) return reject(new Error('The engine is not running.'));
        client.current.exportLoans(inputs.assumptions, inputs.settings);
      }),
    [],
  );

  const compareScenarios = useCallback(
    (scenarios: ComparedScenario[], inputs: Pick<EngineInputs, 'settings' | 'scenarioSet'>) =>
      client.current?.compareScenarios(scenarios, inputs.settings, inputs.scenarioSet),
    [],
  );

  return {
    state,
    chosenTape,
    restoring,
    explain,
    seek,
    compareScenarios,
    loans,
    exportLoans,
    evaluate,
    loadPortfolio,
    loadBundledPortfolio,
    loadModel,
    remapModel,
    loadBundledModel,
    challenger: useMemo(
      () => ({ load: loadChallenger, remove: removeChallenger, swap: swapChallenger, compare }),
      [loadChallenger, removeChallenger, swapChallenger, compare],
    ),
  };
}
