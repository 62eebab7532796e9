/**
 * A big tape parsed on several cores: cut into parts at record boundaries, each part parsed on its own
 * (the header in front of each), and the parts joined into the parse of the whole tape: the same
 * columns, and the same problems on the same rows, as one pass (tested against one).
 */
import { perLabel } from '../util';
import { MAX_LISTED_ISSUES, type LoanTape, type ParsedPart, type ParseResult, type TapeIssue } from './parse';

const QUOTE = '"';
const NEWLINE = '\n';

/**
 * The index just after the first line break at or after `target` that ends a record (outside quotes,
 * RFC 4180), counting quotes from `from`, where a record starts; -1 when no record ends there. Quotes
 * are few in a tape (a quoted header, a text field now and then): the scan jumps from one to the next.
 */
function recordEndAfter(text: string, from: number, target: number): number {
  let inQuotes = false;
  const flipUntil = (start: number, end: number) => {
    for (let q = text.indexOf(QUOTE, start); q >= 0 && q < end; q = text.indexOf(QUOTE, q + 1)) inQuotes = !inQuotes;
  };
  flipUntil(from, target);
  for (let at = target; ;) {
    const lineEnd = text.indexOf(NEWLINE, at);
    if (lineEnd < 0) return -1;
    flipUntil(at, lineEnd);
    if (!inQuotes) return lineEnd + 1;
    at = lineEnd + 1;
  }
}

/**
 * The tape cut into at most `parts` texts of about equal length at record boundaries; every part after
 * the first has the header line in front, so each parses on its own. A tape that cannot be cut (no
 * header line, too short) is one part.
 */
export function tapeParts(text: string, parts: number): string[] {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const headerEnd = recordEndAfter(text, start, start);
  if (parts < 2 || headerEnd < 0) return [text];
  const header = text.slice(start, headerEnd);
  const cuts = [0];
  for (let k = 1; k < parts; k++) {
    const last = cuts.at(-1)!;
    const target = Math.max(Math.floor((text.length * k) / parts), headerEnd, last);
    const cut = recordEndAfter(text, last === 0 ? headerEnd : last, target);
    if (cut < 0 || cut >= text.length) break;
    cuts.push(cut);
  }
  return cuts.map((from, k) => (k === 0 ? '' : header) + text.slice(from, cuts[k + 1] ?? text.length));
}

/** The parts' parses joined: the whole tape's, rows numbered across the parts. */
export function joinParsedParts(parts: readonly ParsedPart[]): ParseResult {
  if (parts.length === 1) return parts[0]!.result;
  const issues: TapeIssue[] = [];
  let totalIssues = 0;
  let rowsBefore = 0;
  parts.forEach(({ result, records }, k) => {
    if (!result.ok) {
      // Every part reads the same header: its problems (no row) are the first part's, said once.
      const fileWide = k === 0 ? 0 : result.issues.filter((i) => i.row === null).length;
      totalIssues += result.totalIssues - fileWide;
      for (const issue of result.issues) {
        if (issue.row === null && k > 0) continue;
        if (issues.length < MAX_LISTED_ISSUES) issues.push(issue.row === null ? issue : renumbered(issue, rowsBefore));
      }
    }
    rowsBefore += records;
  });
  if (totalIssues > 0) return { ok: false, issues, totalIssues };
  return { ok: true, tape: joinedTapes(parts.map((p) => (p.result as Extract<ParseResult, { ok: true }>).tape)) };
}

/** A part's problem on its row of the whole tape (the row number is in the message too). */
function renumbered(issue: TapeIssue, rowsBefore: number): TapeIssue {
  const row = issue.row! + rowsBefore;
  return { ...issue, row, message: issue.message.replace(`Row ${issue.row}`, `Row ${row}`) };
}

function joinedTapes(tapes: readonly LoanTape[]): LoanTape {
  const [first] = tapes;
  const loanCount = tapes.reduce((n, t) => n + t.loanCount, 0);
  const numbers = Object.fromEntries(
    Object.keys(first!.numbers).map((column) => {
      const joined = new Float64Array(loanCount);
      let at = 0;
      for (const t of tapes) {
        joined.set(t.numbers[column]!, at);
        at += t.loanCount;
      }
      return [column, joined];
    }),
  );
  const categories = Object.fromEntries(
    Object.keys(first!.categories).map((column) => [
      column,
      first!.categories[column]!.concat(...tapes.slice(1).map((t) => t.categories[column]!)),
    ]),
  );
  const missingCounts = Object.fromEntries(
    Object.keys(first!.missingCounts).map((column) => [column, tapes.reduce((n, t) => n + t.missingCounts[column]!, 0)]),
  );
  return { loanCount, numbers, categories, ignoredColumns: first!.ignoredColumns, absentColumns: first!.absentColumns, missingCounts };
}

/**
 * A parsed part as it goes between threads: each category column as codes into its labels (one
 * buffer, moved, not a string per loan copied), and the numeric columns' buffers moved too.
 */
export interface PartInTransit {
  part: ParsedPart;
  codes: Record<string, { labels: string[]; codes: Uint32Array }>;
}

export function partForTransit(part: ParsedPart): { transit: PartInTransit; transfer: ArrayBuffer[] } {
  if (!part.result.ok) return { transit: { part, codes: {} }, transfer: [] };
  const { tape } = part.result;
  const codes: PartInTransit['codes'] = {};
  for (const [column, values] of Object.entries(tape.categories)) {
    const index = new Map<string, number>();
    const labels: string[] = [];
    const coded = new Uint32Array(perLabel(values, (v) => index.get(v) ?? (index.set(v, labels.length), labels.push(v) - 1)));
    codes[column] = { labels, codes: coded };
  }
  const transit = { part: { ...part, result: { ok: true as const, tape: { ...tape, categories: {} } } }, codes };
  const transfer = [...Object.values(tape.numbers), ...Object.values(codes).map((c) => c.codes)].map((a) => a.buffer as ArrayBuffer);
  return { transit, transfer };
}

/** Each code's label (a plain loop: `Array.from` with a mapping function costs several times as much). */
function labelsOf(codes: Uint32Array, labels: readonly string[]): string[] {
  const values = new Array<string>(codes.length);
  for (let i = 0; i < codes.length; i++) values[i] = labels[codes[i]!]!;
  return values;
}

/** The part back from its codes: one string object per label, as the parser interns them. */
export function partFromTransit({ part, codes }: PartInTransit): ParsedPart {
  if (!part.result.ok) return part;
  const categories = Object.fromEntries(Object.entries(codes).map(([column, c]) => [column, labelsOf(c.codes, c.labels)]));
  return { ...part, result: { ok: true, tape: { ...part.result.tape, categories } } };
}
