/**
 * Messages between the page and the engine worker. Every reply to an evaluation carries its request
 * id. Failures carry a reason code and the technical detail; what the user reads is the page's wording.
 */
import type {
  BookValidation,
  ComparedScenario,
  Comparison,
  DrivenKpi,
  Drivers,
  Focus,
  LoanLevelResult,
  LoanLine,
  LoanView,
  ScenarioComparison,
  ScenarioEvaluation,
  Seek,
  SeekAnswer,
} from '../engine';
import type { DraftChoices, InputMapping, ModelFacts, Pins, ReferenceSource } from '../model';
import type { GraphValue } from '../onnx';
import type { BookColumns, ModelPointsReport, TapeColumn, TapeIssue, TapeNotes } from '../portfolio';
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
  /** A segment drilled into: every figure is its loans' only (and the idle work after it too). */
  focus?: Focus;
}

/**
 * A loan tape as the user chose it: the file itself, read in the worker (hashed as it is, then read as
 * text, UTF-8 or marked UTF-16). A Blob goes between threads and into IndexedDB by reference: a
 * million loans' hundred megabytes are never copied on the page's thread nor held by the page.
 */
export interface TapeFile {
  name: string;
  file: Blob;
}

export interface LoadPortfolioRequest extends TapeFile {
  type: 'load-portfolio';
}

/** Back to the deployment's own tape (fetched at init). */
export interface LoadBundledPortfolioRequest {
  type: 'load-bundled-portfolio';
}

/**
 * A model the user brought: with its card (one step), or with the wizard's choices (a card is drafted
 * from the graph and the tape loaded now). The current model and figures stay until the new one has
 * passed every check on every instance.
 */
export interface LoadModelRequest {
  type: 'load-model';
  modelName: string;
  modelBytes: Uint8Array;
  card?: { name: string; bytes: Uint8Array };
  choices?: DraftChoices;
  /** A tape column of the PDs the model's owner expects: verifies the model now. */
  referenceColumn?: string;
  /**
   * The tape to match the model to, where it is not the one in use: a bank's tape that the current
   * model refused (its columns have other names). Model and tape are adopted together, or neither.
   */
  tape?: TapeFile;
}

/** Back to the deployment's own model (and its card). */
export interface LoadBundledModelRequest {
  type: 'load-bundled-model';
}

/** A second model scored beside the one in use on the same tape (one instance; it never drives the page until swapped). */
export interface LoadChallengerRequest {
  type: 'load-challenger';
  modelName: string;
  modelBytes: Uint8Array;
  card?: { name: string; bytes: Uint8Array };
  choices?: DraftChoices;
}

export interface RemoveChallengerRequest {
  type: 'remove-challenger';
}

/** The challenger drives the page; the model in use becomes the challenger. */
export interface SwapChallengerRequest {
  type: 'swap-challenger';
}

/** Champion and challenger side by side under these levers (answered when both have computed them). */
export interface CompareRequest {
  type: 'compare';
  id: number;
  assumptions: Assumptions;
  settings?: Settings;
  scenarioSet?: ScenarioSet;
}

/**
 * What drove the figures under these levers (attribution and tornado): worked out when the worker is
 * idle, given up for any newer evaluation and taken up again after it; only the latest ask is answered.
 */
export interface DriversRequest {
  type: 'drivers';
  id: number;
  assumptions: Assumptions;
  settings?: Settings;
  scenarioSet?: ScenarioSet;
  /** The KPI the tornado swings. */
  kpi?: DrivenKpi;
}

/** Which value of a lever brings a KPI to a target (and the breaking points): worked out when idle, like the drivers. */
export interface GoalSeekRequest {
  type: 'goal-seek';
  id: number;
  assumptions: Assumptions;
  settings?: Settings;
  seeks: Seek[];
}

/** Two to four scenarios side by side, and the set's weighted result: worked out when idle, like the drivers. */
export interface CompareScenariosRequest {
  type: 'compare-scenarios';
  id: number;
  scenarios: ComparedScenario[];
  settings?: Settings;
  scenarioSet?: ScenarioSet;
}

/** The largest loans of the book (or the segment drilled into) and, when one is chosen, that loan alone: worked out when idle. */
export interface LoansRequest {
  type: 'loans';
  id: number;
  assumptions: Assumptions;
  settings?: Settings;
  focus?: Focus;
  /** The loan to show, by its place in the book (or segment) the list came from. */
  loan?: number;
}

/** Every loan's figures under these levers, in tape order, for an export: worked out when idle, the latest ask answered. */
export interface ExportLoansRequest {
  type: 'export-loans';
  id: number;
  assumptions: Assumptions;
  settings?: Settings;
}

/** Are you there? Answered at once, between any two pieces of work: the page's watchdog. */
export interface PingRequest {
  type: 'ping';
  id: number;
}

export type WorkerRequest =
  | InitRequest
  | EvaluateRequest
  | LoadPortfolioRequest
  | LoadBundledPortfolioRequest
  | LoadModelRequest
  | LoadBundledModelRequest
  | LoadChallengerRequest
  | RemoveChallengerRequest
  | SwapChallengerRequest
  | CompareRequest
  | DriversRequest
  | GoalSeekRequest
  | CompareScenariosRequest
  | LoansRequest
  | ExportLoansRequest
  | PingRequest;

