/** The loan book as the metrics see it: exposure, rate, term and the segments each loan belongs to. */
import { GRADES, gradeOf, TERM_MONTHS, TERMS, type LoanTape } from '../portfolio';

/** The ways the book is cut for the segment figures, in the order they are shown and exported. */
export const SEGMENT_KINDS = ['grade', 'term', 'state'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export interface Segmentation {
  labels: string[];
  /** Index into `labels` for each loan. */
  index: Uint16Array;
}

export interface Book {
  loanCount: number;
  /** Exposure at default: the funded amount, USD. */
  ead: Float64Array;
  /** Contract interest rate, % a year. */
  ratePct: Float64Array;
  termYears: Float64Array;
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
  return {
    loanCount: tape.loanCount,
    ead: tape.numbers.funded_amnt!,
    ratePct: tape.numbers.int_rate!,
    termYears: Float64Array.from(terms, (t) => TERM_MONTHS[t]! / 12),
    segments: {
      grade: segmentation(grades, GRADES),
      term: segmentation(terms, TERMS),
      state: segmentation(states),
    },
    observedBad: outcome ? Uint8Array.from(outcome, (c) => (c === 'bad' ? 1 : 0)) : undefined,
  };
}
