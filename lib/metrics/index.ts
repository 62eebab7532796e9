export { IRB_CONFIDENCE, RETAIL_PD_FLOOR, irbCapitalPerLgd, irbRiskWeight, otherRetailCorrelation } from './irb';
export { bookFromTape, type Book, type SegmentKind } from './book';
export {
  FUNDING_RATE,
  SICR_PD_MULTIPLE,
  bookMetricsFromSums,
  portfolioMetrics,
  type BookMetrics,
  type BookSums,
  type MetricsInput,
  type SegmentedMetrics,
} from './portfolio-metrics';
export { PD_BUCKET_EDGES, pdDistribution, pdHistogram, type PdBucket } from './charts';
export { approvalLadder, ladderRung, strategyCurve, type ApprovalLadder, type CutoffPoint } from './approval-ladder';
