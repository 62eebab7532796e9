export {
  ManifestSchema,
  inputColumnSpec,
  modelFileBesideCard,
  checkPins,
  parseManifest,
  type Pins,
  type AssumptionChannel,
  type Manifest,
  type ModelInput,
} from './manifest';
export { modelInputsFromTape, type ModelInputs } from './inputs';
export { ModelVerificationError, loadPdModel, referenceInputs, type PdModel, type RuntimeOptions, type SelfTestReport } from './pd-model';
export { sha256Hex } from './sha256';
export { keptSlices, shardBounds, shardedScorer, sliceScorer, type PdScorer, type SliceScorer } from './sharded';
export { leverChannels, modelFacts, type ModelFacts, type ModelQuality } from './facts';
