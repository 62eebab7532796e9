/** The loan book as the metrics see it: exposure, rate, term, its state today and the segments each loan belongs to. */
import { GRADES, gradeOf, TERM_MONTHS, TERMS, type LoanTape } from '../portfolio';

/** The ways the book is cut for the segment figures, in the order they are shown and exported. */
export const SEGMENT_KINDS = ['grade', 'term', 'state'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export interface Segmentation {
  labels: string[];
  /** Index into `labels` for each loan. */
  index: Uint16Array;
}

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
}

function segmentation(values: readonly string[], order?: readonly string[]): Segmentation {
  const labels = order ? order.filter((l) => values.includes(l)) : [...new Set(values)].sort();
  const position = new Map(labels.map((l, i) => [l, i]));
  return { labels, index: Uint16Array.from(values, (v) => position.get(v)!) };
}

export function bookFromTape(tape: LoanTape): Book {
  const grades = tape.categories.sub_grade!.map(gradeOf);
  const terms = tape.categories.term!;
  const states = tape.categories.addr_state ?? new Array<string>(tape.loanCount).fill('n/a');
  const outcome = tape.categories.Class;
  const { funded_amnt: funded, outstanding_balance: outstanding, months_on_book: age } = tape.numbers;
  const termMonths = Float64Array.from(terms, (t) => TERM_MONTHS[t]!);
  const monthsOnBook = age ?? new Float64Array(tape.loanCount);
  return {
    loanCount: tape.loanCount,
    amountLent: funded!,
    ead: outstanding ?? funded!,
    exposureBasis: outstanding ? 'outstanding' : 'origination',
    ratePct: tape.numbers.int_rate!,
    termMonths,
    monthsOnBook,
    remainingMonths: termMonths.map((n, i) => Math.max(n - monthsOnBook[i]!, 0)),
    daysPastDue: tape.numbers.days_past_due,
    originationPd: tape.numbers.origination_pd,
    segments: {
      grade: segmentation(grades, GRADES),
      term: segmentation(terms, TERMS),
      state: segmentation(states),
    },
    observedBad: outcome ? Uint8Array.from(outcome, (c) => (c === 'bad' ? 1 : 0)) : undefined,
  };
}

/** The same loans read as next period's applicants: new loans at origination, for the amount lent, at `rateShiftPct` on top of today's rate. */
export function asNewBusiness(book: Book, rateShiftPct: number): LoanState {
  return {
    ead: book.amountLent,
    amountLent: book.amountLent,
    ratePct: rateShiftPct === 0 ? book.ratePct : book.ratePct.map((r) => Math.max(r + rateShiftPct, 0)),
    remainingMonths: book.termMonths,
    monthsOnBook: new Float64Array(book.loanCount),
  };
}
