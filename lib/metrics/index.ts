export { irbCapitalPerLgd, otherRetailCorrelation } from './irb';
export { SEGMENT_KINDS, bookFromTape, type Book, type SegmentKind } from './book';
export {
  bookMetricsFromSums,
  isApproved,
  loanExpectedLoss,
  portfolioMetrics,
  type BookMetrics,
  type BookSums,
  type MetricsInput,
  type SegmentedMetrics,
} from './portfolio-metrics';
export { pdDistribution, pdHistogram, type PdBucket } from './charts';
export { approvalLadder, ladderRung, strategyCurve, type ApprovalLadder, type CutoffPoint } from './approval-ladder';
export { pairSegments, type SegmentPair } from './segments';
