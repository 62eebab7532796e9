/**
 * The page's side of the engine worker. `evaluate` may be called on every slider step: each call
 * supersedes the previous one, and a result is delivered only if it answers the latest call.
 */
import type { Assumptions } from '../scenario';
import type { WorkerRequest, WorkerResponse } from './protocol';

export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerResponse }) => void): void;
  /** The worker failed to load or threw outside any request: nothing more will be answered. */
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

export interface EngineClientEvents {
  onMessage: (message: WorkerResponse) => void;
  onPendingChange: (pending: boolean) => void;
}

export class EngineClient {
  private latestId = 0;
  private pending = false;

  constructor(
    private readonly worker: WorkerLike,
    private readonly events: EngineClientEvents,
  ) {
    worker.addEventListener('message', ({ data }) => this.receive(data));
    worker.addEventListener('error', (event) =>
      this.receive({ type: 'fatal', reason: 'worker-crashed', message: event.message || 'The engine worker stopped.' }),
    );
  }

  send(request: Exclude<WorkerRequest, { type: 'evaluate' }>): void {
    this.worker.postMessage(request);
  }

  evaluate(assumptions: Assumptions): number {
    const id = ++this.latestId;
    this.setPending(true);
    this.worker.postMessage({ type: 'evaluate', id, assumptions });
    return id;
  }

  private receive(message: WorkerResponse) {
    if (message.type === 'result' || message.type === 'evaluation-failed') {
      if (message.id !== this.latestId) return; // stale: a newer request is on its way
      this.setPending(false);
    }
    if (message.type === 'fatal') this.setPending(false); // nothing more will be answered
    this.events.onMessage(message);
  }

  private setPending(pending: boolean) {
    if (pending === this.pending) return;
    this.pending = pending;
    this.events.onPendingChange(pending);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
