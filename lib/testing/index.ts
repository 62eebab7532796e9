export { MANIFEST_PATH, MODEL_PATH, TAPE_PATH, bundledManifest, bundledManifestJson, bundledModelBytes, openBundled } from './bundled';
export { startHelperChannel } from './helper-channel';
