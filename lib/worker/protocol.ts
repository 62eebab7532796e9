/**
 * Messages between the page and the engine worker. Every reply to an evaluation carries its request
 * id. Failures carry a reason code and the technical detail; what the user reads is the page's wording.
 */
import type { ScenarioEvaluation } from '../engine';
import type { ModelFacts, Pins } from '../model';
import type { TapeIssue, TapeNotes } from '../portfolio';
import type { Assumptions, ScenarioSet, Settings } from '../scenario';

export interface InitRequest {
  type: 'init';
  manifestUrl: string;
  portfolioUrl: string;
  portfolioName: string;
  /** Where the onnxruntime-web WebAssembly files are served (same origin). */
  wasmPaths: string;
  /** Model instances scoring at once, one per core: the worker's own plus helpers. */
  scorers: number;
  /** The model and card digests this deployment accepts (none: any that verifies). */
  pins: Pins;
}

export interface EvaluateRequest {
  type: 'evaluate';
  id: number;
  assumptions: Assumptions;
  /** The fixed assumptions (default: DEFAULT_SETTINGS). */
  settings?: Settings;
  /** The probability-weighted scenarios behind the reported ECL (default: DEFAULT_SCENARIO_SET). */
  scenarioSet?: ScenarioSet;
}

export interface LoadPortfolioRequest {
  type: 'load-portfolio';
  name: string;
  /** The file's bytes as chosen: hashed as they are, then read as text (UTF-8 or marked UTF-16). */
  bytes: Uint8Array;
}

/** Back to the deployment's own tape (fetched at init). */
export interface LoadBundledPortfolioRequest {
  type: 'load-bundled-portfolio';
}

/** Are you there? Answered at once, between any two pieces of work: the page's watchdog. */
export interface PingRequest {
  type: 'ping';
  id: number;
}

export type WorkerRequest = InitRequest | EvaluateRequest | LoadPortfolioRequest | LoadBundledPortfolioRequest | PingRequest;

/** The verified model as the page shows it, and how many instances score at once (each verified on its own). */
export interface ModelSummary extends ModelFacts {
  scorers: number;
}

export interface PortfolioSummary {
  name: string;
  /** SHA-256 of the file's bytes, as `sha256sum` gives it: ties every figure to its data. */
  sha256: string;
  loans: number;
  exposure: number;
  /** What the engine did to the data: columns ignored or absent, blank cells imputed. */
  notes: TapeNotes;
}

/** Why the engine cannot show any figure. */
export type FatalReason =
  /** The model's hash or its self-test on the card's reference loans failed (in the worker or a helper). */
  | 'model-verification'
  /** The card, the model or the runtime could not be read or started. */
  | 'model-load'
  /** The tape shipped with the deployment could not be fetched. */
  | 'bundled-portfolio-missing'
  /** The tape shipped with the deployment does not pass its own checks. */
  | 'bundled-portfolio-invalid'
  /** The engine worker itself stopped (it failed to load, or threw outside any request). */
  | 'worker-crashed';

/** Why one evaluation has no figures. */
export type EvaluationFailureReason =
  /** A scoring helper stopped or answered with an error. */
  | 'scoring-failed'
  /** The engine threw while computing the metrics. */
  | 'engine-error';

export interface Ready {
  type: 'ready';
  model: ModelSummary;
  portfolio: PortfolioSummary;
}

export interface Result {
  type: 'result';
  id: number;
  evaluation: ScenarioEvaluation;
  computeMs: number;
}

/** The page shows this instead of figures: nothing more will be answered. */
export interface Fatal {
  type: 'fatal';
  reason: FatalReason;
  message: string;
}

/** A portfolio the user chose was refused; the current one stays. */
export interface PortfolioRefused {
  type: 'portfolio-refused';
  name: string;
  issues: TapeIssue[];
  totalIssues: number;
}

export interface EvaluationFailed {
  type: 'evaluation-failed';
  id: number;
  reason: EvaluationFailureReason;
  message: string;
}

export interface Pong {
  type: 'pong';
  id: number;
}

export type WorkerResponse = Ready | Result | Fatal | PortfolioRefused | EvaluationFailed | Pong;
