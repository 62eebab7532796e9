/**
 * Parses and validates a loan tape (CSV with a header row) against column specs. Every problem is
 * reported with its row, column, value and what was expected; nothing is coerced or dropped.
 */
import Papa from 'papaparse';
import { shorten } from '../util';
import { describeExpectation, type ColumnSpec } from './columns';
import type { ModelPointsReport } from './model-points';

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
  /** Where the tape is a book's model points: how they were made and how far their KPIs are from the full book's. */
  modelPoints?: ModelPointsReport;
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

/** How one spec's cells are checked and stored, worked out once per column rather than once per cell. */
interface ColumnReader {
  spec: ColumnSpec;
  /** Its field in each record. */
  at: number;
  expected: string;
  /** A category column's accepted values (absent: any non-empty text). */
  allowed?: Set<string>;
  numbers?: Float64Array;
  categories?: string[];
  /** One string object per distinct category: a million loans share a few labels, not a million copies. */
  interned?: Map<string, string>;
  missing: number;
}

/** Rows the text can hold at most (records never outnumber line breaks + 1): the typed columns' size before trimming. */
function rowCapacity(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** 10^k, exact as doubles for k ≤ 22. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A plain decimal of at most 15 digits ("12.99", "-3", "0.5", ".5", "5."), most of a tape's cells, read
 * without a regular expression; NaN for any other text, which is then read the general way. Equal to
 * `Number(text)` bit for bit: the digits are an exact integer (< 2^53) and 10^k is exact, so one
 * division gives the correctly rounded value, as Number does.
 */
export function plainDecimal(text: string): number {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) i = 1;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const v = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals]! : mantissa;
  return negative ? -v : v;
}

/** A number cell's value, or NaN where the text is not a decimal number (as NUMBER_PATTERN says). */
function numberIn(text: string): number {
  const plain = plainDecimal(text);
  if (!Number.isNaN(plain)) return plain;
  const v = Number(text);
  return Number.isFinite(v) && NUMBER_PATTERN.test(text) ? v : Number.NaN;
}

/**
 * A column cut to the records read. The capacity counts line breaks, so it is a record or two over
 * (the header, the last line break): a view then, not a copy (a million loans' columns twice over);
 * a copy where blank lines left much of it unused.
 */
const trimmedColumn = (values: Float64Array, loanCount: number) =>
  values.length - loanCount <= 16 + loanCount / 64 ? values.subarray(0, loanCount) : values.slice(0, loanCount);

const trimmed = (raw: string) => (raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw);

/**
 * Parses and checks the tape in one streaming pass: each record is read, checked and written into
 * typed columns (Float64Array for numbers, interned strings for categories), then dropped, so a
 * million-loan tape never exists as a million row arrays.
 */
export function parseLoanTape(text: string, specs: readonly ColumnSpec[]): ParseResult {
  return parseTapePart(text, specs).result;
}

/** A part of a tape (its header and some of its records) parsed on its own, and how many records it held. */
export interface ParsedPart {
  result: ParseResult;
  /** Records read (good or bad): the next part's rows are numbered after them. */
  records: number;
}

