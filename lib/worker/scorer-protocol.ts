/**
 * Messages between the engine worker and a scoring helper: a second instance of the same verified
 * model, on another core, that scores a slice of the loans. A helper keeps the columns it was sent,
 * so a request carries only the columns that changed since the last one (the shocked inputs).
 */
import type { SentJob, SliceFigures } from '../engine';
import type { ColumnSpec, PartInTransit } from '../portfolio';

export type ScorerColumns = Record<string, Float32Array | string[]>;

export interface ScorerInitRequest {
  type: 'init';
  manifestJson: unknown;
  modelBytes: Uint8Array;
  wasmPaths: string;
}

export interface ScoreRequest {
  type: 'score';
  id: number;
  columns: ScorerColumns;
}

/** The per-loan figures of this helper's slice of the loans (the loan columns it keeps, updated by `loans`). */
export interface LoanFiguresRequest extends SentJob {
  type: 'loan-figures';
  id: number;
}

/** One part of a big tape to parse and check (the header and some of its records): a tape parsed on every core. */
export interface ParseTapeRequest {
  type: 'parse-tape';
  id: number;
  text: string;
  specs: readonly ColumnSpec[];
}

/** Are you there? Answered between any two slices: the engine worker's watchdog. */
export interface ScorerPing {
  type: 'ping';
  id: number;
}

export type ScorerRequest = ScorerInitRequest | ScoreRequest | LoanFiguresRequest | ParseTapeRequest | ScorerPing;

export interface ScorerReady {
  type: 'ready';
}

/** The helper's own check of the model (hash, self-test) failed, or the model did not load. */
export interface ScorerFailed {
  type: 'failed';
  reason: 'model-verification' | 'model-load';
  message: string;
}

export interface Scored {
  type: 'scored';
  id: number;
  pd: Float32Array;
}

export interface LoanFiguresDone {
  type: 'loan-figures-done';
  id: number;
  figures: SliceFigures;
}

export interface TapeParsed {
  type: 'tape-parsed';
  id: number;
  part: PartInTransit;
}

export interface ScoreFailed {
  type: 'score-failed';
  id: number;
  message: string;
}

export interface ScorerPong {
  type: 'pong';
  id: number;
}

export type ScorerResponse = ScorerReady | ScorerFailed | Scored | LoanFiguresDone | TapeParsed | ScoreFailed | ScorerPong;
