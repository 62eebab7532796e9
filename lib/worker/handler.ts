/**
 * The engine worker's logic, free of worker globals: `post` sends a reply, `fetchBytes` reads a URL.
 * Latest request wins: while one evaluation runs, a newer request replaces any waiting one, so a
 * slider drag never builds a queue of stale work. Tapes are adopted in the order they arrive, each
 * once the model session is open, so a file chosen while the model verifies is kept, not dropped.
 */
import { ScenarioEngine, openVerifiedModel, parsePortfolio, portfolioNotes } from '../engine';
import {
  ModelVerificationError,
  modelFileBesideCard,
  modelFacts,
  sha256Hex,
  shardedScorer,
  sliceScorer,
  type Manifest,
  type PdModel,
  type PdScorer,
  type SliceScorer,
} from '../model';
import { fileIssue, type LoanTape, type TapeIssue } from '../portfolio';
import { assertNever, decodeText, errorMessage } from '../util';
import type { EvaluateRequest, InitRequest, ModelSummary, PortfolioSummary, WorkerRequest, WorkerResponse } from './protocol';
import { ScoringHelperError, type ScorerInit } from './scorer-client';
import { supervisedHelper } from './supervised-helper';

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

/** A tape as the worker keeps it: the deployment's own is kept to go back to. */
interface TapeFile {
  name: string;
  bytes: Uint8Array;
}

function summarize(name: string, tape: LoanTape, sha256: string, manifest: Manifest): PortfolioSummary {
  return {
    name,
    sha256,
    loans: tape.loanCount,
    exposure: tape.numbers.funded_amnt!.reduce((s, v) => s + v, 0),
    notes: portfolioNotes(tape, manifest),
  };
}

