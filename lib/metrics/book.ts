/** The loan book as the metrics see it: exposure, rate, term, its state today and the segments each loan belongs to. */
import {
  GRADES,
  gradeOf,
  LENDING_CLUB_BOOK_COLUMNS,
  MODEL_POINT_WEIGHT,
  stateColumns,
  termLabelsMonths,
  TERMS,
  type BookColumns,
  type ColumnOrConstant,
  type LoanTape,
} from '../portfolio';
import { perLabel } from '../util';

/** The ways the book is cut for the segment figures, in the order they are shown and exported. */
export const SEGMENT_KINDS = ['grade', 'term', 'state'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** One value for each way the book is cut. */
export const perSegmentKind = <T>(f: (kind: SegmentKind) => T): Record<SegmentKind, T> =>
  Object.fromEntries(SEGMENT_KINDS.map((k) => [k, f(k)])) as Record<SegmentKind, T>;

export interface Segmentation {
  labels: string[];
  /** Index into `labels` for each loan. */
  index: Uint16Array;
  /** The labels' known order (grades A–G, Lending Club's terms), where there is one; otherwise they sort as numbers, then text. */
  order?: readonly string[];
}

/** Labels in the order the segments are shown: the known order where there is one, else numeric-aware text order. */
export const orderedLabels = (values: Iterable<string>, order?: readonly string[]): string[] => {
  const distinct = new Set(values);
  return order ? order.filter((l) => distinct.has(l)) : [...distinct].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
};

/** What the loans are as of today: their balance, age and arrears. Each array is per loan. */
export interface LoanState {
  /** Exposure at default: the balance outstanding today, USD. */
  ead: Float64Array;
  /** The amount lent at origination, USD: what origination fees were charged on. */
  amountLent: Float64Array;
  /** Contract interest rate, % a year. */
  ratePct: Float64Array;
  remainingMonths: Float64Array;
  monthsOnBook: Float64Array;
  /** Days past due today, where the tape says. */
  daysPastDue?: Float64Array;
  /** 12-month PD at origination, where the tape says (otherwise the baseline PD is the reference). */
  originationPd?: Float64Array;
}

export interface Book extends LoanState {
  loanCount: number;
  termMonths: Float64Array;
  /** 'outstanding': EAD is the tape's outstanding balance; 'origination': the funded amount (no balance column). */
  exposureBasis: 'outstanding' | 'origination';
  segments: Record<SegmentKind, Segmentation>;
  /** Observed outcome (1 = bad) where the tape has one. */
  observedBad?: Uint8Array;
  /** Loans each row stands for, where the tape is a book's model points (see lib/portfolio/model-points.ts). */
  weight?: Float64Array;
}

function segmentation(values: readonly string[], order?: readonly string[]): Segmentation {
  const labels = orderedLabels(values, order);
  const position = new Map(labels.map((l, i) => [l, i]));
  const index = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) index[i] = position.get(values[i]!)!;
  return { labels, index, ...(order ? { order } : {}) };
}

/** A column's numbers, or the constant for every loan. */
function numbersOf(tape: LoanTape, source: ColumnOrConstant): Float64Array {
  return 'column' in source ? tape.numbers[source.column]! : new Float64Array(tape.loanCount).fill(source.constant);
}

/** Term in months and the label each loan's term segment goes under ("term_36" as the tape says it, or "36 months"). */
function terms(tape: LoanTape, term: BookColumns['termMonths']): { months: Float64Array; labels: string[]; order?: readonly string[] } {
  if (!('column' in term))
    return {
      months: new Float64Array(tape.loanCount).fill(term.constant),
      labels: new Array<string>(tape.loanCount).fill(`${term.constant} months`),
    };
  if (term.text) {
    const labels = tape.categories[term.column]!;
    // bookStateIssues has refused a label without months.
    return { months: new Float64Array(termLabelsMonths(labels) as number[]), labels, order: term.column === 'term' ? TERMS : undefined };
  }
  const months = tape.numbers[term.column]!;
  return { months, labels: Array.from(months, (m) => `${m} months`) };
}

export function bookFromTape(tape: LoanTape, columns: BookColumns = LENDING_CLUB_BOOK_COLUMNS): Book {
  const n = tape.loanCount;
  const na = () => new Array<string>(n).fill('n/a');
  const gradeColumn = columns.grade && tape.categories[columns.grade.column];
  const grades = gradeColumn ? (columns.grade!.subGradeLetter ? perLabel(gradeColumn, gradeOf) : gradeColumn) : na();
  const term = terms(tape, columns.termMonths);
  const states = (columns.region && tape.categories[columns.region.column]) ?? na();
  const outcome = columns.outcome && tape.categories[columns.outcome.column];
  const bad = new Set(columns.outcome?.bad);
  const funded = numbersOf(tape, columns.exposure);
  const state = stateColumns(columns);
  const { [state.balance]: outstanding, [state.monthsOnBook]: age } = tape.numbers;
  const monthsOnBook = age ?? new Float64Array(n);
  return {
    loanCount: n,
    amountLent: funded,
    ead: outstanding ?? funded,
    exposureBasis: outstanding ? 'outstanding' : 'origination',
    ratePct: numbersOf(tape, columns.ratePct),
    termMonths: term.months,
    monthsOnBook,
    remainingMonths: term.months.map((m, i) => Math.max(m - monthsOnBook[i]!, 0)),
    daysPastDue: tape.numbers[state.daysPastDue],
    originationPd: tape.numbers[state.originationPd],
    segments: {
      grade: segmentation(grades, columns.grade?.subGradeLetter ? GRADES : undefined),
      term: segmentation(term.labels, term.order),
      state: segmentation(states),
    },
    observedBad: outcome ? new Uint8Array(perLabel(outcome, (c) => (bad.has(c) ? 1 : 0))) : undefined,
    weight: tape.numbers[MODEL_POINT_WEIGHT],
  };
}

/** The same loans read as next period's applicants: new loans at origination, for the amount lent, at `rateShiftPct` on top of today's rate. */
/** A new loan's age, for each loan of a book: one array per book, so work spread over threads sends it once. */
const justOriginated = new WeakMap<Book, Float64Array>();

export function asNewBusiness(book: Book, rateShiftPct: number): LoanState {
  let zeros = justOriginated.get(book);
  if (!zeros) justOriginated.set(book, (zeros = new Float64Array(book.loanCount)));
  return {
    ead: book.amountLent,
    amountLent: book.amountLent,
    ratePct: rateShiftPct === 0 ? book.ratePct : book.ratePct.map((r) => Math.max(r + rateShiftPct, 0)),
    remainingMonths: book.termMonths,
    monthsOnBook: zeros,
  };
}
