/** Which loan-tape columns the engine needs: the model's inputs plus what the metrics read. */
import { inputColumnSpec, type Manifest } from '../model';
import {
  BOOK_STATE_COLUMNS,
  bookStateIssues,
  LOAN_TAPE_COLUMNS,
  parseLoanTape,
  tapeNotes,
  type ColumnSpec,
  type LoanTape,
  type ParseResult,
  type TapeNotes,
} from '../portfolio';

/** Columns the metrics and segments read, whatever the model uses. */
const BOOK_COLUMNS: readonly string[] = ['funded_amnt', 'int_rate', 'term', 'sub_grade', 'addr_state', 'Class', ...BOOK_STATE_COLUMNS];

export function portfolioColumnSpecs(manifest: Manifest): ColumnSpec[] {
  const fromModel = manifest.inputs.map(inputColumnSpec);
  const covered = new Set(fromModel.map((s) => s.column));
  const forBook = LOAN_TAPE_COLUMNS.filter((s) => BOOK_COLUMNS.includes(s.column) && !covered.has(s.column));
  return [...fromModel, ...forBook];
}

export function parsePortfolio(csvText: string, manifest: Manifest): ParseResult {
  const parsed = parseLoanTape(csvText, portfolioColumnSpecs(manifest));
  if (!parsed.ok) return parsed;
  const across = bookStateIssues(parsed.tape);
  return across.totalIssues ? { ok: false, ...across } : parsed;
}

/** What the engine did to a tape read for this model: columns ignored or absent, blank cells imputed. */
export function portfolioNotes(tape: LoanTape, manifest: Manifest): TapeNotes {
  return tapeNotes(tape, portfolioColumnSpecs(manifest));
}
