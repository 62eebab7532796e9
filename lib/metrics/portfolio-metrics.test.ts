import { describe, expect, it } from 'vitest';
import { handMadeFigures } from '../testing';
import { SUM_BLOCK, addCellBlocks, blockSums } from './block-sums';
import type { Book } from './book';
import { irbCapitalPerLgd } from './irb';
import {
  addSums,
  bookCells,
  bookMetricsFromSums,
  repriceFunding,
  segmentedFromCells,
  segmentLabels,
  segmentedMetrics,
  type MetricParams,
} from './portfolio-metrics';

// Three loans worked by hand: stage 1 at PD 2%, stage 2 at PD 10%, stage 3 (credit-impaired, PD 1).
const figures = handMadeFigures([
  { ead: 10_000, ratePct: 8, months: 36, pd: 0.02, stage: 1, ecl12: 150, lifetime: 300, averageBalance: 8_000, fundingRate: 0.03 },
  { ead: 20_000, ratePct: 15, months: 36, pd: 0.1, stage: 2, ecl12: 1_500, lifetime: 3_000, averageBalance: 17_000, fundingRate: 0.03 },
  { ead: 5_000, ratePct: 25, months: 60, pd: 1, stage: 3, ecl12: 5_000, lifetime: 5_000, averageBalance: 0, fundingRate: 0.035 },
]);
const book = {
  ...figures.loans,
  loanCount: 3,
  segments: {
    grade: { labels: ['A', 'D'], index: Uint16Array.from([0, 1, 1]) },
    term: { labels: ['term_36', 'term_60'], index: Uint16Array.from([0, 0, 1]) },
    state: { labels: ['CA'], index: Uint16Array.from([0, 0, 0]) },
  },
  observedBad: Uint8Array.from([0, 1, 1]),
} as unknown as Book;
const params: MetricParams = {
  lgd: 0.5,
  capitalLgd: 0.6,
  capitalScaling: 1,
  opex: 0.02,
  originationFee: 0.03,
  taxRate: 0.25,
  capitalRatio: 0.105,
  capitalBenefit: 0.03,
  hurdleRate: 0.12,
};
// As the engine adds a book: each loan into its cell, block by block, then the cells into segments.
const cells = bookCells(book);
const blocks = blockSums({ block: SUM_BLOCK, cells, pdFloor: 0.0005, observedBad: book.observedBad! }, figures);
const sums = segmentedFromCells(book, addCellBlocks(blocks.cells, cells.count));
const m = bookMetricsFromSums(sums.total, params);

describe('book metrics, worked by hand', () => {
  it('expected loss, ECL and staging', () => {
    expect(m.expectedLoss).toBeCloseTo(0.5 * (200 + 2_000 + 5_000), 9);
    expect(m.ecl12Month).toBeCloseTo(0.5 * 6_650, 9);
    expect(m.ifrs9Ecl).toBeCloseTo(0.5 * (150 + 3_000 + 5_000), 9); // 12-month in stage 1, lifetime in 2 and 3
    expect(m.ceclEcl).toBeCloseTo(0.5 * 8_300, 9); // lifetime for every loan
    expect(m.stage2Share).toBeCloseTo(20 / 35, 12);
    expect(m.stage3Share).toBeCloseTo(5 / 35, 12);
    expect(m.observedBadRate).toBeCloseTo(2 / 3, 12);
  });

  it('capital: downturn LGD on performing loans, downturn − point-in-time LGD on the credit-impaired one', () => {
    const k = 0.6 * (irbCapitalPerLgd(0.02) * 10_000 + irbCapitalPerLgd(0.1) * 20_000) + (0.6 - 0.5) * 5_000;
    expect(m.irbCapital).toBeCloseTo(k, 9);
    expect(m.rwa).toBeCloseTo(12.5 * k, 9);
    expect(m.capitalHeld).toBeCloseTo(0.105 * 12.5 * k, 9);
    expect(bookMetricsFromSums(sums.total, { ...params, capitalScaling: 1.06 }).irbCapital).toBeCloseTo(1.06 * k, 9);
    // Basel EL: floored PD × downturn LGD on performing loans, the best estimate (point-in-time LGD) on the
    // defaulted one: 0.6 · 2,200 + 0.5 · 5,000 = 3,820; against 4,075 of provisions, an excess of 255.
    expect(m.regulatoryEl).toBeCloseTo(3_820, 9);
    expect(m.elMinusProvisions).toBeCloseTo(-255, 9);
  });

  it('profitability after costs and tax, economic profit and the break-even rate', () => {
    const nii = 8_000 * 0.08 + 17_000 * 0.15 - 25_000 * 0.03;
    // Fees on the amount lent over the contractual term, performing loans only; opex on the performing balance;
    // credit cost the discounted 12-month ECL: one basis for the year ahead.
    const fees = 0.03 * (10_000 / 3 + 20_000 / 3);
    const capital = m.capitalHeld;
    const beforeTax = nii + fees + 0.03 * capital - 0.02 * 25_000 - 0.5 * 6_650;
    expect(m.netInterestIncome).toBeCloseTo(2_440, 9);
    expect(m.feeIncome).toBeCloseTo(300, 9);
    expect(m.operatingCost).toBeCloseTo(500, 9);
    expect(m.profitBeforeTax).toBeCloseTo(beforeTax, 9);
    expect(m.profitAfterTax).toBeCloseTo(0.75 * beforeTax, 9);
    expect(m.returnOnCapital).toBeCloseTo((0.75 * beforeTax) / capital, 12);
    expect(m.economicProfit).toBeCloseTo(0.75 * beforeTax - 0.12 * capital, 9);
    // At the break-even rate the return on capital is the hurdle rate.
    const shift = m.breakEvenRate - m.averageRate;
    const atBreakEven = 0.75 * (beforeTax + shift * 25_000);
    expect(atBreakEven / capital).toBeCloseTo(0.12, 12);
  });

  it('with no capital held the return on capital is not a number ("n/a"), not 0%', () => {
    const none = bookMetricsFromSums(sums.total, { ...params, lgd: 0, capitalLgd: 0 });
    expect(none.capitalHeld).toBe(0);
    expect(none.returnOnCapital).toBeNaN();
  });

  it('funding repricing lowers net interest income by shock × performing balance', () => {
    const shocked = bookMetricsFromSums(repriceFunding(sums.total, 0.01), params);
    expect(m.netInterestIncome - shocked.netInterestIncome).toBeCloseTo(250, 9);
  });

  it('segments add up to the book; two books add up key by key', () => {
    const s = segmentedMetrics(segmentLabels(book), sums, params, 0);
    const total = s.segments.grade.reduce((acc, g) => acc + g.metrics.expectedLoss, 0);
    expect(total).toBeCloseTo(m.expectedLoss, 9);
    expect(s.segments.term.map((t) => t.metrics.loans)).toEqual([2, 1]);
    const twice = bookMetricsFromSums(addSums(sums.total, sums.total), params);
    expect(twice.expectedLoss).toBeCloseTo(2 * m.expectedLoss, 9);
    expect(twice.returnOnCapital).toBeCloseTo(m.returnOnCapital, 12);
  });
});
