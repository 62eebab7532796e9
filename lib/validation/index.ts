export { quantile, stratifiedBootstrap, tieGroups, weightedAucKs, type BootstrapOptions, type DiscriminationIntervals } from './bootstrap';
export {
  auc,
  brier,
  calibrationByDecile,
  calibrationBySegment,
  hanleyMcNeilStandardError,
  ks,
  type CalibrationBin,
  type SegmentCalibration,
} from './measures';
export {
  populationStability,
  trainingDistribution,
  TrainingDistributionSchema,
  type InputStability,
  type TrainingDistribution,
} from './stability';
export { validationSteps, type TapeValidation } from './tape-validation';
