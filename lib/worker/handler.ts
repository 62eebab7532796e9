/**
 * The engine worker's logic, free of worker globals: `post` sends a reply, `fetchBytes` reads a URL.
 * Latest request wins: while one evaluation runs, a newer request replaces any waiting one, so a
 * slider drag never builds a queue of stale work. Tapes are adopted in the order they arrive, each
 * once the model session is open, so a file chosen while the model verifies is kept, not dropped.
 */
import { ScenarioEngine, parsePortfolio } from '../engine';
import {
  loadPdModel,
  ModelVerificationError,
  modelFileBesideCard,
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
import { assertNever, errorMessage } from '../util';
import type { EvaluateRequest, InitRequest, ModelSummary, PortfolioSummary, WorkerRequest, WorkerResponse } from './protocol';
import { ScoringHelperError, type ScorerInit } from './scorer-client';

export interface HandlerDeps {
  post: (message: WorkerResponse) => void;
  fetchBytes: (url: string) => Promise<Uint8Array>;
  now: () => number;
  /** Starts one scoring helper, which verifies its own copy of the model; absent: score here only. */
  openHelper?: (init: ScorerInit) => Promise<SliceScorer>;
}

/** The verified model and everything that scores with it: opened once per worker. */
interface Session {
  manifest: Manifest;
  model: PdModel;
  scorePd: PdScorer;
  summary: ModelSummary;
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
  /** Undefined until init; resolves undefined when the model could not be opened (a fatal was posted). */
  let session: Promise<Session | undefined> | undefined;
  /** Tape adoptions, one after another in arrival order. */
  let tapes: Promise<unknown> = Promise.resolve();
  let engine: ScenarioEngine | undefined;
  let running = false;
  let waiting: EvaluateRequest | undefined;

  const text = async (url: string) => new TextDecoder().decode(await fetchBytes(url));

  async function openSession(request: InitRequest): Promise<Session> {
    const manifestJson: unknown = JSON.parse(await text(request.manifestUrl));
    const manifest = parseManifest(manifestJson);
    const bytes = await fetchBytes(modelFileBesideCard(request.manifestUrl, manifest));
    const model = await loadPdModel(bytes, manifest, { wasmPaths: request.wasmPaths });
    const helpers = await startHelpers(request.scorers - 1, { manifestJson, modelBytes: bytes, wasmPaths: request.wasmPaths });
    const scorePd = helpers.length ? shardedScorer([sliceScorer(model.scorePd), ...helpers]) : model.scorePd;
    const summary: ModelSummary = {
      name: manifest.name,
      version: manifest.version,
      sha256: model.sha256,
      selfTest: model.selfTest,
      holdoutAuc: manifest.metrics.holdout.auc,
      trainingLoans: manifest.training.trainLoans,
      scorers: 1 + helpers.length,
    };
    return { manifest, model, scorePd, summary };
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

  async function adoptPortfolio(s: Session, name: string, csvText: string): Promise<boolean> {
    const loaded = parsePortfolio(csvText, s.manifest);
    if (!loaded.ok) {
      post({ type: 'portfolio-refused', name, issues: loaded.issues, totalIssues: loaded.totalIssues });
      return false;
    }
    engine = new ScenarioEngine(s.manifest, loaded.tape, s.scorePd);
    const sha256 = await sha256Hex(new TextEncoder().encode(csvText));
    post({ type: 'ready', model: s.summary, portfolio: summarize(name, loaded.tape, sha256) });
    return true;
  }

  /** Adopts tapes one after another; a job that throws never blocks the ones after it. */
  function queueTape(job: (s: Session) => Promise<void>, onError: (message: string) => void): Promise<unknown> {
    tapes = tapes.then(async () => {
      const s = await session;
      if (s) await job(s).catch((e: unknown) => onError(errorMessage(e)));
    });
    return tapes;
  }

  async function init(request: InitRequest) {
    session = openSession(request).catch((e: unknown) => {
      post({ type: 'fatal', reason: e instanceof ModelVerificationError ? 'model-verification' : 'model-load', message: errorMessage(e) });
      return undefined;
    });
    const bundledInvalid = (message: string) => post({ type: 'fatal', reason: 'bundled-portfolio-invalid', message });
    await queueTape(async (s) => {
      const csv = await text(request.portfolioUrl);
      if (!(await adoptPortfolio(s, request.portfolioName, csv))) bundledInvalid(`${request.portfolioName} does not pass its checks.`);
    }, bundledInvalid);
  }

  async function loadPortfolio(name: string, csvText: string) {
    await queueTape(
      async (s) => void (await adoptPortfolio(s, name, csvText)),
      (message) =>
        post({
          type: 'portfolio-refused',
          name,
          issues: [{ row: null, column: null, value: null, expected: '', message }],
          totalIssues: 1,
        }),
    );
  }

  /** Answers the waiting request, and whatever replaces it meanwhile, on the newest tape. */
  async function drain() {
    if (running) return;
    running = true;
    for (;;) {
      await tapes; // a tape on its way is adopted first: no answer comes from the one it replaces
      const request = waiting;
      if (!request || !engine) break;
      waiting = undefined;
      const started = now();
      try {
        const evaluation = await engine.evaluate(request.assumptions);
        post({ type: 'result', id: request.id, evaluation, computeMs: now() - started });
      } catch (e) {
        const reason = e instanceof ScoringHelperError ? 'scoring-failed' : 'engine-error';
        post({ type: 'evaluation-failed', id: request.id, reason, message: errorMessage(e) });
      }
    }
    running = false;
  }

  return async function handle(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'init':
        await init(request);
        return drain();
      case 'evaluate':
        waiting = request;
        return drain();
      case 'load-portfolio':
        await loadPortfolio(request.name, request.csvText);
        return drain();
      default:
        return assertNever(request);
    }
  };
}
