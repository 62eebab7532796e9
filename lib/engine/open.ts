/**
 * Opens an engine from the three things a session has: the model card, the model's bytes and a loan
 * tape. Used alike by the page's worker, the command line and the tests.
 */
import { loadPdModel, parseManifest, type Manifest, type PdModel, type RuntimeOptions } from '../model';
import type { LoanTape, TapeIssue } from '../portfolio';
import { checkLeverDirections } from '../scenario';
import { ScenarioEngine } from './engine';
import { parsePortfolio } from './portfolio';

export interface OpenedEngine {
  ok: true;
  engine: ScenarioEngine;
  model: PdModel;
  manifest: Manifest;
  tape: LoanTape;
}

export type OpenResult = OpenedEngine | { ok: false; issues: TapeIssue[]; totalIssues: number };

export interface OpenSources {
  manifestJson: unknown;
  modelBytes: Uint8Array;
  csvText: string;
  runtime?: RuntimeOptions;
}

export async function openEngine(sources: OpenSources): Promise<OpenResult> {
  const manifest = parseManifest(sources.manifestJson);
  const model = await loadPdModel(sources.modelBytes, manifest, sources.runtime);
  // The card's lever channels are verified like the model: each must move PD the documented way.
  await checkLeverDirections(manifest, model.scorePd).catch(async (e: unknown) => {
    await model.release();
    throw e;
  });
  const loaded = parsePortfolio(sources.csvText, manifest);
  if (!loaded.ok) {
    await model.release();
    return loaded;
  }
  return { ok: true, engine: new ScenarioEngine(manifest, loaded.tape, model.scorePd), model, manifest, tape: loaded.tape };
}
