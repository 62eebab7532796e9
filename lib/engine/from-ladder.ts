/**
 * Moving LGD or the cut-off needs no model and no pass over the loans: the last evaluation's sums hold
 * the book and new business at every cut-off, and LGD scales the losses. The page uses this to show
 * those KPIs in the frame of the key press; the engine's own answer (charts, swap sets) follows and agrees.
 */
import type { Assumptions } from '../scenario';
import type { ScenarioEvaluation } from './engine';
import { figuresFrom, type Figures } from './figures';

type LastAnswer = Pick<ScenarioEvaluation, 'assumptions' | 'settings' | 'sources' | 'pdLevers'>;

/** The figures for `assumptions`, or undefined when they move the PDs (or the cut-off is off the ladder). */
export function figuresFromLast(last: LastAnswer, assumptions: Assumptions): Figures | undefined {
  if (last.pdLevers.some((id) => last.assumptions[id] !== assumptions[id])) return undefined;
  return figuresFrom(last.sources, assumptions, last.settings);
}
