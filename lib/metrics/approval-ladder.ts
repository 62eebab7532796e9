/**
 * The approval ladder: new business's sums at every cut-off of a grid, from one pass over the applicants.
 * It answers "what if the cut-off were c?" for any rung with a look-up, so LGD and the cut-off can
 * move without revisiting a loan (the page does it between two frames), and the strategy curve
 * (approval rate against expected bad rate) is read off it.
 */
import { SUM_BLOCK, addBlocks, blockSums } from './block-sums';
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

export function approvalLadder(
  applicants: LoanFigures,
  cutoffs: readonly number[],
  pdFloor: number,
  observedBad: Uint8Array | undefined,
  weight?: Float64Array,
): ApprovalLadder {
  const count = applicants.pd.length;
  const plan = {
    block: SUM_BLOCK,
    ladder: { cutoffs },
    pdFloor,
    ...(observedBad ? { observedBad } : {}),
    ...(weight ? { weight } : {}),
  };
  return ladderFromRungs(cutoffs, addBlocks(blockSums(plan, applicants).ladder, cutoffs.length), count, weight);
}

/**
 * The ladder from the sums of each rung's first-approved applicants (`blockSums`' ladder, added): rung k
 * approves every applicant whose first approving rung is k or below. `count` applicants, standing for `weight`.
 */
export function ladderFromRungs(
  cutoffs: readonly number[],
  added: readonly BookSums[],
  count: number,
  weight: Float64Array | undefined,
): ApprovalLadder {
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
