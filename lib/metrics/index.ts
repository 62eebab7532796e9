export { CAPITAL_PEAK_PD, irbCapitalPerLgd, otherRetailCorrelation } from './irb';
export {
  SEGMENT_KINDS,
  asNewBusiness,
  bookFromTape,
  orderedLabels,
  perSegmentKind,
  type Book,
  type LoanState,
  type SegmentKind,
} from './book';
export {
  addSums,
  bookCells,
  segmentedFromCells,
  bookMetricsFromSums,
  emptySums,
  isApproved,
  loansStoodFor,
  loanExpectedLoss,
  repriceFunding,
  scaleSums,
  segmentedMetrics,
  type BookMetrics,
  type BookSums,
  type MetricParams,
  type SegmentedMetrics,
  type SegmentedSums,
  type SegmentLabels,
} from './portfolio-metrics';
export {
  baselineMoments,
  lifeHorizon,
  loanFigures,
  newFigureArrays,
  type FigureArrays,
  type LoanFigureParams,
  type LoanFigures,
} from './loan-figures';
export { MOMENTS_STRIDE } from './schedule-moments';
export { pdDistribution, pdHistogram, type PdBucket } from './charts';
export { SUM_BLOCK, addBlocks, addCellBlocks, blockSums, type BlockSums, type CellBlock, type SumsPlan } from './block-sums';
export {
  approvalLadder,
  approvedSums,
  ladderFromRungs,
  ladderRung,
  strategyCurve,
  type ApprovalLadder,
  type CutoffPoint,
} from './approval-ladder';
export { pairSegments, type SegmentPair } from './segments';
