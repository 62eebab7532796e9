import { describe, expect, it } from 'vitest';
import { handMadeFigures } from '../testing';
import { approvalLadder, ladderRung, strategyCurve } from './approval-ladder';
import { addLoan, bookMetricsFromSums, emptySums, isApproved, type MetricParams } from './portfolio-metrics';

// Four applicants: PD 1%, 2%, 4%, 50%; EAD 10k, 20k, 30k, 40k.
const pds = [0.01, 0.02, 0.04, 0.5];
const applicants = handMadeFigures(
  pds.map((pd, k) => ({
    ead: 10_000 * (k + 1),
    ratePct: 10,
    months: 36,
    pd,
    stage: 1,
    ecl12: pd * 10_000 * (k + 1),
    lifetime: 2 * pd * 10_000 * (k + 1),
    averageBalance: 8_000 * (k + 1),
    fundingRate: 0.03,
  })),
);
const observed = Uint8Array.from([0, 0, 1, 1]);
const ladder = approvalLadder(applicants, [0.5, 1, 2, 4, 10, 100], 0.0005, observed);
const params: MetricParams = {
  lgd: 0.85,
  capitalLgd: 0.95,
  capitalScaling: 1,
  opex: 0.02,
  originationFee: 0.03,
  taxRate: 0.25,
  capitalRatio: 0.105,
  capitalBenefit: 0.03,
  hurdleRate: 0.12,
};

describe('approval ladder', () => {
  it('holds the approved applicants at each cut-off; one exactly at a cut-off is approved', () => {
    expect(ladder.sums.map((s) => s.approved)).toEqual([0, 1, 2, 3, 3, 4]);
    expect(ladder.sums.map((s) => s.ead)).toEqual([0, 10_000, 30_000, 60_000, 60_000, 100_000]);
    expect(ladder.sums.every((s) => s.loans === 4)).toBe(true);
    // Expected loss per unit LGD at 4%: 0.01·10k + 0.02·20k + 0.04·30k = 1,700
    expect(ladderRung(ladder, 4)!.pdEad).toBeCloseTo(1700, 9);
    expect(ladderRung(ladder, 4)!.observedBad).toBe(1);
  });

  it('a rung gives the metrics the approved applicants summed directly give', () => {
    for (const cutoff of [2, 4, 100]) {
      const direct = emptySums();
      pds.forEach((pd, i) => {
        if (isApproved(pd, cutoff / 100)) addLoan(direct, applicants, i, 0.0005, observed);
      });
      const fromLadder = bookMetricsFromSums(ladderRung(ladder, cutoff)!, params);
      for (const [key, value] of Object.entries(bookMetricsFromSums({ ...direct, loans: 4 }, params))) {
        if (Number.isNaN(value)) expect(fromLadder[key as keyof typeof fromLadder], key).toBeNaN();
        else expect(fromLadder[key as keyof typeof fromLadder], key).toBeCloseTo(value, 9);
      }
    }
  });

  it('has no rung for a cut-off off its grid', () => {
    expect(ladderRung(ladder, 3)).toBeUndefined();
  });

  it('strategy curve: approval and expected bad rate at each cut-off', () => {
    const curve = strategyCurve(ladder);
    expect(curve[0]).toEqual({ cutoff: 0.5, approvalRate: 0, expectedBadRate: 0 });
    expect(curve[1]).toEqual({ cutoff: 1, approvalRate: 0.25, expectedBadRate: 0.01 });
    expect(curve[3]!.approvalRate).toBe(0.75);
    expect(curve[3]!.expectedBadRate).toBeCloseTo(0.07 / 3, 12);
    expect(curve[5]).toMatchObject({ approvalRate: 1 });
    expect(curve[5]!.expectedBadRate).toBeCloseTo(0.57 / 4, 12);
  });
});
