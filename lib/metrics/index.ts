export { IRB_CONFIDENCE, RETAIL_PD_FLOOR, irbCapitalPerLgd, irbRiskWeight, otherRetailCorrelation } from './irb';
export { bookFromTape, type Book, type SegmentKind } from './book';
export {
  FUNDING_RATE, SICR_PD_MULTIPLE, portfolioMetrics, type BookMetrics, type MetricsInput, type SegmentedMetrics,
} from './portfolio-metrics';
export { CUTOFF_GRID, PD_BUCKET_EDGES, cutoffCurve, pdDistribution, pdHistogram, type CutoffPoint, type PdBucket } from './charts';
