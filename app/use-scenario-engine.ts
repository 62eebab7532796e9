'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScenarioEvaluation } from '@/lib/engine';
import type { Assumptions } from '@/lib/scenario';
import { EngineClient } from '@/lib/worker';
import type { ModelSummary, PortfolioSummary, WorkerResponse } from '@/lib/worker';

export const BUNDLED_PORTFOLIO = { url: '/portfolios/lending_club.csv', name: 'Lending Club 2016 Q1' };
export const MANIFEST_URL = '/models/lending-club-pd.manifest.json';

type Refusal = Extract<WorkerResponse, { type: 'portfolio-refused' }>;

export interface EngineState {
  status: 'loading' | 'ready' | 'failed';
  model?: ModelSummary;
  portfolio?: PortfolioSummary;
  failure?: { title: string; message: string };
  refusal?: Refusal;
  evaluation?: ScenarioEvaluation;
  computeMs?: number;
  pending: boolean;
}

/**
 * Model instances that score at once: one per core, up to four. The page's own thread is idle while
 * the book is scored (it waits for the answer), so it needs no core of its own then.
 */
const scorerCount = () => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));

/** Owns the engine worker for the page's lifetime; `evaluate` may be called on every slider step. */
export function useScenarioEngine(initial: Assumptions) {
  const [state, setState] = useState<EngineState>({ status: 'loading', pending: false });
  const client = useRef<EngineClient | null>(null);
  const latest = useRef(initial);

  useEffect(() => {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    const onMessage = (m: WorkerResponse) =>
      setState((s) => {
        switch (m.type) {
          case 'ready':
            return { ...s, status: 'ready', model: m.model, portfolio: m.portfolio, refusal: undefined };
          case 'result':
            return { ...s, evaluation: m.evaluation, computeMs: m.computeMs };
          case 'fatal':
            return { ...s, status: 'failed', failure: { title: m.title, message: m.message } };
          case 'portfolio-refused':
            return { ...s, refusal: m };
          case 'evaluation-failed':
            return { ...s, failure: { title: 'The scenario could not be computed', message: m.message } };
        }
      });
    const c = new EngineClient(worker, { onMessage, onPendingChange: (pending) => setState((s) => ({ ...s, pending })) });
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
