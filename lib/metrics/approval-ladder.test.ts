import { describe, expect, it } from 'vitest';
import { approvalLadder, ladderRung, strategyCurve } from './approval-ladder';
import type { Book } from './book';
import { irbCapitalPerLgd } from './irb';
import { bookMetricsFromSums, portfolioMetrics } from './portfolio-metrics';

// Four loans: PD 1%, 2%, 4%, 50%; EAD 10k, 20k, 30k, 40k; all 10% rate, 3-year term.
const pd = Float64Array.from([0.01, 0.02, 0.04, 0.5]);
const book: Book = {
  loanCount: 4,
  ead: Float64Array.from([10_000, 20_000, 30_000, 40_000]),
  ratePct: Float64Array.from([10, 10, 10, 10]),
  termYears: Float64Array.from([3, 3, 3, 3]),
  segments: {
    grade: { labels: ['A'], index: new Uint16Array(4) },
    term: { labels: ['term_36'], index: new Uint16Array(4) },
    state: { labels: ['CA'], index: new Uint16Array(4) },
  },
};
const input = { book, pd, originationPd: pd, capitalPerLgd: pd.map(irbCapitalPerLgd) };
const ladder = approvalLadder(input, [0.5, 1, 2, 4, 10, 100]);

describe('approval ladder', () => {
  it('holds the approved book at each cut-off; a loan exactly at a cut-off is approved', () => {
    expect(ladder.sums.map((s) => s.approved)).toEqual([0, 1, 2, 3, 3, 4]);
    expect(ladder.sums.map((s) => s.ead)).toEqual([0, 10_000, 30_000, 60_000, 60_000, 100_000]);
    expect(ladder.sums.every((s) => s.loans === 4)).toBe(true);
    // Expected loss per unit LGD at 4%: 0.01·10k + 0.02·20k + 0.04·30k = 1,700
    expect(ladderRung(ladder, 4)!.pdEad).toBeCloseTo(1700, 9);
  });

  it('a rung with an LGD gives the metrics a direct evaluation gives', () => {
    for (const [cutoff, lgd] of [
      [2, 0.45],
      [4, 0.85],
      [100, 0.6],
    ] as const) {
      const direct = portfolioMetrics({ ...input, lgd, cutoff: cutoff / 100 }).book;
      const fromLadder = bookMetricsFromSums(ladderRung(ladder, cutoff)!, lgd);
      for (const [key, value] of Object.entries(direct)) {
        expect(fromLadder[key as keyof typeof direct], key).toBeCloseTo(value, 9);
      }
    }
    expect(bookMetricsFromSums(ladderRung(ladder, 4)!, 0.5).expectedLoss).toBeCloseTo(850, 9);
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
