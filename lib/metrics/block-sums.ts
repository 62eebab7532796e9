/**
 * The sums a lever move makes over a book's loans, added block by block: each block of loans (counted
 * from the first; see `SUM_BLOCK`) is summed on its own and the
 * blocks are added in order. So a book's figures are the same, bit for bit, whether one thread adds
 * every block or several threads each add the blocks of their slice of the loans (a slice starts on a
 * block): the per-loan work's threads add their loans as they compute them, and the engine only adds
 * their blocks.
 */
import type { LoanFigures } from './loan-figures';
import { addLoans, emptySums, isApproved, type BookSums } from './portfolio-metrics';

/**
 * Loans in a block of the sums: the step in which a thread computes a big book's per-loan figures and
 * looks whether to give them up (some 20 ms in a browser), so a step adds whole blocks. Each block costs
 * a fixed amount to add and send (its rungs' and cells' sums packed, the ladder's look-up), paid by
 * the threads that share the per-loan work: blocks of 2,048 made a 100,000-loan book's sums twice as
 * slow as one pass in Node, blocks of 16,384 1.4 times.
 */
export const SUM_BLOCK = 16_384;

/** What a set of loans adds up: the book's cells and the rungs of an approval ladder, each a list of groups. */
export interface SumsPlan {
  /** Loans in a block (`SUM_BLOCK`; tests take smaller ones): every slice of the book adds the same blocks. */
  block: number;
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

/**
 * A block's sums of the cells its loans fall in (a block of a few thousand loans meets few of a book's
 * cells, which may be thousands): the cells, and their sums packed (see `packSums`).
 */
export interface CellBlock {
  ids: Uint32Array;
  sums: Float64Array;
}

/** The sums of each block, in order: its cells', and its ladder rungs' packed (every rung). */
export interface BlockSums {
  cells: CellBlock[];
  ladder: Float64Array[];
}

const SUM_KEYS = Object.keys(emptySums()) as (keyof BookSums)[];
const WIDTH = SUM_KEYS.length;

/** Groups' sums side by side in one array: cheap to send to another thread (moved, not copied). */
function packSums(groups: readonly BookSums[]): Float64Array {
  const packed = new Float64Array(groups.length * WIDTH);
  for (let g = 0; g < groups.length; g++) {
    const s = groups[g]!;
    for (let k = 0; k < WIDTH; k++) packed[g * WIDTH + k] = s[SUM_KEYS[k]!];
  }
  return packed;
}

function unpackSums(total: Float64Array, groups: number): BookSums[] {
  return Array.from({ length: groups }, (_, g) => {
    const s = emptySums();
    SUM_KEYS.forEach((key, k) => (s[key] = total[g * WIDTH + k]!));
    return s;
  });
}

/** Each rung's sums over the blocks, added in block order. */
export function addBlocks(blocks: readonly Float64Array[], groups: number): BookSums[] {
  const total = new Float64Array(groups * WIDTH);
  for (const block of blocks) for (let j = 0; j < total.length; j++) total[j]! += block[j]!;
  return unpackSums(total, groups);
}

/**
 * Each of `count` cells' sums over the blocks, added in block order: the same, bit for bit, as adding
 * every cell of every block (a cell a block does not meet would add zeros).
 */
export function addCellBlocks(blocks: readonly CellBlock[], count: number): BookSums[] {
  const total = new Float64Array(count * WIDTH);
  for (const { ids, sums } of blocks) {
    for (let j = 0; j < ids.length; j++) for (let k = 0; k < WIDTH; k++) total[ids[j]! * WIDTH + k]! += sums[j * WIDTH + k]!;
  }
  return unpackSums(total, count);
}

/** Buckets of PD for the first-rung look-up: a bucket is far narrower than any grid of cut-offs the page has (0.5%). */
const BUCKETS = 4096;

/**
 * Each applicant's first approving rung: the first cut-off with PD ≤ cut-off, `limits.length` if none.
 * A PD's bucket (PD × 4,096, rounded down) gives the first rung that can approve it; a step or two up the
 * ladder from there finds it, with the same comparison as `isApproved`.
 */
function firstApprovingRungs(limits: Float64Array, from: Uint32Array, pd: Float64Array): Uint32Array {
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

/** For each bucket of PD, the first rung that can approve a PD in it: the start of `firstApprovingRungs`' walk. */
function bucketStarts(limits: Float64Array): Uint32Array {
  const from = new Uint32Array(BUCKETS);
  for (let j = 0, k = 0; j < BUCKETS; j++) {
    // Rungs below k have limits under j/BUCKETS, so under every PD of bucket j.
    while (k < limits.length && limits[k]! < j / BUCKETS) k++;
    from[j] = k;
  }
  return from;
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
 * columns are the same loans').
 */
export function blockSums(plan: SumsPlan, f: LoanFigures): BlockSums {
  const out: BlockSums = { cells: [], ladder: [] };
  const limits = plan.ladder && limitsOf(plan.ladder.cutoffs);
  const starts = limits && bucketStarts(limits);
  if (plan.cells && !plan.cells.of) throw new Error('The sums of the book’s cells need each loan’s cell.');
  // A cell's place among the cells the block meets; −1 for one it has not met.
  const seen = plan.cells && new Int32Array(plan.cells.count).fill(-1);
  for (let from = 0; from < f.pd.length; from += plan.block) {
    const { figures, of, observedBad, weight } = blockOf(f, plan, from, Math.min(f.pd.length, from + plan.block));
    if (of && seen) out.cells.push(cellBlock(of, seen, figures, plan.pdFloor, observedBad, weight));
    if (plan.ladder && limits && starts) {
      const rungs = Array.from({ length: limits.length }, emptySums);
      const applicants = plan.ladder.asOriginated ? { ...figures, stage: new Uint8Array(figures.pd.length).fill(1) } : figures;
      addLoans(rungs, firstApprovingRungs(limits, starts, figures.pd), applicants, plan.pdFloor, observedBad, weight);
      out.ladder.push(packSums(rungs));
    }
  }
  return out;
}

/** One block's cells: each loan added to its cell, among the cells the block meets (in the order it meets them). */
function cellBlock(
  of: Uint32Array,
  seen: Int32Array,
  figures: LoanFigures,
  pdFloor: number,
  observedBad: Uint8Array | undefined,
  weight: Float64Array | undefined,
): CellBlock {
  const ids: number[] = [];
  const place = new Uint32Array(of.length);
  for (let i = 0; i < of.length; i++) {
    const cell = of[i]!;
    if (seen[cell]! < 0) seen[cell] = ids.push(cell) - 1;
    place[i] = seen[cell]!;
  }
  for (const cell of ids) seen[cell] = -1;
  const sums = Array.from({ length: ids.length }, emptySums);
  addLoans(sums, place, figures, pdFloor, observedBad, weight);
  return { ids: Uint32Array.from(ids), sums: packSums(sums) };
}
