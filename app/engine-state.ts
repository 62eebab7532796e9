/**
 * What the page knows of its engine, as one value reduced from the worker's messages by a pure
 * function. The shape rules out what must never be on screen: figures beside a fatal error, figures
 * of an evaluation that failed (they are withheld, not kept), figures of the previous tape under a
 * newly loaded one.
 */
import type {
  BookValidation,
  ComparedScenario,
  Comparison,
  Drivers,
  Focus,
  LoanLine,
  LoanView,
  ScenarioComparison,
  ScenarioEvaluation,
  SeekAnswer,
} from '@/lib/engine';
import type { Assumptions } from '@/lib/scenario';
import { assertNever } from '@/lib/util';
import type {
  EvaluationFailureReason,
  FatalReason,
  ChallengerGone,
  ModelRefused,
  ModelSummary,
  PortfolioRefused,
  PortfolioSummary,
  PreviewNote,
  Restarting,
  WorkerResponse,
} from '@/lib/worker';

/** The figures of the current tape: on their way, on show, or withheld because their evaluation failed. */
export type Figures =
  | { kind: 'awaiting' }
  | { kind: 'shown'; evaluation: ScenarioEvaluation; computeMs: number; preview?: PreviewNote }
  | { kind: 'withheld'; reason: EvaluationFailureReason; message: string };

export type EngineState =
  /**
   * The model is being verified; `pending` while an evaluation has been asked for. `recovering` says
   * why: a worker that died is being replaced (its figures are gone until the new one answers).
   */
  | { status: 'loading'; pending: boolean; recovering?: Omit<Restarting, 'type'>; refusal?: PortfolioRefused; modelRefusal?: ModelRefused }
  /** Nothing can be shown: the model failed its check, or the engine could not start or stopped. */
  | { status: 'failed'; reason: FatalReason; message: string }
  | {
      status: 'ready';
      model: ModelSummary;
      portfolio: PortfolioSummary;
      figures: Figures;
      /** The last file the user chose that was refused; the current tape stays. */
      refusal?: PortfolioRefused;
      /** The last model the user brought that was refused; the current model stays. */
      modelRefusal?: ModelRefused;
      /** A second model scored beside this one, its comparison once asked, or why there is none. */
      challenger?: { model: ModelSummary; comparison?: Comparison };
      challengerProblem?: ChallengerGone;
      /** How the model does on this tape: arrives after the first figures, and joins every figures shown. */
      validation?: BookValidation;
      /** What drove the figures, for the levers it was asked for (the page asks once the figures rest). */
      drivers?: { assumptions: Assumptions; drivers: Drivers } | { assumptions: Assumptions; failed: string };
      /** The last goal seek's answers (the breaking points among them), for the levers it was asked for. */
      seek?: { assumptions: Assumptions; answers: SeekAnswer[] } | { assumptions: Assumptions; failed: string };
      /** The largest loans of the book or segment on show, and the loan chosen among them. */
      loans?:
        | { assumptions: Assumptions; focus?: Focus; largest: LoanLine[]; view?: LoanView }
        | { assumptions: Assumptions; focus?: Focus; failed: string };
      /** The last comparison of scenarios side by side, for the scenarios it was asked for. */
      scenarios?: { scenarios: ComparedScenario[]; comparison: ScenarioComparison } | { scenarios: ComparedScenario[]; failed: string };
      pending: boolean;
    };

/** The engine client's own event: an answer to the latest request is (or is no longer) awaited. */
export interface PendingChanged {
  type: 'pending';
  pending: boolean;
}

export type EngineEvent = WorkerResponse | Restarting | PendingChanged;

export const INITIAL_ENGINE_STATE: EngineState = { status: 'loading', pending: false };

