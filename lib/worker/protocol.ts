/** Messages between the page and the engine worker. Every reply to an evaluation carries its request id. */
import type { ScenarioEvaluation } from '../engine';
import type { SelfTestReport } from '../model';
import type { TapeIssue } from '../portfolio';
import type { Assumptions } from '../scenario';

export interface InitRequest {
  type: 'init';
  manifestUrl: string;
  portfolioUrl: string;
  portfolioName: string;
  /** Where the onnxruntime-web WebAssembly files are served (same origin). */
  wasmPaths: string;
  /** Model instances scoring at once, one per core: the worker's own plus helpers. */
  scorers: number;
}

export interface EvaluateRequest {
  type: 'evaluate';
  id: number;
  assumptions: Assumptions;
}

export interface LoadPortfolioRequest {
  type: 'load-portfolio';
  name: string;
  csvText: string;
}

export type WorkerRequest = InitRequest | EvaluateRequest | LoadPortfolioRequest;

export interface ModelSummary {
  name: string;
  version: string;
  sha256: string;
  selfTest: SelfTestReport;
  holdoutAuc: number;
  trainingLoans: number;
  /** Model instances that score the book at once, each verified on its own. */
  scorers: number;
}

export interface PortfolioSummary {
  name: string;
  /** SHA-256 of the tape's text as loaded: ties every figure to its data. */
  sha256: string;
  loans: number;
  exposure: number;
  ignoredColumns: string[];
  missingValues: number;
}

export type WorkerResponse =
  | { type: 'ready'; model: ModelSummary; portfolio: PortfolioSummary }
  | { type: 'result'; id: number; evaluation: ScenarioEvaluation; computeMs: number }
  /** The model failed verification or could not load: the page shows this instead of figures. */
  | { type: 'fatal'; title: string; message: string }
  /** A portfolio the user chose was refused; the current one stays. */
  | { type: 'portfolio-refused'; name: string; issues: TapeIssue[]; totalIssues: number }
  | { type: 'evaluation-failed'; id: number; message: string };
