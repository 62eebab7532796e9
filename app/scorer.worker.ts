/// <reference lib="webworker" />
/** A scoring helper: its own verified copy of the model on another core, started by the engine worker. */
import { createScorerHandler } from '@/lib/worker';
import type { ScorerRequest } from '@/lib/worker';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createScorerHandler((message, transfer) => scope.postMessage(message, transfer ?? []));

scope.addEventListener('message', (event: MessageEvent<ScorerRequest>) => {
  void handle(event.data);
});
