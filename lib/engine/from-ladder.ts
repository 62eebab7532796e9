/**
 * Moving LGD or the cut-off needs no model and no pass over the loans: the last evaluation's
 * approval ladder already holds the scenario book at every cut-off, and LGD scales the losses.
 * The page uses this to show those KPIs in the frame of the key press; the engine's own answer
 * (segments, charts) follows and agrees.
 */
import { bookMetricsFromSums, ladderRung, type BookMetrics } from '../metrics';
import type { Assumptions } from '../scenario';
import type { ScenarioEvaluation } from './engine';

type LadderSource = Pick<ScenarioEvaluation, 'assumptions' | 'approvalLadder' | 'pdLevers'>;

/** The scenario book for `assumptions`, or undefined when they move the PDs (or the cut-off is off the ladder). */
export function bookMetricsFromLadder(last: LadderSource, assumptions: Assumptions): BookMetrics | undefined {
  if (last.pdLevers.some((id) => last.assumptions[id] !== assumptions[id])) return undefined;
  const rung = ladderRung(last.approvalLadder, assumptions.cutoff);
  return rung && bookMetricsFromSums(rung, assumptions.lgd / 100);
}
