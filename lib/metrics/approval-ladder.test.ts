import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handMadeFigures } from '../testing';
import { approvalLadder, ladderRung, strategyCurve } from './approval-ladder';
import { addLoans, bookMetricsFromSums, emptySums, isApproved, type MetricParams } from './portfolio-metrics';

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
      addLoans(
        [direct],
        Uint8Array.from(pds, (pd) => (isApproved(pd, cutoff / 100) ? 0 : 1)),
        applicants,
        0.0005,
        observed,
        undefined,
      );
      const fromLadder = bookMetricsFromSums(ladderRung(ladder, cutoff)!, params);
      for (const [key, value] of Object.entries(bookMetricsFromSums({ ...direct, loans: 4 }, params))) {
        if (Number.isNaN(value)) expect(fromLadder[key as keyof typeof fromLadder], key).toBeNaN();
        else expect(fromLadder[key as keyof typeof fromLadder], key).toBeCloseTo(value, 9);
      }
    }
  });

  it('on the page’s grid of cut-offs, each rung approves exactly the PDs at or below it: on a cut-off, between two, at 0 and 1', () => {
    const grid = Array.from({ length: 200 }, (_, k) => (k + 1) / 2); // 0.5% … 100%, as the cut-off lever
    // Each cut-off as a PD, and the doubles right below and above it (one ulp away), and 0 and 1.
    const ulpAway = (x: number, by: bigint) => {
      const bits = new BigInt64Array(Float64Array.of(x).buffer);
      bits[0]! += by;
      return new Float64Array(bits.buffer)[0]!;
    };
    const limits = grid.map((c) => c / 100);
    const onGrid = fc.constantFrom(...limits, ...limits.map((l) => ulpAway(l, -1n)), ...limits.map((l) => ulpAway(l, 1n)), 0, 1);
    fc.assert(
      fc.property(fc.array(fc.oneof(onGrid, fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 60 }), (drawn) => {
        const people = handMadeFigures(
          drawn.map((pd) => ({ ead: 1, ratePct: 10, months: 36, pd, stage: 1, ecl12: 0, lifetime: 0, averageBalance: 1, fundingRate: 0 })),
        );
        const rungs = approvalLadder(people, grid, 0.0005, undefined).sums;
        grid.forEach((cutoff, k) => expect(rungs[k]!.approved).toBe(drawn.filter((pd) => isApproved(pd, cutoff / 100)).length));
      }),
    );
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
