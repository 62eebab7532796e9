/** Which loan-tape columns the engine needs: the model's inputs plus what the metrics read. */
import { bookColumnsOf, inputColumnSpec, type Manifest } from '../model';
import {
  bookColumnSpecs,
  bookStateIssues,
  fileIssue,
  MODEL_POINT_WEIGHT,
  readModelPointsLine,
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
  return [...fromModel, ...forBook.filter((s) => !covered.has(s.column) && covered.add(s.column)), POINT_WEIGHT_SPEC];
}

/** Any tape may be a book's model points: each row then stands for its weight in loans. */
const POINT_WEIGHT_SPEC: ColumnSpec = {
  column: MODEL_POINT_WEIGHT,
  kind: 'number',
  description: 'loans this model point stands for',
  min: 1,
  max: 1e12,
  optional: true,
  quietWhenAbsent: true,
};

export function parsePortfolio(csvText: string, manifest: Manifest): ParseResult {
  const points = readModelPointsLine(csvText);
  if ('error' in points) return { ok: false, issues: [fileIssue(points.error)], totalIssues: 1 };
  const parsed = parseLoanTape(points.text, portfolioColumnSpecs(manifest));
  if (!parsed.ok) return parsed;
  const across = bookStateIssues(parsed.tape, bookColumnsOf(manifest));
  if (across.totalIssues) return { ok: false, ...across };
  return points.report ? { ok: true, tape: { ...parsed.tape, modelPoints: points.report } } : parsed;
}

/** What the engine did to a tape read for this model: columns ignored or absent, blank cells imputed. */
export function portfolioNotes(tape: LoanTape, manifest: Manifest): TapeNotes {
  return tapeNotes(tape, portfolioColumnSpecs(manifest));
}
