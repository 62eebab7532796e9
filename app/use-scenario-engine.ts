import { del, get, set } from 'idb-keyval';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { fileIssue, tooLargeForBrowser } from '@/lib/portfolio';
import type { Assumptions, ScenarioSet, Settings } from '@/lib/scenario';

/** What the page asks the engine: the levers, the fixed assumptions and the weighted scenario set. */
export interface EngineInputs {
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
}
import { EngineClient, type ChosenTape, type WorkerLike } from '@/lib/worker';
import { INITIAL_ENGINE_STATE, nextEngineState } from './engine-state';

export const BUNDLED_PORTFOLIO = { url: '/portfolios/lending_club.csv', name: 'Lending Club 2016 Q1' };
export const MANIFEST_URL = '/models/lending-club-pd.manifest.json';

/** Where the tape the user chose is kept in this browser, so that a reload scores it again. */
const STORED_TAPE_KEY = 'riskdial:chosen-tape';

/**
 * Model instances that score at once: one per core, up to four. The page's own thread is idle while
 * the book is scored (it waits for the answer), so it needs no core of its own then.
 */
const scorerCount = () => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));

const createWorker = (): WorkerLike =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'riskdial-engine' });

/** IndexedDB may be off (a private window, a locked-down browser): the tape is then not kept, and nothing else changes. */
const stored = {
  read: () => get<ChosenTape>(STORED_TAPE_KEY).catch(() => undefined),
  write: (tape: ChosenTape | null) => (tape ? set(STORED_TAPE_KEY, tape) : del(STORED_TAPE_KEY)).catch(() => undefined),
};

/** Owns the engine worker for the page's lifetime; `evaluate` may be called on every slider step. */
export function useScenarioEngine(initial: EngineInputs) {
  const [state, dispatch] = useReducer(nextEngineState, INITIAL_ENGINE_STATE);
  /** The name of the user's tape in use, or null while the deployment's own is. */
  const [chosenTape, setChosenTape] = useState<string | null>(null);
  const client = useRef<EngineClient | null>(null);
  const latest = useRef(initial);
  /** Files are read asynchronously; only the last one chosen goes on (a large file chosen first must not win). */
  const choice = useRef(0);

  useEffect(() => {
    const c = new EngineClient(
      createWorker,
      {
        type: 'init',
        manifestUrl: MANIFEST_URL,
        portfolioUrl: BUNDLED_PORTFOLIO.url,
        portfolioName: BUNDLED_PORTFOLIO.name,
        wasmPaths: `${window.location.origin}/ort/`,
        scorers: scorerCount(),
        pins: { modelSha256: process.env.RISKDIAL_PIN_MODEL_SHA256, cardSha256: process.env.RISKDIAL_PIN_CARD_SHA256 },
      },
      {
        onMessage: dispatch,
        onPendingChange: (pending) => dispatch({ type: 'pending', pending }),
        onTapeAdopted: (tape) => {
          setChosenTape(tape?.name ?? null);
          void stored.write(tape);
        },
      },
    );
    client.current = c;
    c.evaluate(latest.current.assumptions, latest.current.settings, latest.current.scenarioSet);
    const restoring = choice.current;
    void stored.read().then((tape) => {
      // A file chosen meanwhile wins over the one kept from before.
      if (tape && choice.current === restoring && client.current === c) c.loadPortfolio(tape);
    });
    return () => {
      client.current = null;
      c.terminate();
    };
  }, []);

  const evaluate = useCallback((inputs: EngineInputs) => {
    latest.current = inputs;
    client.current?.evaluate(inputs.assumptions, inputs.settings, inputs.scenarioSet);
  }, []);

  const loadPortfolio = useCallback(async (file: File) => {
    const mine = ++choice.current;
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
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (mine === choice.current) client.current?.loadPortfolio({ name: file.name, bytes });
  }, []);

  const loadBundledPortfolio = useCallback(() => {
    ++choice.current;
    client.current?.loadBundledPortfolio();
  }, []);

  return { state, chosenTape, evaluate, loadPortfolio, loadBundledPortfolio };
}
