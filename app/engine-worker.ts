/**
 * The engine worker, started as soon as the page's first code runs: before the dashboard's own code
 * has arrived and rendered, so that the worker's code, the model, the runtime's WebAssembly and the
 * tape are on their way (and the model verifying) while the page builds itself. The dashboard's
 * engine client then takes this worker over; a replacement (after a worker died) is started afresh.
 */
import type { InitRequest, WorkerLike, WorkerRequest, WorkerResponse } from '@/lib/worker';

export const BUNDLED_PORTFOLIO = { url: '/portfolios/lending_club.csv', name: 'Lending Club 2016 Q1' };
export const MANIFEST_URL = '/models/lending-club-pd.manifest.json';

/**
 * Model instances that score at once: one per core, up to four. The page's own thread is idle while
 * the book is scored (it waits for the answer), so it needs no core of its own then.
 */
const scorerCount = () => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));

/** What every engine worker is started with: the deployment's model and tape (the same for the early one and a replacement). */
export function engineInit(): InitRequest {
  return {
    type: 'init',
    manifestUrl: MANIFEST_URL,
    portfolioUrl: BUNDLED_PORTFOLIO.url,
    portfolioName: BUNDLED_PORTFOLIO.name,
    wasmPaths: `${window.location.origin}/ort/`,
    scorers: scorerCount(),
    pins: { modelSha256: process.env.RISKDIAL_PIN_MODEL_SHA256, cardSha256: process.env.RISKDIAL_PIN_CARD_SHA256 },
  };
}

const newEngineWorker = (): Worker =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'riskdial-engine' });

type Said = { data: WorkerResponse } | { message?: string };
type Listener = (event: Said) => void;

/**
 * A worker started before anyone listens: what it says meanwhile is kept and given to the first
 * listener, so nothing (its `ready`, an error) is lost however late the dashboard comes. It was sent
 * its init when started: the client's own init, the same request, is not sent twice.
 */
export class EarlyWorker implements WorkerLike {
  private readonly heard: { type: 'message' | 'error'; event: Said }[] = [];
  private readonly listeners: { type: 'message' | 'error'; listener: Listener }[] = [];

  constructor(
    private readonly worker: Worker,
    init: InitRequest,
  ) {
    for (const type of ['message', 'error'] as const) {
      worker.addEventListener(type, (event) => {
        const said: Said =
          type === 'message' ? { data: (event as MessageEvent<WorkerResponse>).data } : { message: (event as ErrorEvent).message };
        const listening = this.listeners.filter((l) => l.type === type);
        if (listening.length === 0) this.heard.push({ type, event: said });
        for (const l of listening) l.listener(said);
      });
    }
    worker.postMessage(init);
  }

  postMessage(message: WorkerRequest, transfer?: Transferable[]): void {
    if (message.type === 'init') return;
    this.worker.postMessage(message, transfer ?? []);
  }

  addEventListener(type: 'message', listener: (event: { data: WorkerResponse }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  addEventListener(type: 'message' | 'error', listener: (event: never) => void): void {
    this.listeners.push({ type, listener: listener as Listener });
    const kept = this.heard.filter((h) => h.type === type);
    this.heard.splice(0, this.heard.length, ...this.heard.filter((h) => h.type !== type));
    // After the caller's own start is done (a client sets itself up after adding its listeners); a
    // microtask, so before the worker's next message, which comes in a task of its own.
    queueMicrotask(() => {
      for (const h of kept) (listener as Listener)(h.event);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}

let early: WorkerLike | undefined;

/** Starts the engine worker now (in the browser; once). */
export function startEngineEarly(): void {
  if (typeof window === 'undefined' || typeof Worker === 'undefined' || early) return;
  try {
    early = new EarlyWorker(newEngineWorker(), engineInit());
  } catch {
    early = undefined; // the client starts its own, and reports what stops it
  }
}

/** The early worker the first time (if there is one), a new one after that. */
export function engineWorker(): WorkerLike {
  const taken = early;
  early = undefined;
  return taken ?? newEngineWorker();
}
