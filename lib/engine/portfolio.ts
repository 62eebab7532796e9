/** Which loan-tape columns the engine needs: the model's inputs plus what the metrics read. */
import { bookColumnsOf, inputColumnSpec, type Manifest } from '../model';
import { nextTask } from '../util';
import {
  bookColumnSpecs,
  bookStateIssues,
  fileIssue,
  joinParsedParts,
  MODEL_POINT_WEIGHT,
  readModelPointsLine,
  parseLoanTape,
  parseTapePart,
  tapeNotes,
  tapeParts,
  type ColumnSpec,
  type LoanTape,
  type ParsedPart,
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
  return checkedPortfolio(parseLoanTape(points.text, portfolioColumnSpecs(manifest)), manifest, points.report);
}

/** Parses part of a tape: here, or on a scoring helper. */
export type TapePartParser = (text: string, specs: readonly ColumnSpec[]) => Promise<ParsedPart>;

/** This thread as a part's parser. It starts on the next task: the helpers are sent their parts first, and parse them meanwhile. */
export const localTapePart: TapePartParser = async (text, specs) => {
  await nextTask();
  return parseTapePart(text, specs);
};

/** How a tape is cut: tapes shorter than `aboveCharacters` are one part; no part is longer than `partCharacters`. */
export interface TapeCutting {
  aboveCharacters: number;
  partCharacters: number;
}

/**
 * Under 5 million characters (some 45,000 loans of Lending Club's) cutting costs more than it saves. A
 * helper's part is at most 64 million (some 600,000 loans, a few seconds): its watchdog takes a helper
 * silent for 10 s as dead.
 */
const CUTTING: TapeCutting = { aboveCharacters: 5_000_000, partCharacters: 64_000_000 };

/**
 * `parsePortfolio` with a big tape cut into parts parsed at once: one on each helper, the rest here, one
 * after another (a big tape on every core). The same result, the same problems on the same rows.
 */
export async function parsePortfolioInParts(
  csvText: string,
  manifest: Manifest,
  [here, ...helpers]: readonly [TapePartParser, ...TapePartParser[]],
  { aboveCharacters, partCharacters }: TapeCutting = CUTTING,
): Promise<ParseResult> {
  const points = readModelPointsLine(csvText);
  if ('error' in points) return { ok: false, issues: [fileIssue(points.error)], totalIssues: 1 };
  const specs = portfolioColumnSpecs(manifest);
  const { length } = points.text;
  const count = Math.max(1 + helpers.length, Math.ceil(length / partCharacters));
  const parts = length > aboveCharacters ? tapeParts(points.text, count) : [points.text];
  const parsed = await Promise.all(parts.map((text, k) => (helpers[k - 1] ?? here)(text, specs)));
  return checkedPortfolio(joinParsedParts(parsed), manifest, points.report);
}

/** What holds across a book's rows (balances, terms), checked once its cells are. */
function checkedPortfolio(parsed: ParseResult, manifest: Manifest, report?: LoanTape['modelPoints']): ParseResult {
  if (!parsed.ok) return parsed;
  const across = bookStateIssues(parsed.tape, bookColumnsOf(manifest));
  if (across.totalIssues) return { ok: false, ...across };
  return report ? { ok: true, tape: { ...parsed.tape, modelPoints: report } } : parsed;
}

/** What the engine did to a tape read for this model: columns ignored or absent, blank cells imputed. */
export function portfolioNotes(tape: LoanTape, manifest: Manifest): TapeNotes {
  return tapeNotes(tape, portfolioColumnSpecs(manifest));
}
