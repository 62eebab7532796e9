/** The engine worker's side of a scoring helper: a `SliceScorer` that sends only what changed. */
import { ModelVerificationError, type SliceScorer } from '../model';
import type { ModelInputs } from '../model/inputs';
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
  // Inputs are never mutated once scored (shocks copy a column before changing it), so an
  // identical column object over the same rows is already on the helper's side.
  const sent = new Map<string, { column: ModelInputs[string]; from: number; to: number }>();

  const score: SliceScorer = (inputs, from, to) => {
    const columns: ScorerColumns = {};
    const transfer: Transferable[] = [];
    for (const [name, column] of Object.entries(inputs)) {
      const last = sent.get(name);
      if (last && last.column === column && last.from === from && last.to === to) continue;
      const slice = column.slice(from, to);
      columns[name] = slice as Float32Array | string[];
      if (slice instanceof Float32Array) transfer.push(slice.buffer);
      sent.set(name, { column, from, to });
    }
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      port.postMessage({ type: 'score', id, columns }, transfer);
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
