import { describe, expect, it } from 'vitest';
import type { Book } from './book';
import { irbCapitalPerLgd } from './irb';
import { portfolioMetrics } from './portfolio-metrics';

// Three loans worked by hand: PD 2%, 10%, 30%; EAD 10k, 20k, 5k; rates 8%, 15%, 25%; LGD 50%.
const pd = Float64Array.from([0.02, 0.1, 0.3]);
const book: Book = {
  loanCount: 3,
  ead: Float64Array.from([10_000, 20_000, 5_000]),
  ratePct: Float64Array.from([8, 15, 25]),
  termYears: Float64Array.from([3, 3, 5]),
  segments: {
    grade: { labels: ['A', 'D'], index: Uint16Array.from([0, 1, 1]) },
    term: { labels: ['term_36', 'term_60'], index: Uint16Array.from([0, 0, 1]) },
    state: { labels: ['CA'], index: Uint16Array.from([0, 0, 0]) },
  },
};
const run = (cutoff: number, scenarioPd = pd) =>
  portfolioMetrics({
    book,
    pd: scenarioPd,
    originationPd: pd,
    capitalPerLgd: scenarioPd.map(irbCapitalPerLgd),
    lgd: 0.5,
    cutoff,
  });

describe('portfolio metrics', () => {
  it('approving every loan', () => {
    const m = run(1).book;
    expect(m.exposure).toBe(35_000);
    expect(m.expectedLoss).toBeCloseTo(1850, 9); // 0.02·0.5·10k + 0.1·0.5·20k + 0.3·0.5·5k
    expect(m.elRate).toBeCloseTo(1850 / 35_000, 12);
    expect(m.meanPd).toBeCloseTo(3700 / 35_000, 12); // exposure-weighted
    expect(m.expectedDefaults).toBeCloseTo(0.42, 12);
    expect(m.netInterestIncome).toBeCloseTo(4000, 9); // 10k·5% + 20k·12% + 5k·22%
    expect(m.irbCapital).toBeCloseTo(2369.4311, 3);
    expect(m.rwa).toBeCloseTo(12.5 * 2369.4311, 2);
    expect(m.riskAdjustedReturn).toBeCloseTo(0.9073908, 6);
    expect(m.approvalRate).toBe(1);
    expect(m.provisions).toBeCloseTo(1850, 9); // no PD moved, all stage 1
  });

  it('a 20% cut-off declines the 30% loan', () => {
    const m = run(0.2).book;
    expect(m.approvedLoans).toBe(2);
    expect(m.approvalRate).toBeCloseTo(2 / 3, 12);
    expect(m.exposure).toBe(30_000);
    expect(m.expectedLoss).toBeCloseTo(1100, 9);
    expect(m.expectedBadRate).toBeCloseTo(0.06, 12);
    expect(m.riskAdjustedReturn).toBeCloseTo(0.9685656, 6);
  });

  it('segments add up to the book', () => {
    const m = run(1);
    const sum = (rows: { metrics: { expectedLoss: number } }[]) => rows.reduce((s, r) => s + r.metrics.expectedLoss, 0);
    expect(sum(m.segments.grade)).toBeCloseTo(m.book.expectedLoss, 9);
    expect(m.segments.grade[1]!.metrics.expectedLoss).toBeCloseTo(1750, 9);
    expect(m.segments.term.map((s) => s.metrics.loans)).toEqual([2, 1]);
  });

  it('IFRS 9: a loan whose PD doubled moves to stage 2 with lifetime expected loss', () => {
    const stressed = Float64Array.from([0.04, 0.1, 0.3]);
    const m = run(1, stressed).book;
    expect(m.stage2Share).toBeCloseTo(10_000 / 35_000, 12);
    const lifetime = (1 - (1 - 0.04) ** 3) * 0.5 * 10_000; // 3-year term
    expect(m.provisions).toBeCloseTo(lifetime + 1000 + 750, 9);
  });
});
