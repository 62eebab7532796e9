/**
 * The page's side of the engine worker, and its supervisor. `evaluate` may be called on every slider
 * step: each call supersedes the previous one, and a result is delivered only if it answers the
 * latest call. A worker that dies (an `error` event, or silence the watchdog notices) is replaced:
 * the new one verifies the model again, gets the tape back and answers the latest scenario, so the
 * figures equal a fresh page's. Replacements that keep dying end in a fatal state.
 */
import type { Assumptions } from '../scenario';
import type { InitRequest, WorkerRequest, WorkerResponse } from './protocol';
import { Watchdog, type WatchdogOptions } from './watchdog';

export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerResponse }) => void): void;
  /** The worker failed to load or threw outside any request. */
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/** The client's own news, beside the worker's messages: a dead worker is being replaced. */
export interface Restarting {
  type: 'restarting';
  message: string;
}

/** A loan tape the user chose, kept so that a replacement worker can be given it again. */
export interface ChosenTape {
  name: string;
  bytes: Uint8Array;
}

/** A tape on its way to the worker: one the user chose, or the deployment's own again. */
type QueuedTape = ChosenTape | 'bundled';

export interface EngineClientEvents {
  onMessage: (message: WorkerResponse | Restarting) => void;
  onPendingChange: (pending: boolean) => void;
  /** The tape in use changed: a chosen tape was adopted, or null for the deployment's own. */
  onTapeAdopted?: (tape: ChosenTape | null) => void;
}

export interface EngineClientOptions {
  watchdog: WatchdogOptions;
  /** Replacements allowed without an answer in between; one more death is fatal. */
  maxRestarts: number;
}

export const DEFAULT_CLIENT_OPTIONS: EngineClientOptions = {
  // The worker's longest single step (parsing a million-loan tape) stays well under deadAfterMs.
  watchdog: { intervalMs: 2_000, deadAfterMs: 20_000 },
  maxRestarts: 2,
};

export class EngineClient {
  private worker: WorkerLike;
  private watchdog: Watchdog;
  private latestId = 0;
  private latest: Assumptions | undefined;
  private pending = false;
  private restarts = 0;
  private stopped = false;
  /** The tape in use (undefined: the deployment's own) and tapes sent but not yet answered, in order. */
  private adopted: ChosenTape | undefined;
  private queued: QueuedTape[] = [];
  /** The first `ready` of each worker is its bundled tape; later ones answer queued tapes. */
  private bundledReady = false;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly init: InitRequest,
    private readonly events: EngineClientEvents,
    private readonly options: EngineClientOptions = DEFAULT_CLIENT_OPTIONS,
  ) {
    this.watchdog = new Watchdog(
      (id) => this.worker.postMessage({ type: 'ping', id }),
      () => this.replace('The engine stopped answering.'),
      options.watchdog,
    );
    this.worker = this.start();
  }

  private start(): WorkerLike {
    const worker = this.createWorker();
    worker.addEventListener('message', ({ data }) => {
      if (worker === this.worker) this.receive(data);
    });
    worker.addEventListener('error', (event) => {
      if (worker === this.worker) this.replace(event.message || 'The engine worker stopped.');
    });
    this.bundledReady = false;
    worker.postMessage(this.init);
    return worker;
  }

  evaluate(assumptions: Assumptions): number {
    const id = ++this.latestId;
    this.latest = assumptions;
    this.setPending(true);
    this.worker.postMessage({ type: 'evaluate', id, assumptions });
    return id;
  }

  /** Sends a chosen tape; it replaces the tape in use once the worker has checked it. */
  loadPortfolio(tape: ChosenTape): void {
    this.send(tape);
    if (this.latest) this.evaluate(this.latest);
  }

  /** Goes back to the deployment's own tape. */
  loadBundledPortfolio(): void {
    this.send('bundled');
    if (this.latest) this.evaluate(this.latest);
  }

  private send(tape: QueuedTape) {
    this.queued.push(tape);
    this.worker.postMessage(
      tape === 'bundled' ? { type: 'load-bundled-portfolio' } : { type: 'load-portfolio', name: tape.name, bytes: tape.bytes },
    );
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
        this.setPending(false);
        break;
      case 'fatal':
        this.stop();
        break;
      case 'ready':
        this.settleTape(true);
        break;
      case 'portfolio-refused':
        this.settleTape(false);
        break;
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
    const tape = this.queued.shift();
    if (!adopted || !tape) return;
    this.adopted = tape === 'bundled' ? undefined : tape;
    this.events.onTapeAdopted?.(this.adopted ?? null);
  }

  private replace(why: string) {
    if (this.stopped) return;
    this.worker.terminate();
    if (++this.restarts > this.options.maxRestarts) {
      this.stop();
      this.events.onMessage({
        type: 'fatal',
        reason: 'worker-crashed',
        message: `${why} It was restarted ${this.options.maxRestarts} times and stopped again.`,
      });
      return;
    }
    this.events.onMessage({ type: 'restarting', message: why });
    this.worker = this.start();
    // The tape in use and any still queued go to the new worker in the same order.
    const tapes = [...(this.adopted ? [this.adopted] : []), ...this.queued];
    this.queued = [];
    this.adopted = undefined;
    for (const tape of tapes) this.send(tape);
    if (this.latest) this.evaluate(this.latest);
  }

  private stop() {
    this.stopped = true;
    this.watchdog.rest();
    this.setPending(false);
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
    this.worker.terminate();
  }
}
