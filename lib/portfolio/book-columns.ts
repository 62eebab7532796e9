/**
 * Which tape columns the metrics read, whatever the model: exposure, rate and term (a column, or one
 * value for every loan), and the optional grade, region and observed outcome. A model card carries
 * this where its tape is not shaped like Lending Club's; without it the Lending Club names are read.
 * The book's state today (balance, age, arrears, origination PD) is read by its own column names.
 */
import { z } from 'zod';
import type { ColumnSpec } from './columns';
import { LOAN_TAPE_COLUMNS } from './lending-club';
import { perLabel } from '../util';

const column = z.object({ column: z.string().min(1) });
const constant = z.object({ constant: z.number() });

export const BookColumnsSchema = z.object({
  /** The amount lent (exposure at default at origination), USD. */
  exposure: z.union([column, constant]),
  /** The contract rate, % a year. */
  ratePct: z.union([column, constant]),
  /** The term in months: a number column, a text column whose labels hold the months ("term_36", "60 months"), or one term for all. */
  termMonths: z.union([column.extend({ text: z.boolean().optional() }), z.object({ constant: z.number().int().min(1).max(600) })]),
  /** The risk grade the segment figures are cut by; Lending Club's sub-grade is read by its letter. */
  grade: column.extend({ subGradeLetter: z.boolean().optional() }).optional(),
  /** The region (state) the segment figures are cut by. */
  region: column.optional(),
  /** The observed outcome, and which of its values mean bad (every other value is good). */
  outcome: column.extend({ bad: z.array(z.string()).min(1) }).optional(),
  /** The book's state today, where the tape names it otherwise: balance, age, arrears, origination PD (each optional on the tape). */
  state: z
    .object({ balance: z.string(), monthsOnBook: z.string(), daysPastDue: z.string(), originationPd: z.string() })
    .partial()
    .optional(),
});

export type BookColumns = z.infer<typeof BookColumnsSchema>;
export type ColumnOrConstant = BookColumns['exposure'];

/** The Lending Club tape's names: the bundled book, and any card that says nothing else. */
export const LENDING_CLUB_BOOK_COLUMNS: BookColumns = {
  exposure: { column: 'funded_amnt' },
  ratePct: { column: 'int_rate' },
  termMonths: { column: 'term', text: true },
  grade: { column: 'sub_grade', subGradeLetter: true },
  region: { column: 'addr_state' },
  outcome: { column: 'Class', bad: ['bad'] },
};

const template = (name: string) => LOAN_TAPE_COLUMNS.find((s) => s.column === name)!;

/** The book's state today: each by its own name unless the card names the tape's column for it. */
export const BOOK_STATE_NAMES = {
  balance: 'outstanding_balance',
  monthsOnBook: 'months_on_book',
  daysPastDue: 'days_past_due',
  originationPd: 'origination_pd',
} as const;

export type BookStateColumns = Record<keyof typeof BOOK_STATE_NAMES, string>;

export const stateColumns = (book: BookColumns): BookStateColumns => ({ ...BOOK_STATE_NAMES, ...book.state });

/** The Lending Club spec where the column is Lending Club's own; otherwise the same checks under the tape's name. */
function specFor(mapped: string, lendingClub: string, generic: Omit<ColumnSpec, 'column'>): ColumnSpec {
  return mapped === lendingClub ? template(lendingClub) : { ...generic, column: mapped };
}

/** The checks each mapped column gets: the row, column, value and expected range of a bad cell are named as for any column. */
export function bookColumnSpecs(book: BookColumns): ColumnSpec[] {
  const specs: ColumnSpec[] = [];
  if ('column' in book.exposure) specs.push({ ...template('funded_amnt'), column: book.exposure.column });
  if ('column' in book.ratePct) specs.push({ ...template('int_rate'), column: book.ratePct.column });
  const term = book.termMonths;
  if ('column' in term) {
    specs.push(
      term.text
        ? specFor(term.column, 'term', { kind: 'category', description: 'loan term (a label holding the months)' })
        : { column: term.column, kind: 'number', description: 'loan term', unit: 'months', min: 1, max: 600, integer: true },
    );
  }
  if (book.grade)
    specs.push(
      book.grade.subGradeLetter
        ? { ...template('sub_grade'), column: book.grade.column }
        : { column: book.grade.column, kind: 'category', description: 'risk grade' },
    );
  if (book.region) specs.push(specFor(book.region.column, 'addr_state', { kind: 'category', description: 'region' }));
  if (book.outcome)
    specs.push(
      specFor(book.outcome.column, 'Class', { kind: 'category', description: `observed outcome (bad: ${book.outcome.bad.join(', ')})` }),
    );
  // The Lending Club defaults name optional columns: a tape without them is read without them, and says so.
  const mapped = book === LENDING_CLUB_BOOK_COLUMNS ? specs : specs.map((s) => ({ ...s, optional: false, withoutIt: undefined }));
  // The state today stays optional under any name: without it the book is read at origination.
  const names = stateColumns(book);
  const state = (Object.keys(BOOK_STATE_NAMES) as (keyof typeof BOOK_STATE_NAMES)[]).map((key) => ({
    ...template(BOOK_STATE_NAMES[key]),
    column: names[key],
  }));
  return [...mapped, ...state];
}

/** The months a term label holds: "term_36", "36 months", "60". */
export function termLabelMonths(label: string): number | undefined {
  const match = /\d+/.exec(label);
  const months = match ? Number(match[0]) : Number.NaN;
  return months >= 1 && months <= 600 ? months : undefined;
}

/** `termLabelMonths` for every loan, read once per distinct label (a million loans carry two or three). */
export function termLabelsMonths(labels: readonly string[]): (number | undefined)[] {
  return perLabel(labels, termLabelMonths);
}