export function nextEngineState(state: EngineState, event: EngineEvent): EngineState {
  if (state.status === 'failed') return state; // final: nothing after a fatal is believed
  switch (event.type) {
    case 'pending':
      return { ...state, pending: event.pending };
    case 'pong':
      return state;
    case 'restarting':
      return { status: 'loading', pending: state.pending, recovering: { reason: event.reason, detail: event.detail } };
    case 'fatal':
      return { status: 'failed', reason: event.reason, message: event.message };
    case 'ready': {
      // A (new) tape: nothing computed on the previous one is shown beside it. A refusal made while
      // the model was loading still stands; one made before a newer tape was adopted does not.
      const ready: EngineState = {
        status: 'ready',
        model: event.model,
        portfolio: event.portfolio,
        figures: { kind: 'awaiting' },
        pending: state.pending,
        // The worker keeps the challenger across tapes (or says it is gone); its comparison was of the old tape.
        ...(state.status === 'ready' && state.challenger ? { challenger: { model: state.challenger.model } } : {}),
      };
      return state.status === 'loading' && state.refusal ? { ...ready, refusal: state.refusal } : ready;
    }
    case 'result': {
      if (state.status !== 'ready') return state;
      const evaluation =
        event.evaluation.validation || !state.validation ? event.evaluation : { ...event.evaluation, validation: state.validation };
      return {
        ...state,
        figures: { kind: 'shown', evaluation, computeMs: event.computeMs, ...(event.preview ? { preview: event.preview } : {}) },
      };
    }
    case 'prepared': {
      // Figures the worker worked out ahead for exactly the levers just asked for (use-scenario-engine matches them):
      // shown in the key press's own frame; the answer still pending brings the same figures. A big book's are its
      // preview's, shown as a preview until the exact figures come.
      if (state.status !== 'ready' || state.figures.kind !== 'shown') return state;
      if (state.figures.preview && !event.preview) return state;
      const evaluation =
        event.evaluation.validation || !state.validation ? event.evaluation : { ...event.evaluation, validation: state.validation };
      return { ...state, figures: { kind: 'shown', evaluation, computeMs: 0, ...(event.preview ? { preview: event.preview } : {}) } };
    }
    case 'validation': {
      if (state.status !== 'ready') return state;
      const { figures } = state;
      const shown =
        figures.kind === 'shown' ? { figures: { ...figures, evaluation: { ...figures.evaluation, validation: event.validation } } } : {};
      return { ...state, validation: event.validation, ...shown };
    }
    case 'evaluation-failed':
      if (state.status !== 'ready') return state;
      return { ...state, figures: { kind: 'withheld', reason: event.reason, message: event.message } };
    case 'portfolio-refused':
      return { ...state, refusal: event };
    case 'model-refused':
      return { ...state, modelRefusal: event };
    case 'challenger-ready':
      if (state.status !== 'ready') return state;
      return { ...state, challenger: { model: event.model }, challengerProblem: undefined };
    case 'challenger-gone':
      if (state.status !== 'ready') return state;
      return { ...state, challenger: undefined, challengerProblem: event.problems.length ? event : undefined };
    case 'comparison':
      if (state.status !== 'ready' || !state.challenger) return state;
      return { ...state, challenger: { ...state.challenger, comparison: event.comparison } };
    case 'drivers': {
      if (state.status !== 'ready') return state;
      const { type: _type, id: _id, ...answer } = event;
      return { ...state, drivers: answer };
    }
    case 'goal-seek': {
      if (state.status !== 'ready') return state;
      const { type: _type, id: _id, ...answer } = event;
      return { ...state, seek: answer };
    }
    case 'loans': {
      if (state.status !== 'ready') return state;
      const { type: _type, id: _id, ...answer } = event;
      return { ...state, loans: answer };
    }
    case 'compare-scenarios': {
      if (state.status !== 'ready') return state;
      const { type: _type, id: _id, ...answer } = event;
      return { ...state, scenarios: answer };
    }
    case 'export-loans':
      return state; // answered to the export that asked (use-scenario-engine), never kept in the page's state
    default:
      return assertNever(event);
  }
}

/** The figures on show, or undefined while there are none that answer the current tape. */
export function shownEvaluation(state: EngineState): ScenarioEvaluation | undefined {
  return state.status === 'ready' && state.figures.kind === 'shown' ? state.figures.evaluation : undefined;
}

/** Whether the figures on show may be exported: shown, and no newer answer on its way. */
export function exportable(state: EngineState) {
  const evaluation = shownEvaluation(state);
  return state.status === 'ready' && evaluation && !state.pending && state.figures.kind === 'shown' && !state.figures.preview
    ? { evaluation, model: state.model, portfolio: state.portfolio }
    : undefined;
}