/** Parses a tape, or one part of one cut by `tapeParts`; `parseLoanTape` for a whole tape. */
export function parseTapePart(text: string, specs: readonly ColumnSpec[]): ParsedPart {
  const issues: TapeIssue[] = [];
  let totalIssues = 0;
  const report = (issue: TapeIssue) => {
    totalIssues++;
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue);
  };
  let names: string[] | undefined;
  let readers: ColumnReader[] = [];
  let headerRefused = false;
  const capacity = rowCapacity(text);
  let loanCount = 0;

  const readHeader = (header: string[]) => {
    names = header.map((h) => h.trim());
    const known = names;
    for (const name of new Set(known.filter((n, i) => known.indexOf(n) !== i)))
      report(fileIssue(`Column "${shorten(name)}" appears more than once in the header.`, name));
    for (const spec of specs) {
      if (!spec.optional && !known.includes(spec.column)) {
        report(fileIssue(`Column "${spec.column}" is missing: expected ${spec.description}, ${describeExpectation(spec)}.`, spec.column));
      }
    }
    headerRefused = totalIssues > 0;
    readers = specs
      .filter((spec) => known.includes(spec.column))
      .map((spec) => ({
        spec,
        at: known.indexOf(spec.column),
        expected: describeExpectation(spec),
        ...(spec.kind === 'number'
          ? { numbers: new Float64Array(capacity) }
          : {
              categories: new Array<string>(capacity),
              interned: new Map<string, string>(),
              allowed: spec.categories && new Set(spec.categories),
            }),
        missing: 0,
      }));
  };

  /** A cell that does not hold what its column must (one function for every cell: no closure per cell). */
  const bad = (reader: ColumnReader, row: number, raw: string, why: string) =>
    report({
      row,
      column: reader.spec.column,
      value: shorten(raw),
      expected: reader.expected,
      message: `Row ${row}, column "${reader.spec.column}": ${why}; expected ${reader.expected}.`,
    });

  const readRecord = (record: string[], row: number, width: number) => {
    if (record.length !== width) {
      report({
        row,
        column: null,
        value: shorten(record.join(','), 80),
        expected: `${width} fields`,
        message: `Row ${row} has ${record.length} fields; the header has ${width}.`,
      });
      return;
    }
    const r = row - 1;
    for (const reader of readers) {
      const { spec } = reader;
      const raw = record[reader.at]!;
      const value = trimmed(raw);
      if (value === '') {
        if (!spec.allowMissing) bad(reader, row, raw, 'the value is empty');
        else {
          if (reader.numbers) reader.numbers[r] = Number.NaN;
          else reader.categories![r] = '';
          reader.missing++;
        }
      } else if (reader.categories) {
        if (reader.allowed?.has(value) === false) bad(reader, row, raw, `"${shorten(raw)}" is not a known category`);
        else {
          let label = reader.interned!.get(value);
          if (label === undefined) reader.interned!.set(value, (label = value));
          reader.categories[r] = label;
        }
      } else {
        const v = numberIn(value);
        if (Number.isNaN(v)) bad(reader, row, raw, `"${shorten(raw)}" is not a number`);
        else if (spec.integer && !Number.isInteger(v)) bad(reader, row, raw, `${shorten(value)} is not a whole number`);
        else if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))
          bad(reader, row, raw, `${shorten(value)} is out of range`);
        else reader.numbers![r] = v;
      }
    }
  };

  Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, {
    // Blank lines are skipped here, whitespace-only ones below: Papa's 'greedy' joins every record to test it.
    skipEmptyLines: true,
    step: ({ data: record }, parser) => {
      if (record.length === 1 && record[0]!.trim() === '') return;
      if (!names) {
        if (record.length > 0) readHeader(record);
        if (headerRefused) parser.abort();
        return;
      }
      loanCount++;
      readRecord(record, loanCount, names.length);
    },
  });
  if (!names || names.length === 0)
    return {
      result: { ok: false, issues: [fileIssue('The file is empty: expected a CSV header row and one row per loan.')], totalIssues: 1 },
      records: 0,
    };
  if (!headerRefused && loanCount === 0) report(fileIssue('The file has a header but no loans.'));
  if (totalIssues > 0) return { result: { ok: false, issues, totalIssues }, records: loanCount };

  const numbers: Record<string, Float64Array> = {};
  const categories: Record<string, string[]> = {};
  const missingCounts: Record<string, number> = {};
  for (const reader of readers) {
    if (reader.numbers) numbers[reader.spec.column] = trimmedColumn(reader.numbers, loanCount);
    else {
      reader.categories!.length = loanCount;
      categories[reader.spec.column] = reader.categories!;
    }
    missingCounts[reader.spec.column] = reader.missing;
  }
  const known = new Set(specs.map((s) => s.column));
  const header = names;
  const ignoredColumns = header.filter((n) => !known.has(n));
  const absentColumns = specs.filter((s) => s.optional && !s.quietWhenAbsent && !header.includes(s.column)).map((s) => s.column);
  return {
    result: { ok: true, tape: { loanCount, numbers, categories, ignoredColumns, absentColumns, missingCounts } },
    records: loanCount,
  };
}
