/**
 * Parses and validates a loan tape (CSV with a header row) against column specs. Every problem is
 * reported with its row, column, value and what was expected; nothing is coerced or dropped.
 */
import Papa from 'papaparse';
import { shorten } from '../util';
import { describeExpectation, type ColumnSpec } from './columns';

export interface LoanTape {
  loanCount: number;
  /** Numeric columns; a missing value (allowed only where the spec says so) is NaN. */
  numbers: Record<string, Float64Array>;
  categories: Record<string, string[]>;
  /** Columns of the file that no spec asked for; kept out of the tape, reported to the user. */
  ignoredColumns: string[];
  /** Optional columns the file does not have (the engine does without them, and says so). */
  absentColumns: string[];
  missingCounts: Record<string, number>;
}

export interface TapeIssue {
  /** 1-based data row (the header is row 0), or null for a problem with the file as a whole. */
  row: number | null;
  column: string | null;
  value: string | null;
  expected: string;
  message: string;
}

export type ParseResult = { ok: true; tape: LoanTape } | { ok: false; issues: TapeIssue[]; totalIssues: number };

/** Reporting stops listing after this many problems, but still counts them all. */
export const MAX_LISTED_ISSUES = 50;

export const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A problem with the file as a whole (no row): its header, its encoding, its size. */
export function fileIssue(message: string, column: string | null = null): TapeIssue {
  return { row: null, column, value: null, expected: '', message };
}

export function parseLoanTape(text: string, specs: readonly ColumnSpec[]): ParseResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...records] = parsed.data;
  if (!header || header.length === 0)
    return { ok: false, issues: [fileIssue('The file is empty: expected a CSV header row and one row per loan.')], totalIssues: 1 };
  const names = header.map((h) => h.trim());
  const issues: TapeIssue[] = [];
  let totalIssues = 0;
  const report = (issue: TapeIssue) => {
    totalIssues++;
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue);
  };
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i)))
    report(fileIssue(`Column "${shorten(name)}" appears more than once in the header.`, name));
  const present = specs.filter((spec) => names.includes(spec.column));
  for (const spec of specs) {
    if (!spec.optional && !names.includes(spec.column)) {
      report(fileIssue(`Column "${spec.column}" is missing: expected ${spec.description}, ${describeExpectation(spec)}.`, spec.column));
    }
  }
  if (records.length === 0) report(fileIssue('The file has a header but no loans.'));
  if (totalIssues > 0) return { ok: false, issues, totalIssues };

  const loanCount = records.length;
  const numbers: Record<string, Float64Array> = {};
  const categories: Record<string, string[]> = {};
  const missingCounts: Record<string, number> = {};
  const columnIndex = new Map(names.map((n, i) => [n, i]));
  for (const spec of present) {
    if (spec.kind === 'number') numbers[spec.column] = new Float64Array(loanCount);
    else categories[spec.column] = new Array<string>(loanCount);
    missingCounts[spec.column] = 0;
  }
  // A category column without a list (a brought model's string input) takes any non-empty text.
  const allowed = new Map(present.map((s) => [s.column, s.categories && new Set(s.categories)]));

  records.forEach((record, r) => {
    const row = r + 1;
    if (record.length !== names.length) {
      report({
        row,
        column: null,
        value: shorten(record.join(','), 80),
        expected: `${names.length} fields`,
        message: `Row ${row} has ${record.length} fields; the header has ${names.length}.`,
      });
      return;
    }
    for (const spec of present) {
      const raw = record[columnIndex.get(spec.column)!]!;
      const value = raw.trim();
      const bad = (why: string) =>
        report({
          row,
          column: spec.column,
          value: shorten(raw),
          expected: describeExpectation(spec),
          message: `Row ${row}, column "${spec.column}": ${why}; expected ${describeExpectation(spec)}.`,
        });
      if (value === '') {
        if (spec.allowMissing) {
          numbers[spec.column]![r] = Number.NaN;
          missingCounts[spec.column]!++;
        } else bad('the value is empty');
        continue;
      }
      if (spec.kind === 'category') {
        if (allowed.get(spec.column)?.has(value) === false) bad(`"${shorten(raw)}" is not a known category`);
        else categories[spec.column]![r] = value;
        continue;
      }
      const v = Number(value);
      if (!NUMBER_PATTERN.test(value) || !Number.isFinite(v)) bad(`"${shorten(raw)}" is not a number`);
      else if (spec.integer && !Number.isInteger(v)) bad(`${shorten(value)} is not a whole number`);
      else if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))
        bad(`${shorten(value)} is out of range`);
      else numbers[spec.column]![r] = v;
    }
  });
  if (totalIssues > 0) return { ok: false, issues, totalIssues };
  const known = new Set(specs.map((s) => s.column));
  const ignoredColumns = names.filter((n) => !known.has(n));
  const absentColumns = specs.filter((s) => s.optional && !names.includes(s.column)).map((s) => s.column);
  return { ok: true, tape: { loanCount, numbers, categories, ignoredColumns, absentColumns, missingCounts } };
}