export function createEngineHandler({ post, fetchBytes, now, openHelper }: HandlerDeps) {
  /** Undefined until init; resolves undefined when the model could not be opened (a fatal was posted). */
  let session: Promise<Session | undefined> | undefined;
  /** Tape adoptions, one after another in arrival order. */
  let tapes: Promise<unknown> = Promise.resolve();
  let bundled: TapeFile | undefined;
  let engine: ScenarioEngine | undefined;
  let running = false;
  let waiting: EvaluateRequest | undefined;

  async function openSession(request: InitRequest): Promise<Session> {
    const { manifestJson, manifest, model, modelBytes, cardSha256 } = await openVerifiedModel({
      cardBytes: await fetchBytes(request.manifestUrl),
      cardName: request.manifestUrl,
      readModel: (card) => fetchBytes(modelFileBesideCard(request.manifestUrl, card)),
      pins: request.pins,
      runtime: { wasmPaths: request.wasmPaths },
    });
    const helpers = await startHelpers(request.scorers - 1, { manifestJson, modelBytes, wasmPaths: request.wasmPaths });
    const scorePd = helpers.length ? shardedScorer([sliceScorer(model.scorePd), ...helpers]) : model.scorePd;
    const summary: ModelSummary = { ...modelFacts(manifest, model, cardSha256), scorers: 1 + helpers.length };
    return { manifest, model, scorePd, summary };
  }

  /**
   * A helper whose model fails its check stops everything, as the main check does; one that merely
   * cannot start (no memory, no worker) leaves the book to the instances that did. A helper that
   * dies later is replaced by a freshly verified one (`supervisedHelper`).
   */
  async function startHelpers(count: number, init: ScorerInit): Promise<SliceScorer[]> {
    if (count < 1 || !openHelper) return [];
    const open = () => openHelper(init);
    // Promise.resolve().then: a helper that cannot even be created (new Worker throws) is a rejection too.
    const started = await Promise.allSettled(Array.from({ length: count }, () => Promise.resolve().then(open)));
    const refused = started.find((r) => r.status === 'rejected' && r.reason instanceof ModelVerificationError);
    if (refused) throw (refused as PromiseRejectedResult).reason;
    return started.flatMap((r) => (r.status === 'fulfilled' ? [supervisedHelper(r.value, open)] : []));
  }

  async function adoptPortfolio(s: Session, { name, bytes }: TapeFile): Promise<boolean> {
    const refuse = (issues: TapeIssue[], totalIssues = issues.length) => {
      post({ type: 'portfolio-refused', name, issues, totalIssues });
      return false;
    };
    const text = decodeText(bytes, name);
    if (!text.ok) return refuse([fileIssue(text.message)]);
    const loaded = parsePortfolio(text.text, s.manifest);
    if (!loaded.ok) return refuse(loaded.issues, loaded.totalIssues);
    // Everything that can fail comes before the swap: a tape said to be refused is never the one scored.
    const portfolio = summarize(name, loaded.tape, await sha256Hex(bytes), s.manifest);
    engine = new ScenarioEngine(s.manifest, loaded.tape, s.scorePd);
    post({ type: 'ready', model: s.summary, portfolio });
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
    // The tape is fetched while the model verifies; its failure is reported once the model is open.
    const fetching = fetchBytes(request.portfolioUrl).then(
      (bytes) => ({ bytes }),
      (e: unknown) => ({ failure: errorMessage(e) }),
    );
    session = openSession(request).catch((e: unknown) => {
      post({ type: 'fatal', reason: e instanceof ModelVerificationError ? 'model-verification' : 'model-load', message: errorMessage(e) });
      return undefined;
    });
    await queueTape(
      async (s) => {
        const fetched = await fetching;
        if ('failure' in fetched) return post({ type: 'fatal', reason: 'bundled-portfolio-missing', message: fetched.failure });
        bundled = { name: request.portfolioName, bytes: fetched.bytes };
        if (!(await adoptPortfolio(s, bundled))) {
          post({ type: 'fatal', reason: 'bundled-portfolio-invalid', message: `${request.portfolioName} does not pass its checks.` });
        }
      },
      (message) => post({ type: 'fatal', reason: 'bundled-portfolio-invalid', message }),
    );
  }

  async function loadPortfolio(tape: TapeFile | undefined) {
    const name = tape?.name ?? bundled?.name ?? 'the bundled portfolio';
    await queueTape(
      async (s) => {
        const file = tape ?? bundled;
        if (file) await adoptPortfolio(s, file);
      },
      (message) => post({ type: 'portfolio-refused', name, issues: [fileIssue(message)], totalIssues: 1 }),
    );
  }

  /** Waits until no tape is on its way: adoptions queued while waiting are waited for too. */
  async function tapesSettled() {
    for (let seen = tapes; ; seen = tapes) {
      await seen;
      if (seen === tapes) return;
    }
  }

  /** Answers the waiting request, and whatever replaces it meanwhile, on the newest tape. */
  async function drain() {
    if (running) return;
    running = true;
    for (;;) {
      await tapesSettled(); // a tape on its way is adopted first: no answer comes from the one it replaces
      const request = waiting;
      const current = engine;
      if (!request || !current) break;
      waiting = undefined;
      const started = now();
      try {
        const evaluation = await current.evaluate(request.assumptions, request.settings, request.scenarioSet);
        // A tape adopted meanwhile makes this answer the old tape's: ask again on the new one.
        if (engine !== current) {
          waiting ??= request;
          continue;
        }
        post({ type: 'result', id: request.id, evaluation, computeMs: now() - started });
      } catch (e) {
        // A replacement helper that fails its own check is as final as the first check.
        if (e instanceof ModelVerificationError) post({ type: 'fatal', reason: 'model-verification', message: e.message });
        else {
          const reason = e instanceof ScoringHelperError ? 'scoring-failed' : 'engine-error';
          post({ type: 'evaluation-failed', id: request.id, reason, message: errorMessage(e) });
        }
      }
    }
    running = false;
  }

  return async function handle(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'ping':
        return post({ type: 'pong', id: request.id });
      case 'init':
        await init(request);
        return drain();
      case 'evaluate':
        waiting = request;
        return drain();
      case 'load-portfolio':
        await loadPortfolio({ name: request.name, bytes: request.bytes });
        return drain();
      case 'load-bundled-portfolio':
        await loadPortfolio(undefined);
        return drain();
      default:
        return assertNever(request);
    }
  };
}
