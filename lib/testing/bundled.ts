/** Test helpers: the bundled model and portfolio, read from disk (Node only). */
import { readFileSync } from 'node:fs';
import { openEngine, type LoanFiguresJob, type OpenedEngine } from '../engine';
import { lifeHorizon, type Book } from '../metrics';
import { asScorecardCard, parseManifest, type ScorecardCard } from '../model';
import { BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS } from '../scenario';

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

/** The bundled book's per-loan job under unemployment raised by `points` (percentage points), the baseline as origination. */
export async function bundledLoanJob(points: number): Promise<LoanFiguresJob & { loans: Book }> {
  const { engine, model } = await openBundled();
  const pd = await engine.loanLevel({ ...BASELINE_ASSUMPTIONS, 'unemployment-change': points });
  await model.release();
  return {
    loans: engine.book,
    pd: pd.pdScenario,
    baselinePd: pd.pdBaseline,
    originationPd: pd.pdBaseline,
    settings: DEFAULT_SETTINGS,
    horizonMonths: lifeHorizon(engine.book),
  };
}
