/**
 * Every loan's figures as a file gives them: the batch face's `--out` CSV, the page's loan export and
 * the workbook's Loans sheet all write these columns, in tape order, loans numbered from 1 as the
 * tape's rows are, so a figure is found by the same loan number in each.
 */
import Papa from 'papaparse';
import type { LoanLevelResult } from '../engine';

/** How a column's numbers read: a probability, an amount, or a whole number (stage, 0/1). */
export type LoanFieldKind = 'probability' | 'usd' | 'integer';

export interface LoanField {
  /** The column's name in the CSV and the workbook's header. */
  name: string;
  kind: LoanFieldKind;
  /** The loan's value: the loan's number for the first column, a figure for the rest. */
  value: (loans: LoanLevelResult, i: number, loan: number) => number;
}

/** Amounts are written to the cent: the page and the command line round the same way. */
const cents = (v: number) => Number(v.toFixed(2));

export const LOAN_FIELDS: readonly LoanField[] = [
  { name: 'loan', kind: 'integer', value: (_, _i, loan) => loan },
  { name: 'pd_baseline', kind: 'probability', value: (l, i) => l.pdBaseline[i]! },
  { name: 'pd_scenario', kind: 'probability', value: (l, i) => l.pdScenario[i]! },
  { name: 'ifrs9_stage', kind: 'integer', value: (l, i) => l.stage[i]! },
  { name: 'expected_loss', kind: 'usd', value: (l, i) => cents(l.expectedLoss[i]!) },
  { name: 'ifrs9_ecl', kind: 'usd', value: (l, i) => cents(l.ifrs9Ecl[i]!) },
  { name: 'lifetime_ecl', kind: 'usd', value: (l, i) => cents(l.lifetimeEcl[i]!) },
  { name: 'approved_as_new_business', kind: 'integer', value: (l, i) => l.approvedAsNewBusiness[i]! },
];

/** Loans [from, to) of a result as rows of numbers, numbered from `firstLoan` for loan `from`. */
export function loanRowValues(loans: LoanLevelResult, from: number, to: number, firstLoan = 1): number[][] {
  const rows: number[][] = [];
  for (let i = from; i < to; i++) rows.push(LOAN_FIELDS.map((f) => f.value(loans, i, firstLoan + i)));
  return rows;
}

/** The per-loan CSV (Papa's CRLF line ends, as a whole-tape run writes them), loans numbered from `firstLoan`. */
export function loanRowsCsv(loans: LoanLevelResult, firstLoan: number, header: boolean): string {
  const data = loanRowValues(loans, 0, loans.pdBaseline.length, firstLoan);
  return Papa.unparse({ fields: LOAN_FIELDS.map((f) => f.name), data }, { header });
}

/** Loans per piece of a big export: each piece's text is made and handed on before the next is made. */
export const LOANS_PER_PIECE = 50_000;

/**
 * The per-loan CSV in pieces of text, for a Blob or a stream: a million loans never sit in one
 * string. Joined, the pieces are the preamble's comment lines (if any), `loanRowsCsv(loans, 1, true)`
 * and a final line end.
 */
export function* loanCsvPieces(loans: LoanLevelResult, preamble?: string): Generator<string> {
  if (preamble) yield `${preamble}\r\n`;
  const n = loans.pdBaseline.length;
  if (n === 0) {
    yield `${Papa.unparse({ fields: LOAN_FIELDS.map((f) => f.name), data: [] })}\r\n`;
    return;
  }
  for (let from = 0; from < n; from += LOANS_PER_PIECE) {
    const to = Math.min(n, from + LOANS_PER_PIECE);
    const data = loanRowValues(loans, from, to);
    yield `${Papa.unparse({ fields: LOAN_FIELDS.map((f) => f.name), data }, { header: from === 0 })}\r\n`;
  }
}
