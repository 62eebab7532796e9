/** The engine worker's side of a scoring helper: a `SliceScorer` that sends only what changed. */
import { keptSlices, ModelVerificationError, type SliceScorer } from '../model';
import { assertNever } from '../util';
import type { ScorerColumns, ScorerRequest, ScorerResponse } from './scorer-protocol';

export interface ScorerPort {
  postMessage(message: ScorerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: ScorerResponse }) => void): void;
  /** A Worker's uncaught error: the helper is gone, so whatever waits on it fails instead of hanging. */
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}

/** A scoring helper stopped or answered with an error: this evaluation has no figures. */
export class ScoringHelperError extends Error {
  override name = 'ScoringHelperError';
}

export interface ScorerInit {
  manifestJson: unknown;
  modelBytes: Uint8Array;
  wasmPaths: string;
}

/** Starts a helper and resolves once it has verified its model (hash and self-test) on its own. */
export function openRemoteScorer(port: ScorerPort, init: ScorerInit): Promise<SliceScorer> {
  const waiting = new Map<number, { resolve: (pd: Float32Array) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  // The helper keeps what it was sent, so only the slices made anew travel (copied, not transferred:
  // this side keeps them too, to know what is already there).
  const slicesOf = keptSlices();

  const score: SliceScorer = (inputs, from, to) => {
    const { slices, fresh } = slicesOf(inputs, from, to);
    const columns: ScorerColumns = Object.fromEntries(fresh.map((name) => [name, slices[name]!]));
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      port.postMessage({ type: 'score', id, columns });
    });
  };

  /** The call waiting for answer `id`, no longer waiting. */
  const settle = (id: number) => {
    const call = waiting.get(id);
    waiting.delete(id);
    return call;
  };

  return new Promise((ready, refuse) => {
    port.addEventListener('error', (event) => {
      const failure = new ScoringHelperError(`A scoring helper stopped: ${event.message ?? 'unknown error'}`);
      refuse(failure);
      for (const call of waiting.values()) call.reject(failure);
      waiting.clear();
    });
    port.addEventListener('message', ({ data }) => {
      switch (data.type) {
        case 'ready':
          return ready(score);
        case 'failed':
          return refuse(data.reason === 'model-verification' ? new ModelVerificationError(data.message) : new Error(data.message));
        case 'scored':
          return settle(data.id)?.resolve(data.pd);
        case 'score-failed':
          return settle(data.id)?.reject(new ScoringHelperError(`A scoring helper failed: ${data.message}`));
        default:
          return assertNever(data);
      }
    });
    port.postMessage({ type: 'init', ...init });
  });
}
