/**
 * The engine worker's logic, free of any global: `post` sends a reply, `fetchBytes` reads a URL.
 * Latest request wins: while one evaluation runs, a newer request replaces any waiting one, so a
 * slider drag never builds a queue of stale work.
 */
import { ScenarioEngine } from '../engine';
import { loadPortfolio } from '../engine';
import {
  loadPdModel,
  ModelVerificationError,
  parseManifest,
  sha256Hex,
  shardedScorer,
  sliceScorer,
  type Manifest,
  type PdModel,
  type PdScorer,
  type SliceScorer,
} from '../model';
import type { LoanTape } from '../portfolio';
import type { EvaluateRequest, PortfolioSummary, WorkerRequest, WorkerResponse } from './protocol';
import type { ScorerInit } from './scorer-client';

export interface HandlerDeps {
  post: (message: WorkerResponse) => void;
  fetchBytes: (url: string) => Promise<Uint8Array>;
  now: () => number;
  /** Starts one scoring helper, which verifies its own copy of the model; absent: score here only. */
  openHelper?: (init: ScorerInit) => Promise<SliceScorer>;
}

function summarize(name: string, tape: LoanTape, sha256: string): PortfolioSummary {
  return {
    name,
    sha256,
    loans: tape.loanCount,
    exposure: tape.numbers.funded_amnt!.reduce((s, v) => s + v, 0),
    ignoredColumns: tape.ignoredColumns,
    missingValues: Object.values(tape.missingCounts).reduce((s, n) => s + n, 0),
  };
}

export function createEngineHandler({ post, fetchBytes, now, openHelper }: HandlerDeps) {
  let manifest: Manifest | undefined;
  let model: PdModel | undefined;
  let scorePd: PdScorer | undefined;
  let engine: ScenarioEngine | undefined;
  let scorerCount = 1;
  let running = false;
  let waiting: EvaluateRequest | undefined;

  async function adoptPortfolio(name: string, csvText: string): Promise<boolean> {
    const loaded = loadPortfolio(csvText, manifest!);
    if (!loaded.ok) {
      post({ type: 'portfolio-refused', name, issues: loaded.issues, totalIssues: loaded.totalIssues });
      return false;
    }
    engine = new ScenarioEngine(manifest!, loaded.tape, scorePd!);
    const sha256 = await sha256Hex(new TextEncoder().encode(csvText));
    post({
      type: 'ready',
      model: {
        name: manifest!.name,
        version: manifest!.version,
        sha256: model!.sha256,
        selfTest: model!.selfTest,
        holdoutAuc: manifest!.metrics.holdout.auc,
        trainingLoans: manifest!.training.trainLoans,
        scorers: scorerCount,
      },
      portfolio: summarize(name, loaded.tape, sha256),
    });
    return true;
  }

  async function init(request: Extract<WorkerRequest, { type: 'init' }>) {
    try {
      const text = async (url: string) => new TextDecoder().decode(await fetchBytes(url));
      const manifestJson: unknown = JSON.parse(await text(request.manifestUrl));
      manifest = parseManifest(manifestJson);
      // The model file sits beside its card.
      const modelUrl = `${request.manifestUrl.slice(0, request.manifestUrl.lastIndexOf('/') + 1)}${manifest.model.file}`;
      const [bytes, csv] = await Promise.all([fetchBytes(modelUrl), text(request.portfolioUrl)]);
      model = await loadPdModel(bytes, manifest, { wasmPaths: request.wasmPaths });
      const helpers = await startHelpers(request.scorers - 1, { manifestJson, modelBytes: bytes, wasmPaths: request.wasmPaths });
      scorerCount = 1 + helpers.length;
      scorePd = helpers.length ? shardedScorer([sliceScorer(model.scorePd), ...helpers]) : model.scorePd;
      if (!(await adoptPortfolio(request.portfolioName, csv))) {
        post({ type: 'fatal', title: 'The bundled portfolio is invalid', message: 'See the listed problems.' });
      }
    } catch (e) {
      const verification = e instanceof ModelVerificationError;
      post({
        type: 'fatal',
        title: verification ? 'Model verification failed — figures withheld' : 'The model could not be loaded',
        message: (e as Error).message,
      });
    }
  }

  /**
   * A helper whose model fails its check stops everything, as the main check does; one that merely
   * cannot start (no memory, no worker) leaves the book to the instances that did.
   */
  async function startHelpers(count: number, init: ScorerInit): Promise<SliceScorer[]> {
    if (count < 1 || !openHelper) return [];
    const started = await Promise.allSettled(Array.from({ length: count }, () => openHelper(init)));
    const refused = started.find((r) => r.status === 'rejected' && r.reason instanceof ModelVerificationError);
    if (refused) throw (refused as PromiseRejectedResult).reason;
    return started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  }

  async function drain() {
    if (running) return;
    running = true;
    while (waiting && engine) {
      const request = waiting;
      waiting = undefined;
      const started = now();
      try {
        const evaluation = await engine.evaluate(request.assumptions);
        post({ type: 'result', id: request.id, evaluation, computeMs: now() - started });
      } catch (e) {
        post({ type: 'evaluation-failed', id: request.id, message: (e as Error).message });
      }
    }
    running = false;
  }

  return async function handle(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'init':
        await init(request);
        await drain();
        return;
      case 'evaluate':
        waiting = request;
        await drain();
        return;
      case 'load-portfolio':
        if (manifest && model) await adoptPortfolio(request.name, request.csvText);
        return;
    }
  };
}
