/**
 * The approval ladder: new business's sums at every cut-off of a grid, from one pass over the applicants.
 * It answers "what if the cut-off were c?" for any rung with a look-up, so LGD and the cut-off can
 * move without revisiting a loan (the page does it between two frames), and the strategy curve
 * (approval rate against expected bad rate) is read off it.
 */
import type { LoanFigures } from './loan-figures';
import { addInto, addLoans, emptySums, isApproved, loansStoodFor, type BookSums } from './portfolio-metrics';

export interface ApprovalLadder {
  /** Cut-offs, PD in percent, ascending. */
  cutoffs: number[];
  /** sums[k]: the book with the loans approved at cutoffs[k] (PD ≤ cut-off); `loans` counts all. */
  sums: BookSums[];
}

export interface CutoffPoint {
  /** Cut-off PD, percent. */
  cutoff: number;
  approvalRate: number;
  /** Expected bad rate of the loans approved at this cut-off. */
  expectedBadRate: number;
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

export function approvalLadder(
  applicants: LoanFigures,
  cutoffs: readonly number[],
  pdFloor: number,
  observedBad: Uint8Array | undefined,
  weight?: Float64Array,
): ApprovalLadder {
  // The same comparison as isApproved (PD ≤ cut-off / 100), so a rung equals a direct evaluation.
  const limits = Float64Array.from(cutoffs, (c) => c / 100);
  const added = cutoffs.map(emptySums);
  const count = applicants.pd.length;
  // Each applicant's first approving rung (none: past the last), then one pass adding each to its rung.
  addLoans(added, firstApprovingRungs(limits, applicants.pd), applicants, pdFloor, observedBad, weight);
  const running = emptySums();
  const applying = loansStoodFor(count, weight);
  const sums = added.map((a) => {
    addInto(running, a);
    return { ...running, loans: applying };
  });
  return { cutoffs: [...cutoffs], sums };
}

/** The rung for a cut-off (PD in percent), if the ladder has one. */
export function ladderRung(ladder: ApprovalLadder, cutoff: number): BookSums | undefined {
  const k = ladder.cutoffs.findIndex((c) => Math.abs(c - cutoff) < 1e-9);
  return k < 0 ? undefined : ladder.sums[k];
}

/** Approval rate against expected bad rate at every rung: the "strategy curve". */
export function strategyCurve(ladder: ApprovalLadder): CutoffPoint[] {
  return ladder.sums.map((s, k) => ({
    cutoff: ladder.cutoffs[k]!,
    approvalRate: s.loans ? s.approved / s.loans : 0,
    expectedBadRate: s.approved ? s.pdSum / s.approved : 0,
  }));
}

/** The applicants approved at any cut-off (a share), summed directly: for a cut-off between the ladder's rungs. */
export function approvedSums(
  applicants: LoanFigures,
  cutoff: number,
  pdFloor: number,
  observedBad: Uint8Array | undefined,
  weight?: Float64Array,
): BookSums {
  const sums = emptySums();
  const count = applicants.pd.length;
  // Group 0 approved, 1 (no group) declined.
  const declined = Uint8Array.from(applicants.pd, (pd) => (isApproved(pd, cutoff) ? 0 : 1));
  addLoans([sums], declined, applicants, pdFloor, observedBad, weight);
  sums.loans = loansStoodFor(count, weight);
  return sums;
}
