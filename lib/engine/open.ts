/**
 * Opens an engine from what a session has: the model card (with the model beside it) and a loan
 * tape. Used alike by the command line and the tests; the page's worker opens the same verified model.
 */
import type { Manifest, PdModel } from '../model';
import type { LoanTape, TapeIssue } from '../portfolio';
import { ScenarioEngine } from './engine';
import { parsePortfolio } from './portfolio';
import { openVerifiedModel, type CardSource } from './verified-model';

export interface OpenedEngine {
  ok: true;
  engine: ScenarioEngine;
  model: PdModel;
  manifest: Manifest;
  cardSha256: string;
  tape: LoanTape;
}

export type OpenResult = OpenedEngine | { ok: false; issues: TapeIssue[]; totalIssues: number };

export interface OpenSources extends CardSource {
  csvText: string;
}

/** Throws when the model or card fails a check; a tape with problems is an `ok: false` result. */
export async function openEngine(sources: OpenSources): Promise<OpenResult> {
  const { manifest, model, cardSha256 } = await openVerifiedModel(sources);
  const loaded = parsePortfolio(sources.csvText, manifest);
  if (!loaded.ok) {
    await model.release();
    return loaded;
  }
  return { ok: true, engine: new ScenarioEngine(manifest, loaded.tape, model.scorePd), model, manifest, cardSha256, tape: loaded.tape };
}
