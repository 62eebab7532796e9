/** Test helpers: the bundled model and portfolio, read from disk (Node only). */
import { readFileSync } from 'node:fs';
import { openEngine, type OpenedEngine } from '../engine';
import { asScorecardCard, parseManifest, type ScorecardCard } from '../model';

export const MANIFEST_PATH = 'public/models/lending-club-pd.manifest.json';
export const MODEL_PATH = 'public/models/lending-club-pd.onnx';
export const TAPE_PATH = 'data/lending_club.csv';

export const bundledManifestJson = (): unknown => JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
export const bundledManifest = (): ScorecardCard => asScorecardCard(parseManifest(bundledManifestJson()));
export const bundledModelBytes = (): Uint8Array => new Uint8Array(readFileSync(MODEL_PATH));

/** The bundled card as a model source: its bytes from disk, the model beside it. */
export const bundledCard = () => ({
  cardBytes: new Uint8Array(readFileSync(MANIFEST_PATH)),
  cardName: MANIFEST_PATH,
  readModel: async () => bundledModelBytes(),
});

export async function openBundled(csvText = readFileSync(TAPE_PATH, 'utf8')): Promise<OpenedEngine> {
  const opened = await openEngine({ ...bundledCard(), csvText });
  if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('\n'));
  return opened;
}
