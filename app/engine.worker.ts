/// <reference lib="webworker" />
/** The engine's Web Worker: everything heavy (parsing, ONNX inference, metrics) runs here. */
import { createEngineHandler } from '@/lib/worker';
import { openRemoteScorer } from '@/lib/worker';
import type { WorkerRequest } from '@/lib/worker';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const handle = createEngineHandler({
  post: (message) => scope.postMessage(message),
  fetchBytes: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  now: () => performance.now(),
  openHelper: (init) =>
    openRemoteScorer(new Worker(new URL('./scorer.worker.ts', import.meta.url), { type: 'module', name: 'riskdial-scorer' }), init),
});

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  void handle(event.data);
});
