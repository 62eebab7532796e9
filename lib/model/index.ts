export {
  ManifestSchema,
  asScorecardCard,
  bookColumnsOf,
  inputColumnSpec,
  modelFileBesideCard,
  checkPins,
  parseManifest,
  type Pins,
  type AssumptionChannel,
  type HoldoutEvidence,
  type Manifest,
  type MissingPolicy,
  type ReferenceSource,
  type ScorecardCard,
  type ModelInput,
} from './manifest';
export { modelInputsFromTape, type ModelInputs } from './inputs';
export {
  ModelVerificationError,
  loadPdModel,
  openScoringSession,
  referenceInputs,
  type PdModel,
  type RuntimeOptions,
  type SelfTestReport,
} from './pd-model';
export { type ScoringPlan } from './graph-runner';
export { sha256Hex } from './sha256';
export { keptSlices, shardBounds, shardedScorer, sliceScorer, type PdScorer, type SliceScorer } from './sharded';
export { leverChannels, modelFacts, type ModelFacts, type ModelQuality } from './facts';
export { draftCard, type CardDraft, type DraftChoices, type DraftResult, type InputMapping, type MatchedBy } from './card-draft';
export { draftChoicesFromFlags, type CardFlags } from './card-flags';
