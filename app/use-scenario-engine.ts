import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Assumptions } from '@/lib/scenario';
import { EngineClient } from '@/lib/worker';
import { INITIAL_ENGINE_STATE, nextEngineState } from './engine-state';

export const BUNDLED_PORTFOLIO = { url: '/portfolios/lending_club.csv', name: 'Lending Club 2016 Q1' };
export const MANIFEST_URL = '/models/lending-club-pd.manifest.json';

/**
 * Model instances that score at once: one per core, up to four. The page's own thread is idle while
 * the book is scored (it waits for the answer), so it needs no core of its own then.
 */
const scorerCount = () => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));

/** Owns the engine worker for the page's lifetime; `evaluate` may be called on every slider step. */
export function useScenarioEngine(initial: Assumptions) {
  const [state, dispatch] = useReducer(nextEngineState, INITIAL_ENGINE_STATE);
  const client = useRef<EngineClient | null>(null);
  const latest = useRef(initial);

  useEffect(() => {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    const c = new EngineClient(worker, {
      onMessage: dispatch,
      onPendingChange: (pending) => dispatch({ type: 'pending', pending }),
    });
    client.current = c;
    c.send({
      type: 'init',
      manifestUrl: MANIFEST_URL,
      portfolioUrl: BUNDLED_PORTFOLIO.url,
      portfolioName: BUNDLED_PORTFOLIO.name,
      wasmPaths: `${window.location.origin}/ort/`,
      scorers: scorerCount(),
    });
    c.evaluate(latest.current);
    return () => c.terminate();
  }, []);

  const evaluate = useCallback((assumptions: Assumptions) => {
    latest.current = assumptions;
    client.current?.evaluate(assumptions);
  }, []);

  const loadPortfolio = useCallback((name: string, csvText: string) => {
    client.current?.send({ type: 'load-portfolio', name, csvText });
    client.current?.evaluate(latest.current);
  }, []);

  return { state, evaluate, loadPortfolio };
}
