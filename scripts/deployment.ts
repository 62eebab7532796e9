/** The deployment's model card and the model beside it, read from disk and verified: what each long-lived face starts with. */
import { readFileSync } from 'node:fs';
import { openVerifiedModel, type VerifiedModel } from '../lib/engine';
import { modelFileBesideCard } from '../lib/model';

export const DEPLOYMENT_CARD = 'public/models/lending-club-pd.manifest.json';

export function openDeployment(cardPath: string): Promise<VerifiedModel> {
  return openVerifiedModel({
    cardBytes: new Uint8Array(readFileSync(cardPath)),
    cardName: cardPath,
    readModel: async (card) => new Uint8Array(readFileSync(modelFileBesideCard(cardPath, card))),
  });
}
