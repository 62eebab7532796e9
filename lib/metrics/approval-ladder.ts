/**
 * The approval ladder: new business's sums at every cut-off of a grid, from one pass over the applicants.
 * It answers "what if the cut-off were c?" for any rung with a look-up, so LGD and the cut-off can
 * move without revisiting a loan (the page does it between two frames), and the strategy curve
 * (approval rate against expected bad rate) is read off it.
 */
import type { LoanFigures } from './loan-figures';
import { addLoan, emptySums, isApproved, loansStoodFor, type BookSums } from './portfolio-metrics';

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

/** The first rung whose cut-off approves a loan of PD `p`, or `limits.length` if none does. */
function firstApprovingRung(limits: Float64Array, p: number): number {
  let lo = 0;
  let hi = limits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p <= limits[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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
  for (let i = 0; i < count; i++) {
    const rung = firstApprovingRung(limits, applicants.pd[i]!);
    if (rung < limits.length) addLoan(added[rung]!, applicants, i, pdFloor, observedBad, weight ? weight[i]! : 1);
  }
  const running = emptySums();
  const applying = loansStoodFor(count, weight);
  const sums = added.map((a) => {
    for (const key of Object.keys(running) as (keyof BookSums)[]) running[key] += a[key];
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
  sums.loans = loansStoodFor(count, weight);
  for (let i = 0; i < count; i++) {
    if (isApproved(applicants.pd[i]!, cutoff)) addLoan(sums, applicants, i, pdFloor, observedBad, weight ? weight[i]! : 1);
  }
  return sums;
}
