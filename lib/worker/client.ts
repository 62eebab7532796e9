/**
 * The page's side of the engine worker, and its supervisor. `evaluate` may be called on every slider
 * step: each call supersedes the previous one, and a result is delivered only if it answers the
 * latest call. A worker that dies (an `error` event, or silence the watchdog notices) is replaced:
 * the new one verifies the model again, gets the tape back and answers the latest scenario, so the
 * figures equal a fresh page's. Replacements that keep dying end in a fatal state; a chosen tape on
 * its way during two deaths is refused rather than given a third worker to kill.
 */
import { fileIssue } from '../portfolio';
import type { ComparedScenario, DrivenKpi, Focus, Seek } from '../engine';
import type { Assumptions, ScenarioSet, Settings } from '../scenario';
import { assertNever, errorMessage } from '../util';
import type { InitRequest, LoadModelRequest, TapeFile, WorkerRequest, WorkerResponse } from './protocol';
import { Watchdog, type WatchdogOptions } from './watchdog';

export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerResponse }) => void): void;
  /** The worker failed to load or threw outside any request. */
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/** Why a worker is being replaced: it threw, or it went quiet. The page words it. */
export type RestartReason = 'worker-error' | 'worker-silent';

/** The client's own news, beside the worker's messages: a dead worker is being replaced. */
export interface Restarting {
  type: 'restarting';
  reason: RestartReason;
  /** The worker's own error text, where it gave one. */
  detail: string;
}

/** A loan tape the user chose, kept so that a replacement worker can be given it again. */
export type ChosenTape = TapeFile;

/** A model the user brought, kept so that a replacement worker runs it too (never silently the deployment's). */
export type ChosenModel = Omit<LoadModelRequest, 'type'>;

/** What is on its way to the worker, answered in order by `ready` or a refusal: tapes and models. */
type QueuedTape = ChosenTape | 'bundled' | ChosenModel | 'bundled-model';

const isModel = (item: QueuedTape): item is ChosenModel | 'bundled-model' =>
  item === 'bundled-model' || (typeof item === 'object' && 'modelBytes' in item);

export interface EngineClientEvents {
  onMessage: (message: WorkerResponse | Restarting) => void;
  onPendingChange: (pending: boolean) => void;
  /** The tape in use changed: a chosen tape was adopted, or null for the deployment's own. */
  onTapeAdopted?: (tape: ChosenTape | null) => void;
  /** The model in use changed: a brought model was adopted, or null for the deployment's own. */
  onModelAdopted?: (model: ChosenModel | null) => void;
}

export interface EngineClientOptions {
  watchdog: WatchdogOptions;
  /** Extra silence allowed per byte of a tape on its way (its parse is one long step). */
  graceMsPerByte: number;
  /** Replacements allowed without an answer in between; one more death is fatal. */
  maxRestarts: number;
}

export const DEFAULT_CLIENT_OPTIONS: EngineClientOptions = {
  watchdog: { intervalMs: 2_000, deadAfterMs: 20_000 },
  // 0.2 ms per byte: 50 s more for a 256 MB tape, several times what reading one takes.
  graceMsPerByte: 0.0002,
  maxRestarts: 2,
};

