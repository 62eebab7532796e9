export { ScenarioEngine, type BookValidation, type Focus, type LoanLevelResult, type PdScorer, type ScenarioEvaluation } from './engine';
export { openEngine, type OpenResult, type OpenSources, type OpenedEngine } from './open';
export { openVerifiedModel, type CardSource, type VerifiedModel } from './verified-model';
export {
  localTapePart,
  parsePortfolio,
  parsePortfolioInParts,
  portfolioColumnSpecs,
  portfolioNotes,
  type TapePartParser,
} from './portfolio';
export { figuresFromLast } from './from-ladder';
export type { Figures, PolicyEffect, SwapGroup, SwapSet } from './figures';
export type { ScenarioEcl, WeightedEcl } from './weighted-ecl';
export { csvPreamble, reportCsv, scenarioReport, type ReportProvenance, type ReportRow, type ScenarioReport } from './report';
export { cardForModel, type CardOutcome, type CardRequest } from './card-for-model';
export { compareModels, type Comparison, type Disagreement, type ModelSide } from './challenger';
export { PREVIEW_ABOVE_LOANS, PREVIEW_SAMPLE_LOANS, previewEngine, type PreviewEngine } from './preview';
export {
  computeLoanFigures,
  jobReceiver,
  jobSender,
  localSlice,
  shardedLoanFigures,
  type SentJob,
  type LoanFiguresJob,
  type LoanFiguresRunner,
  type LoanFiguresSlice,
  type SliceFigures,
} from './per-loan';
export {
  evaluationPartial,
  mergePartials,
  partialFigures,
  type EvaluationPartial,
  type EvaluationSums,
  type SummedFigures,
} from './partial';
export { modelPointErrors } from './model-points';
export { largestLoans, loanView, type LoanLine, type LoanView } from './loan-view';
export { MAX_COMPARED, compareScenarios, type ComparedScenario, type ScenarioComparison } from './scenario-comparison';
export { drivers, type DrivenKpi, type Drivers, type KpiAttribution, type TornadoBar } from './drivers';
export { breakingPointSeeks, goalSeek, type Seek, type SeekAnswer, type SeekableKpi } from './goal-seek';
export { scoreSummary, type ScoreSummaryInput } from './summary';
