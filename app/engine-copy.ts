/** What the page says when the engine cannot answer: the worker sends reason codes, the wording lives here. */
import type { EvaluationFailureReason, FatalReason, RestartReason } from '@/lib/worker';

export const FATAL_TITLE: Record<FatalReason, string> = {
  'model-verification': 'Model verification failed — figures withheld',
  'model-load': 'The model could not be loaded',
  'bundled-portfolio-missing': 'The bundled portfolio could not be loaded',
  'bundled-portfolio-invalid': 'The bundled portfolio is invalid',
  'worker-crashed': 'The engine stopped',
};

export const EVALUATION_FAILURE_TITLE: Record<EvaluationFailureReason, string> = {
  'scoring-failed': 'A scoring instance failed — figures withheld',
  'engine-error': 'The scenario could not be computed — figures withheld',
};

/** Why a withheld figure is withheld, under every such notice. */
export const WITHHELD_NOTE = 'Figures are withheld: the board only sees what the validated model computes.';

/** Why the engine is being restarted, first words of the notice. */
export const RESTART_REASON: Record<RestartReason, string> = {
  'worker-error': 'The engine stopped with an error.',
  'worker-silent': 'The engine stopped answering.',
};

/** More to say under some fatal titles. */
export const FATAL_EXPLANATION: Partial<Record<FatalReason, string>> = {
  'worker-crashed': 'It was restarted and stopped again; reload the page to try once more.',
};