/** The verified model as the page shows it, and how many instances score at once (each verified on its own). */
export interface ModelSummary extends ModelFacts {
  scorers: number;
  /** The card the model runs with (a drafted one included), to download and load again in one step. */
  cardJson: string;
  /** 'deployment' for the model the page ships with; 'brought' for one the user loaded. */
  origin: 'deployment' | 'brought';
  /** Where the card's reference PDs came from (a first run pins the file only: the page says so). */
  referenceSource?: ReferenceSource;
  /** How a drafted card matched the model's inputs to the tape, the class read as default, and what the wizard needs to adjust it. */
  drafted?: {
    mappings: InputMapping[];
    defaultClass?: { label: string; assumed: boolean };
    book: Partial<BookColumns>;
    choices: DraftChoices;
  } & WizardContext;
  /** Levers the card declares as not reaching this model's PD. */
  inertLevers: string[];
}

export interface PortfolioSummary {
  name: string;
  /** SHA-256 of the file's bytes, as `sha256sum` gives it: ties every figure to its data. */
  sha256: string;
  /** Loans the tape stands for: its rows, or the sum of its model points' weights. */
  loans: number;
  exposure: number;
  /** What the engine did to the data: columns ignored or absent, blank cells imputed. */
  notes: TapeNotes;
  /** Where the tape is weighted model points: how many rows, and the report of the run that made them (if it came with the file). */
  modelPoints?: { rows: number; report?: ModelPointsReport };
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
  /** Figures from a sample of a big book, sent first: the exact figures for the same request follow (unless a newer request replaces it). */
  preview?: PreviewNote;
  /** The figures were worked out ahead, while the worker was idle: the next step of the lever being stepped. */
  prepared?: true;
}

/**
 * Figures worked out ahead while the worker was idle: the next step of the lever being stepped on the
 * whole book. The page shows them at once if the sliders come to exactly these levers and settings.
 */
export interface Prepared {
  type: 'prepared';
  evaluation: ScenarioEvaluation;
  /** Figures of a big book's preview sample, shown as a preview until the exact figures come. */
  preview?: PreviewNote;
}

export interface PreviewNote {
  sampleLoans: number;
  bookLoans: number;
  /** How the sample was drawn and scaled, in words. */
  method: string;
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

/** What the mapping wizard shows: the graph's inputs and outputs, and the loaded tape's columns to choose from. */
export interface WizardContext {
  /** Absent when the file is not a model. */
  graph?: { inputs: GraphValue[]; outputs: GraphValue[]; classLabels: string[] | null; producer: string };
  columns: TapeColumn[];
}

/** A brought model was not adopted: why, and what the wizard needs to let the user decide the rest. */
export interface ModelRefused extends WizardContext {
  type: 'model-refused';
  modelName: string;
  problems: string[];
  mappings: InputMapping[];
  defaultClass?: { label: string; assumed: boolean };
  /** The book's columns as far as they were found. */
  book?: Partial<BookColumns>;
}

export interface ChallengerReady {
  type: 'challenger-ready';
  model: ModelSummary;
}

/** No challenger (any more): refused, removed, or unable to read a newly loaded tape. */
export interface ChallengerGone {
  type: 'challenger-gone';
  modelName?: string;
  /** Why, where it was not the user's own removal. */
  problems: string[];
}

export interface ComparisonResult {
  type: 'comparison';
  id: number;
  comparison: Comparison;
}

/**
 * How the model does on the tape now scored (outcomes, stability): computed once per tape when the
 * worker is idle after its first answer, so a big tape's bootstrap never delays the first figures.
 * Every later result carries it too.
 */
export interface BookValidated {
  type: 'validation';
  validation: BookValidation;
}

export type DriversResult =
  | { type: 'drivers'; id: number; assumptions: Assumptions; drivers: Drivers }
  | { type: 'drivers'; id: number; assumptions: Assumptions; failed: string };

export type GoalSeekResult =
  | { type: 'goal-seek'; id: number; assumptions: Assumptions; answers: SeekAnswer[] }
  | { type: 'goal-seek'; id: number; assumptions: Assumptions; failed: string };

export type ScenarioComparisonResult =
  | { type: 'compare-scenarios'; id: number; scenarios: ComparedScenario[]; comparison: ScenarioComparison }
  | { type: 'compare-scenarios'; id: number; scenarios: ComparedScenario[]; failed: string };

export type LoansResult =
  | { type: 'loans'; id: number; assumptions: Assumptions; focus?: Focus; largest: LoanLine[]; view?: LoanView }
  | { type: 'loans'; id: number; assumptions: Assumptions; focus?: Focus; failed: string };

export type ExportLoansResult =
  | { type: 'export-loans'; id: number; assumptions: Assumptions; loans: LoanLevelResult }
  | { type: 'export-loans'; id: number; assumptions: Assumptions; failed: string };

export interface Pong {
  type: 'pong';
  id: number;
}

export type WorkerResponse =
  | Ready
  | Result
  | Prepared
  | Fatal
  | PortfolioRefused
  | ModelRefused
  | ChallengerReady
  | ChallengerGone
  | ComparisonResult
  | EvaluationFailed
  | BookValidated
  | DriversResult
  | GoalSeekResult
  | ScenarioComparisonResult
  | LoansResult
  | ExportLoansResult
  | Pong;
