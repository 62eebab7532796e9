/** Which loan-tape columns the engine needs: the model's inputs plus what the metrics read. */
import { bookColumnsOf, inputColumnSpec, type Manifest } from '../model';
import {
  bookColumnSpecs,
  bookStateIssues,
  parseLoanTape,
  tapeNotes,
  type ColumnSpec,
  type LoanTape,
  type ParseResult,
  type TapeNotes,
} from '../portfolio';

/** The model's inputs, then what the metrics and segments read (the card's book columns), then the book's state. */
export function portfolioColumnSpecs(manifest: Manifest): ColumnSpec[] {
  const fromModel = manifest.inputs.map(inputColumnSpec);
  const covered = new Set(fromModel.map((s) => s.column));
  const forBook = bookColumnSpecs(bookColumnsOf(manifest));
  return [...fromModel, ...forBook.filter((s) => !covered.has(s.column) && covered.add(s.column))];
}

export function parsePortfolio(csvText: string, manifest: Manifest): ParseResult {
  const parsed = parseLoanTape(csvText, portfolioColumnSpecs(manifest));
  if (!parsed.ok) return parsed;
  const across = bookStateIssues(parsed.tape, bookColumnsOf(manifest));
  return across.totalIssues ? { ok: false, ...across } : parsed;
}

/** What the engine did to a tape read for this model: columns ignored or absent, blank cells imputed. */
export function portfolioNotes(tape: LoanTape, manifest: Manifest): TapeNotes {
  return tapeNotes(tape, portfolioColumnSpecs(manifest));
}
