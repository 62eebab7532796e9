/** The engine worker's side of a scoring helper: a `SliceScorer` that sends only what changed. */
import { keptSlices, ModelVerificationError, type SliceScorer } from '../model';
import type { ScorerColumns, ScorerRequest, ScorerResponse } from './scorer-protocol';

export interface ScorerPort {
  postMessage(message: ScorerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: ScorerResponse }) => void): void;
  /** A Worker's uncaught error: the helper is gone, so whatever waits on it fails instead of hanging. */
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
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

  return new Promise((ready, refuse) => {
    port.addEventListener('error', (event) => {
      const failure = new Error(`A scoring helper stopped: ${event.message ?? 'unknown error'}`);
      refuse(failure);
      for (const call of waiting.values()) call.reject(failure);
      waiting.clear();
    });
    port.addEventListener('message', ({ data }) => {
      if (data.type === 'ready') ready(score);
      else if (data.type === 'failed') refuse(data.verification ? new ModelVerificationError(data.message) : new Error(data.message));
      else {
        const call = waiting.get(data.id);
        waiting.delete(data.id);
        if (data.type === 'scored') call?.resolve(data.pd);
        else call?.reject(new Error(`A scoring helper failed: ${data.message}`));
      }
    });
    port.postMessage({ type: 'init', ...init });
  });
}
