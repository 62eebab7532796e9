/**
 * The engine worker's handler behind the WorkerLike interface, in this process (Node only): what
 * the page's client talks to, with the faults a real worker can have. `close` stands for the worker
 * closing itself (it goes quiet, no error), `crash` for an uncaught error.
 */
import { readFileSync } from 'node:fs';
import { createEngineHandler, openRemoteScorer, type WorkerLike, type WorkerRequest, type WorkerResponse } from '../worker';
import { MANIFEST_PATH, MODEL_PATH, TAPE_PATH } from './bundled';
import { startHelperChannel } from './helper-channel';

export const BUNDLED_URLS = {
  manifestUrl: '/models/lending-club-pd.manifest.json',
  modelUrl: '/models/lending-club-pd.onnx',
  portfolioUrl: '/portfolios/lending_club.csv',
} as const;

const FILES: Record<string, string> = {
  [BUNDLED_URLS.manifestUrl]: MANIFEST_PATH,
  [BUNDLED_URLS.modelUrl]: MODEL_PATH,
  [BUNDLED_URLS.portfolioUrl]: TAPE_PATH,
};

/** Reads the bundled files by their page URLs; `overrides` replaces a file's bytes (a tampered card, say). */
export function bundledFetch(overrides: Record<string, Uint8Array> = {}) {
  return async (url: string): Promise<Uint8Array> => {
    const override = overrides[url];
    if (override) return override;
    const path = FILES[url];
    if (!path) throw new Error(`Could not load ${url}: HTTP 404`);
    return new Uint8Array(readFileSync(path));
  };
}

export function inProcessWorker(fetchBytes = bundledFetch()) {
  const listeners: { message: ((e: { data: WorkerResponse }) => void)[]; error: ((e: { message?: string }) => void)[] } = {
    message: [],
    error: [],
  };
  const received: WorkerRequest[] = [];
  let quiet = false;
  let terminated = false;
  const handle = createEngineHandler({
    post: (data) => {
      if (!quiet && !terminated) setTimeout(() => listeners.message.forEach((l) => l({ data })), 0);
    },
    fetchBytes,
    now: () => performance.now(),
    openHelper: (init) => openRemoteScorer(startHelperChannel().port, init),
  });
  const worker: WorkerLike = {
    postMessage: (message) => {
      received.push(message);
      if (!quiet && !terminated) setTimeout(() => void handle(message), 0);
    },
    addEventListener: (type: 'message' | 'error', listener: never) => {
      listeners[type].push(listener);
    },
    terminate: () => {
      terminated = true;
    },
  };
  return {
    worker,
    received,
    close: () => {
      quiet = true;
    },
    crash: (message: string) => listeners.error.forEach((l) => l({ message })),
    isTerminated: () => terminated,
  };
}
