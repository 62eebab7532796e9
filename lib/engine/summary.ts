/**
 * What the batch face prints and the REST face returns for one scoring of a tape: the model and tape
 * with their hashes, the scenario, and every figure of the book, new business, both, the policy, the
 * weighted ECL and the segments. One shape, so the two faces cannot drift.
 */
import type { ModelFacts } from '../model';
import type { ModelPointsReport, TapeNotes } from '../portfolio';
import type { ScenarioFile } from '../scenario';
import type { SummedFigures } from './partial';

export interface ScoreSummaryInput {
  model: ModelFacts;
  /** How a card drafted for a brought model matched its inputs (the batch face's `--model` without `--card`). */
  drafted?: object;
  portfolio: { file: string; loans: number; sha256: string; notes: TapeNotes; chunks?: number; workers?: number };
  scenario: ScenarioFile;
  figures: SummedFigures;
  modelPoints?: ModelPointsReport & { file: string };
}

export function scoreSummary(s: ScoreSummaryInput) {
  const { figures } = s;
  return {
    model: s.model,
    ...(s.drafted ? { card: { drafted: true, ...s.drafted } } : {}),
    // The same hashes the page shows and exports, and sha256sum gives: a figure is matched to its data.
    portfolio: s.portfolio,
    ...s.scenario,
    exposureBasis: figures.exposureBasis,
    clamped: figures.clamped,
    baseline: figures.baseline.book,
    scenario: figures.scenario.book,
    newBusiness: figures.newBusiness,
    combined: figures.combined,
    policy: figures.policy,
    swap: figures.swap,
    weightedEcl: figures.weighted,
    segments: figures.scenario.segments,
    ...(s.modelPoints ? { modelPoints: s.modelPoints } : {}),
  };
}
