export {
  MANIFEST_PATH,
  TAPE_PATH,
  bundledCard,
  bundledLoanJob,
  bundledManifest,
  bundledManifestJson,
  bundledModelBytes,
  openBundled,
} from './bundled';
export { startHelperChannel } from './helper-channel';
export { BUNDLED_URLS, bundledFetch, inProcessWorker } from './in-process-worker';
export { handMadeFigures } from './hand-made-figures';
export { BYO_MODELS, byoChoices, byoModelBytes, byoReference, holdoutCsv, referencePd, type ByoModelName } from './byo-models';
export { regressionOnnx, stumpsOnnx, type Stump } from './made-models';
export { expectSameFigures } from './same-figures';
export { bundledReport } from './report';
export { parquetFromCsv } from './parquet';
