/** The engine worker's side of a scoring helper: a `SliceScorer` that sends only what changed. */
import { jobSender, type LoanFiguresSlice, type SliceFigures, type TapePartParser } from '../engine';
import { keptSlices, ModelVerificationError, type SliceScorer } from '../model';
import { partFromTransit, type PartInTransit } from '../portfolio';
import { assertNever } from '../util';
import { Watchdog, type WatchdogOptions } from './watchdog';
import type { ScorerColumns, ScorerRequest, ScorerResponse } from './scorer-protocol';

export interface ScorerPort {
  postMessage(message: ScorerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: ScorerResponse }) => void): void;
  /** A Worker's uncaught error: the helper is gone, so whatever waits on it fails instead of hanging. */
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/** The engine worker's watchdog on a helper: a slice of a million loans takes about a second. */
export const HELPER_WATCHDOG: WatchdogOptions = { intervalMs: 1_000, deadAfterMs: 10_000 };

/** A scoring helper stopped or answered with an error: this evaluation has no figures. */
export class ScoringHelperError extends Error {
  override name = 'ScoringHelperError';
}

/**
 * A helper's scorer that can be stopped (when the page brings another model, the old helpers go),
 * and that computes the per-loan figures of its slice of the loans too.
 */
export type ClosableScorer = SliceScorer & { close(): void; loanFigures: LoanFiguresSlice; parseTapePart: TapePartParser };

export interface ScorerInit {
  manifestJson: unknown;
  modelBytes: Uint8Array;
  wasmPaths: string;
}

/** Starts a helper and resolves once it has verified its model (hash and self-test) on its own. */
export function openRemoteScorer(port: ScorerPort, init: ScorerInit, watchdogOptions = HELPER_WATCHDOG): Promise<ClosableScorer> {
  const waiting = new Map<number, { resolve: (answer: never) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let gone: ScoringHelperError | undefined;
  let refuseStart: (e: Error) => void = () => {};
  /** The helper is gone (an error, or silence): everything waiting on it fails, and so does every later call. */
  const fail = (failure: ScoringHelperError) => {
    gone ??= failure;
    watchdog.rest();
    port.terminate();
    refuseStart(failure);
    for (const call of waiting.values()) call.reject(failure);
    waiting.clear();
  };
  const watchdog = new Watchdog(
    (id) => port.postMessage({ type: 'ping', id }),
    () => fail(new ScoringHelperError('A scoring helper stopped answering.')),
    watchdogOptions,
  );
  // The helper keeps what it was sent, so only the slices made anew travel (copied, not transferred:
  // this side keeps them too, to know what is already there).
  const slicesOf = keptSlices();

  /** Sends a request and waits for its answer (or the helper's end). */
  const ask = <T>(request: (id: number) => ScorerRequest): Promise<T> => {
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      if (gone) return reject(gone);
      waiting.set(id, { resolve: resolve as (answer: never) => void, reject });
      watchdog.watch();
      port.postMessage(request(id));
    });
  };

  const score: SliceScorer = (inputs, from, to) => {
    const { slices, fresh } = slicesOf(inputs, from, to);
    const columns: ScorerColumns = Object.fromEntries(fresh.map((name) => [name, slices[name]!]));
    return ask<Float32Array>((id) => ({ type: 'score', id, columns }));
  };

  // The loan columns it holds, likewise: the book's are sent once per tape.
  const sent = jobSender();
  const loanFigures: LoanFiguresSlice = (job, from, to) => {
    const slice = sent(job, from, to);
    return ask<SliceFigures>((id) => ({ type: 'loan-figures', id, ...slice }));
  };

  // A part of a big tape: its text is sent (copied), its typed columns come back moved.
  const parseTapePart: TapePartParser = async (text, specs) =>
    partFromTransit(await ask<PartInTransit>((id) => ({ type: 'parse-tape', id, text, specs })));

  /** The call waiting for answer `id`, no longer waiting. */
  const settle = (id: number) => {
    const call = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) watchdog.rest();
    return call;
  };

  return new Promise((ready, refuse) => {
    refuseStart = refuse;
    port.addEventListener('error', (event) =>
      fail(new ScoringHelperError(`A scoring helper stopped: ${event.message ?? 'unknown error'}`)),
    );
    port.addEventListener('message', ({ data }) => {
      watchdog.heard();
      switch (data.type) {
        case 'pong':
          return;
        case 'ready':
          watchdog.rest();
          return ready(
            Object.assign(score, {
              loanFigures,
              parseTapePart,
              close: () => fail(new ScoringHelperError('This scoring helper was closed.')),
            }),
          );
        case 'failed':
          watchdog.rest();
          port.terminate();
          return refuse(data.reason === 'model-verification' ? new ModelVerificationError(data.message) : new Error(data.message));
        case 'scored':
          return settle(data.id)?.resolve(data.pd as never);
        case 'loan-figures-done':
          return settle(data.id)?.resolve(data.figures as never);
        case 'tape-parsed':
          return settle(data.id)?.resolve(data.part as never);
        case 'score-failed':
          // A helper that cannot score is not trusted with the next slice: it is stopped, and replaced by its supervisor.
          return fail(new ScoringHelperError(`A scoring helper failed: ${data.message}`));
        default:
          return assertNever(data);
      }
    });
    watchdog.watch(); // verifying the model may hang too
    port.postMessage({ type: 'init', ...init });
  });
}