export class EngineClient {
  private worker: WorkerLike | undefined;
  private readonly watchdog: Watchdog;
  private latestId = 0;
  private latest: { assumptions: Assumptions; settings?: Settings; scenarioSet?: ScenarioSet; focus?: Focus } | undefined;
  private pending = false;
  private restarts = 0;
  private stopped = false;
  /** The tape in use (undefined: the deployment's own) and tapes sent but not yet answered, in order. */
  private adopted: ChosenTape | undefined;
  /** The brought model in use (undefined: the deployment's). */
  private adoptedModel: ChosenModel | undefined;
  /** The challenger the user chose, sent again to a replacement worker; undefined: none. */
  private challenger: ChosenModel | undefined;
  private latestComparison = 0;
  private latestDrivers = 0;
  private latestSeek = 0;
  private latestScenarios = 0;
  private latestLoans = 0;
  private latestExportLoans = 0;
  private queued: QueuedTape[] = [];
  /** Tapes and models already re-sent once after a worker died with them on the way. */
  private readonly resent = new WeakSet<ChosenTape | ChosenModel>();
  /** The first `ready` of each worker is its bundled tape; later ones answer queued tapes. */
  private bundledReady = false;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly init: InitRequest,
    private readonly events: EngineClientEvents,
    private readonly options: EngineClientOptions = DEFAULT_CLIENT_OPTIONS,
  ) {
    this.watchdog = new Watchdog(
      (id) => this.post({ type: 'ping', id }),
      () => this.replace('worker-silent', ''),
      options.watchdog,
      () => this.queued.reduce((ms, item) => ms + byteSize(item) * options.graceMsPerByte, 0),
    );
    this.start();
  }

  private start() {
    let worker: WorkerLike;
    try {
      worker = this.createWorker();
    } catch (e) {
      this.fail(errorMessage(e));
      return;
    }
    this.worker = worker;
    worker.addEventListener('message', ({ data }) => {
      if (worker === this.worker) this.receive(data);
    });
    worker.addEventListener('error', (event) => {
      if (worker === this.worker) this.replace('worker-error', event.message ?? '');
    });
    this.bundledReady = false;
    worker.postMessage(this.init);
  }

  private post(message: WorkerRequest) {
    if (!this.stopped) this.worker?.postMessage(message);
  }

  evaluate(assumptions: Assumptions, settings?: Settings, scenarioSet?: ScenarioSet, focus?: Focus): number {
    const id = ++this.latestId;
    this.latest = { assumptions, settings, scenarioSet, ...(focus ? { focus } : {}) };
    if (this.stopped) return id;
    this.setPending(true);
    this.post({ type: 'evaluate', id, assumptions, settings, scenarioSet, ...(focus ? { focus } : {}) });
    return id;
  }

  private evaluateLatest() {
    if (this.latest) this.evaluate(this.latest.assumptions, this.latest.settings, this.latest.scenarioSet, this.latest.focus);
  }

  /** Sends a chosen tape; it replaces the tape in use once the worker has checked it. */
  loadPortfolio(tape: ChosenTape): void {
    this.send(tape);
    this.evaluateLatest();
  }

  /** Goes back to the deployment's own tape. */
  loadBundledPortfolio(): void {
    this.send('bundled');
    this.evaluateLatest();
  }

  /** Sends a model the user brought; it replaces the model in use once it has passed every check. */
  loadModel(model: ChosenModel): void {
    this.send(model);
    this.evaluateLatest();
  }

  /** Goes back to the deployment's own model. */
  loadBundledModel(): void {
    this.send('bundled-model');
    this.evaluateLatest();
  }

  /** Scores a second model beside the one in use, on the same tape. */
  loadChallenger(model: ChosenModel): void {
    this.challenger = model;
    const { tape: _tape, referenceColumn: _reference, ...request } = model;
    this.post({ type: 'load-challenger', ...request });
  }

  removeChallenger(): void {
    this.challenger = undefined;
    this.post({ type: 'remove-challenger' });
  }

  /** The challenger drives the page; the model in use becomes the challenger. */
  swapChallenger(): void {
    const inUse = this.adoptedModel;
    this.adoptedModel = this.challenger;
    this.challenger = inUse;
    this.events.onModelAdopted?.(this.adoptedModel ?? null);
    this.post({ type: 'swap-challenger' });
    this.evaluateLatest();
  }

  /** Asks what drove the figures under these levers; only the answer to the latest ask is delivered. */
  explain(assumptions: Assumptions, settings?: Settings, scenarioSet?: ScenarioSet, kpi?: DrivenKpi): void {
    this.post({ type: 'drivers', id: ++this.latestDrivers, assumptions, settings, scenarioSet, kpi });
  }

  /** Asks which lever values reach these targets; only the answer to the latest ask is delivered. */
  seek(assumptions: Assumptions, settings: Settings | undefined, seeks: Seek[]): void {
    this.post({ type: 'goal-seek', id: ++this.latestSeek, assumptions, settings, seeks });
  }

  /** Asks for the largest loans (of the segment drilled into) and, when given, one loan alone; only the latest ask is answered. */
  loans(assumptions: Assumptions, settings: Settings | undefined, focus: Focus | undefined, loan?: number): void {
    this.post({ type: 'loans', id: ++this.latestLoans, assumptions, settings, focus, loan });
  }

  /** Asks for every loan's figures under these levers, for an export; only the latest ask is answered. */
  exportLoans(assumptions: Assumptions, settings?: Settings): void {
    this.post({ type: 'export-loans', id: ++this.latestExportLoans, assumptions, settings });
  }

  /** Asks for two to four scenarios side by side; only the answer to the latest ask is delivered. */
  compareScenarios(scenarios: ComparedScenario[], settings?: Settings, scenarioSet?: ScenarioSet): void {
    this.post({ type: 'compare-scenarios', id: ++this.latestScenarios, scenarios, settings, scenarioSet });
  }

  /** Asks for champion against challenger under these levers; only the answer to the latest ask is delivered. */
  compare(assumptions: Assumptions, settings?: Settings, scenarioSet?: ScenarioSet): void {
    this.post({ type: 'compare', id: ++this.latestComparison, assumptions, settings, scenarioSet });
  }

  private send(item: QueuedTape) {
    if (this.stopped) return;
    this.queued.push(item);
    this.post(requestFor(item));
  }

  private receive(message: WorkerResponse) {
    this.watchdog.heard();
    switch (message.type) {
      case 'pong':
        return;
      case 'result':
      case 'evaluation-failed':
        if (message.id !== this.latestId) return; // stale: a newer request is on its way
        if (message.type === 'result') this.restarts = 0;
        // A big book's preview answers first; the request is still pending until its exact figures come.
        if (message.type !== 'result' || !message.preview) this.setPending(false);
        break;
      case 'fatal':
        this.stop();
        break;
      case 'ready':
        this.settleTape(true);
        break;
      case 'portfolio-refused':
      case 'model-refused':
        this.settleTape(false);
        break;
      case 'challenger-ready':
      case 'validation':
      case 'prepared':
        break;
      case 'challenger-gone':
        // Removed by the user, refused, or unable to read a new tape: not sent to a new worker.
        if (message.problems.length) this.challenger = undefined;
        break;
      case 'comparison':
        if (message.id !== this.latestComparison) return;
        break;
      case 'drivers':
        if (message.id !== this.latestDrivers) return;
        break;
      case 'goal-seek':
        if (message.id !== this.latestSeek) return;
        break;
      case 'compare-scenarios':
        if (message.id !== this.latestScenarios) return;
        break;
      case 'loans':
        if (message.id !== this.latestLoans) return;
        break;
      case 'export-loans':
        if (message.id !== this.latestExportLoans) return;
        break;
      default:
        return assertNever(message);
    }
    this.events.onMessage(message);
  }

  /** A `ready` or a refusal answers the oldest tape still queued (the first `ready` is the bundled tape). */
  private settleTape(adopted: boolean) {
    if (!this.bundledReady && adopted) {
      this.bundledReady = true;
      if (this.adopted === undefined && this.queued.length === 0) this.events.onTapeAdopted?.(null);
      return;
    }
    const item = this.queued.shift();
    if (!adopted || !item) return;
    if (isModel(item)) {
      // A model sent with its tape adopts both: the tape is then the one in use, sent before the model to a new worker.
      const { tape, ...model } = item === 'bundled-model' ? { tape: undefined } : item;
      this.adoptedModel = item === 'bundled-model' ? undefined : (model as ChosenModel);
      this.events.onModelAdopted?.(this.adoptedModel ?? null);
      if (tape) {
        this.adopted = tape;
        this.events.onTapeAdopted?.(tape);
      }
      return;
    }
    this.adopted = item === 'bundled' ? undefined : item;
    this.events.onTapeAdopted?.(this.adopted ?? null);
  }

  private replace(reason: RestartReason, detail: string) {
    if (this.stopped) return;
    this.watchdog.rest(); // the new worker starts with a clean slate
    this.worker?.terminate();
    if (++this.restarts > this.options.maxRestarts) {
      this.fail(detail);
      return;
    }
    this.events.onMessage({ type: 'restarting', reason, detail });
    // The tape in use goes to the new worker, then those still on their way, in the same order; a tape
    // that was on its way when a worker died before is refused rather than sent again.
    // The model in use follows the tape, so it is matched to the same tape as before.
    const inUse = [this.adopted, this.adoptedModel].filter((x) => x !== undefined);
    const onTheirWay = this.queued;
    this.queued = [];
    this.adopted = undefined;
    this.adoptedModel = undefined;
    this.start();
    for (const item of inUse) this.send(item);
    if (this.challenger) this.loadChallenger(this.challenger);
    for (const item of onTheirWay) {
      if (typeof item === 'object' && this.resent.has(item)) {
        this.events.onMessage(refusedAfterDeaths(item));
        continue;
      }
      if (typeof item === 'object') this.resent.add(item);
      this.send(item);
    }
    this.evaluateLatest();
  }

  /** Nothing more will be answered: a worker that keeps dying, or that cannot be created. */
  private fail(detail: string) {
    this.stop();
    this.events.onMessage({ type: 'fatal', reason: 'worker-crashed', message: detail });
  }

  private stop() {
    this.stopped = true;
    this.watchdog.rest();
    this.setPending(false);
    this.worker?.terminate();
  }

  private setPending(pending: boolean) {
    if (pending) this.watchdog.watch();
    else this.watchdog.rest();
    if (pending === this.pending) return;
    this.pending = pending;
    this.events.onPendingChange(pending);
  }

  terminate(): void {
    this.stop();
  }
}

function byteSize(item: QueuedTape): number {
  if (typeof item !== 'object') return 0;
  return 'modelBytes' in item ? item.modelBytes.length : item.file.size;
}

function requestFor(item: QueuedTape): WorkerRequest {
  if (item === 'bundled') return { type: 'load-bundled-portfolio' };
  if (item === 'bundled-model') return { type: 'load-bundled-model' };
  if ('modelBytes' in item) return { type: 'load-model', ...item };
  return { type: 'load-portfolio', name: item.name, file: item.file };
}

/** A tape or model that was on its way during two worker deaths is refused rather than sent a third time. */
function refusedAfterDeaths(item: ChosenTape | ChosenModel): WorkerResponse {
  if ('modelBytes' in item) {
    const problem = `The engine stopped twice while opening ${item.modelName}; it was not loaded.`;
    return { type: 'model-refused', modelName: item.modelName, problems: [problem], columns: [], mappings: [] };
  }
  return {
    type: 'portfolio-refused',
    name: item.name,
    issues: [fileIssue(`The engine stopped twice while reading ${item.name}; it was not loaded.`)],
    totalIssues: 1,
  };
}
