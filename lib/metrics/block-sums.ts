/**
 * The sums a lever move makes over a book's loans, added block by block: each block of `SUM_BLOCK`
 * loans (counted from the first) is summed on its own and the blocks are added in order. So a book's
 * figures are the same, bit for bit, whether one thread adds every block or several threads each add the
 * blocks of their slice of the loans (a slice starts on a block): the per-loan work's threads add their
 * loans as they compute them, and the engine only adds a few blocks.
 */
import type { LoanFigures } from './loan-figures';
import type { Book } from './book';
import { addLoans, bookCells, emptySums, isApproved, segmentedFromCells, type BookSums, type SegmentedSums } from './portfolio-metrics';

export const SUM_BLOCK = 8_192;

/** What a set of loans adds up: the book's cells and the rungs of an approval ladder, each a list of groups. */
export interface SumsPlan {
  /** The book's sums: each loan's cell (grade × term × state) and the number of cells. */
  cells?: { of: Uint32Array; count: number };
  /** New business's sums at each cut-off of a ladder (PD, percent): each loan added to its first approving rung. */
  ladder?: {
    cutoffs: readonly number[];
    /** Every loan in stage 1, whatever its figures say: a book's figures read as just-originated loans. */
    asOriginated?: boolean;
  };
  pdFloor: number;
  observedBad?: Uint8Array;
  /** The loans each row stands for (a model point's weight); 1 each when absent. */
  weight?: Float64Array;
}

/** The sums of each block, in order, per kind: a block's groups packed into one array (see `packSums`). */
export interface BlockSums {
  cells: Float64Array[];
  ladder: Float64Array[];
}

const SUM_KEYS = Object.keys(emptySums()) as (keyof BookSums)[];

/** Groups' sums side by side in one array: cheap to send to another thread (moved, not copied). */
function packSums(groups: readonly BookSums[]): Float64Array {
  const packed = new Float64Array(groups.length * SUM_KEYS.length);
  groups.forEach((s, g) => SUM_KEYS.forEach((key, k) => (packed[g * SUM_KEYS.length + k] = s[key])));
  return packed;
}

/** Each group's sums over the blocks, added in block order. */
export function addBlocks(blocks: readonly Float64Array[], groups: number): BookSums[] {
  const total = new Float64Array(groups * SUM_KEYS.length);
  for (const block of blocks) for (let j = 0; j < total.length; j++) total[j]! += block[j]!;
  return Array.from({ length: groups }, (_, g) => {
    const s = emptySums();
    SUM_KEYS.forEach((key, k) => (s[key] = total[g * SUM_KEYS.length + k]!));
    return s;
  });
}

/** Buckets of PD for the first-rung look-up: a bucket is far narrower than any grid of cut-offs the page has (0.5%). */
const BUCKETS = 4096;

/**
 * Each applicant's first approving rung: the first cut-off with PD ≤ cut-off, `limits.length` if none.
 * A PD's bucket (PD × 4,096, rounded down) gives the first rung that can approve it; a step or two up the
 * ladder from there finds it, with the same comparison as `isApproved`.
 */
function firstApprovingRungs(limits: Float64Array, pd: Float64Array): Uint32Array {
  const from = new Uint32Array(BUCKETS);
  for (let j = 0, k = 0; j < BUCKETS; j++) {
    // Rungs below k have limits under j/BUCKETS, so under every PD of bucket j.
    while (k < limits.length && limits[k]! < j / BUCKETS) k++;
    from[j] = k;
  }
  const rungs = new Uint32Array(pd.length);
  for (let i = 0; i < pd.length; i++) {
    const p = pd[i]!;
    const bucket = Math.floor(p * BUCKETS); // exact: BUCKETS is a power of 2
    // A PD that is not a number starts at the bottom and is approved nowhere, as isApproved says.
    let k = bucket >= 0 ? from[Math.min(bucket, BUCKETS - 1)]! : 0;
    while (k < limits.length && !isApproved(p, limits[k]!)) k++;
    rungs[i] = k;
  }
  return rungs;
}

/** The first-approving-rung limits of a ladder's cut-offs: the comparison `isApproved` makes (PD ≤ cut-off / 100). */
const limitsOf = (cutoffs: readonly number[]) => Float64Array.from(cutoffs, (c) => c / 100);

/** Loans [from, to) of figures and of the plan's columns (views, no copy). */
function blockOf(f: LoanFigures, plan: SumsPlan, from: number, to: number) {
  const v = <T extends Float64Array | Uint8Array | Uint32Array | undefined>(a: T): T => a?.subarray(from, to) as T;
  const { ead, amountLent, ratePct, remainingMonths, monthsOnBook } = f.loans;
  // The columns the sums read.
  const loans = {
    ead: v(ead),
    amountLent: v(amountLent),
    ratePct: v(ratePct),
    remainingMonths: v(remainingMonths),
    monthsOnBook: v(monthsOnBook),
  };
  const figures: LoanFigures = {
    loans,
    pd: v(f.pd),
    capitalPerLgd: v(f.capitalPerLgd),
    stage: v(f.stage),
    ecl12: v(f.ecl12),
    lifetime: v(f.lifetime),
    averageBalance: v(f.averageBalance),
    fundingRate: v(f.fundingRate),
    intensity: v(f.intensity),
    tail: v(f.tail),
  };
  return { figures, of: v(plan.cells?.of), observedBad: v(plan.observedBad), weight: v(plan.weight) };
}

/**
 * The plan's sums of each block of the loans of `f` (its first loan the first of a block; the plan's
 * columns are the same loans'), packed.
 */
export function blockSums(plan: SumsPlan, f: LoanFigures): BlockSums {
  const out: BlockSums = { cells: [], ladder: [] };
  const limits = plan.ladder && limitsOf(plan.ladder.cutoffs);
  for (let from = 0; from < f.pd.length; from += SUM_BLOCK) {
    const { figures, of, observedBad, weight } = blockOf(f, plan, from, Math.min(f.pd.length, from + SUM_BLOCK));
    if (plan.cells) {
      const cells = Array.from({ length: plan.cells.count }, emptySums);
      addLoans(cells, of!, figures, plan.pdFloor, observedBad, weight);
      out.cells.push(packSums(cells));
    }
    if (plan.ladder && limits) {
      const rungs = Array.from({ length: limits.length }, emptySums);
      const applicants = plan.ladder.asOriginated ? { ...figures, stage: new Uint8Array(figures.pd.length).fill(1) } : figures;
      addLoans(rungs, firstApprovingRungs(limits, figures.pd), applicants, plan.pdFloor, observedBad, weight);
      out.ladder.push(packSums(rungs));
    }
  }
  return out;
}

/** The book's sums and every segment's: each loan added to its cell (none is declined: it is booked), block by block. */
export function bookSums(book: Book, figures: LoanFigures, pdFloor: number): SegmentedSums {
  const cells = bookCells(book);
  const plan: SumsPlan = {
    cells,
    pdFloor,
    ...(book.observedBad ? { observedBad: book.observedBad } : {}),
    ...(book.weight ? { weight: book.weight } : {}),
  };
  return segmentedFromCells(book, addBlocks(blockSums(plan, figures).cells, cells.count));
}
