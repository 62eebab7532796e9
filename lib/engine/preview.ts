/**
 * The preview of a big book: the same engine on a stratified sample of its loans, every sum scaled
 * back to the book. It answers a lever move in the time the bundled tape takes, labelled as a
 * preview, while the exact figures of every loan are computed.
 */
import type { PdScorer } from '../model';
import { stratifiedSample } from '../portfolio';
import { ScenarioEngine } from './engine';

/** Above this many loans a lever move is previewed first. */
export const PREVIEW_ABOVE_LOANS = 200_000;
/** Loans in the preview's sample: about the bundled tape, which the sliders answer within a frame or two. */
export const PREVIEW_SAMPLE_LOANS = 10_000;

export interface PreviewEngine {
  engine: ScenarioEngine;
  sampleLoans: number;
  bookLoans: number;
  method: string;
}

/** A sample engine for `book`, stratified by grade and term (what the PDs vary with most). */
export function previewEngine(book: ScenarioEngine, scorePd: PdScorer, size = PREVIEW_SAMPLE_LOANS): PreviewEngine {
  const { grade, term } = book.book.segments;
  const strata = new Uint32Array(book.loanCount);
  for (let i = 0; i < strata.length; i++) strata[i] = grade.index[i]! * term.labels.length + term.index[i]!;
  const sample = stratifiedSample(book.tape, strata, size, 'grade and term');
  return {
    engine: new ScenarioEngine(book.manifest, sample.tape, scorePd, { expansion: sample.expansion }),
    sampleLoans: sample.rows.length,
    bookLoans: book.loanCount,
    method: sample.method,
  };
}
