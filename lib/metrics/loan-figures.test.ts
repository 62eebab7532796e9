import { describe, expect, it } from 'vitest';
import type { LoanState } from './book';
import { irbCapitalPerLgd } from './irb';
import { loanFigures, type LoanFigureParams } from './loan-figures';

const params: LoanFigureParams = {
  schedule: { cpr: 0, hazardPeakMonth: 0, reasonableSupportableMonths: 24, reversionMonths: 12 },
  staging: { relative: 2, absolute: 0.02 },
  pdFloor: 0.0005,
  fundingRate: (years) => (years > 3 ? 0.035 : 0.03),
};
const loans = (n: number, extra: Partial<LoanState> = {}): LoanState => ({
  ead: new Float64Array(n).fill(10_000),
  amountLent: new Float64Array(n).fill(10_000),
  ratePct: new Float64Array(n).fill(12),
  remainingMonths: new Float64Array(n).fill(36),
  monthsOnBook: new Float64Array(n),
  ...extra,
});

describe('per-loan figures: IFRS 9 staging', () => {
  it('stage 2 needs both the relative and the absolute rise against the origination PD', () => {
    const origination = Float64Array.from([0.005, 0.005, 0.3, 0.04]);
    const pd = Float64Array.from([0.015, 0.03, 0.45, 0.08]);
    const f = loanFigures({ loans: loans(4), pd, baselinePd: origination, originationPd: origination, params });
    // ×3 but +1 pp: stage 1 · ×6 and +2.5 pp: stage 2 · +15 pp but ×1.5: stage 1 · ×2 and +4 pp: stage 2
    expect([...f.stage]).toEqual([1, 2, 1, 2]);
    expect(f.lifetime[1]).toBeGreaterThan(f.ecl12[1]!);
  });

  it('30 days past due is stage 2 whatever the PD; 90 days is stage 3, at PD 1, losing the whole balance', () => {
    const pd = Float64Array.from([0.01, 0.01, 0.01]);
    const f = loanFigures({
      loans: loans(3, { daysPastDue: Float64Array.from([0, 45, 120]) }),
      pd,
      baselinePd: pd,
      originationPd: pd,
      params,
    });
    expect([...f.stage]).toEqual([1, 2, 3]);
    expect(f.pd[2]).toBe(1);
    expect(f.ecl12[2]).toBe(10_000);
    expect(f.capitalPerLgd[2]).toBe(0); // its capital is downturn LGD − point-in-time LGD, added by the metrics
    expect(f.capitalPerLgd[0]).toBeCloseTo(irbCapitalPerLgd(0.01), 15);
  });

  it('new loans (no origination PD to compare with) are all stage 1; funding follows the remaining term', () => {
    const pd = Float64Array.from([0.01, 0.5]);
    const f = loanFigures({ loans: loans(2, { remainingMonths: Float64Array.from([36, 60]) }), pd, baselinePd: pd, params });
    expect([...f.stage]).toEqual([1, 1]);
    expect([...f.fundingRate]).toEqual([0.03, 0.035]);
  });
});

describe('per-loan figures: the baseline’s tails', () => {
  it('given the baseline’s intensities and tails, a scenario’s figures are those it works out on its own, bit for bit', () => {
    const n = 6;
    const book = loans(n, {
      remainingMonths: Float64Array.from([60, 60, 36, 48, 60, 12]),
      monthsOnBook: Float64Array.from([0, 10, 0, 3, 0, 24]),
      ratePct: Float64Array.from([16, 9, 12, 0, 25, 7]),
    });
    const baselinePd = Float64Array.from([0.05, 0.02, 0.08, 0.1, 1, 0.3]);
    const pd = Float64Array.from([0.09, 0.03, 0.12, 0.05, 0.5, 0.45]);
    const withHump = { ...params, schedule: { ...params.schedule, cpr: 0.15, hazardPeakMonth: 12 } };
    const baseline = loanFigures({ loans: book, pd: baselinePd, baselinePd, params: withHump });
    const alone = loanFigures({ loans: book, pd, baselinePd, baselineIntensity: baseline.intensity, params: withHump });
    const given = loanFigures({
      loans: book,
      pd,
      baselinePd,
      baselineIntensity: baseline.intensity,
      baselineTail: baseline.tail,
      params: withHump,
    });
    expect(given).toEqual(alone);
    // Loans with months past the reversion (36) share the baseline's tail; a 36-month one has none.
    expect(given.tail[0]).toBeGreaterThan(0);
    expect(given.tail[0]).toBe(baseline.tail[0]);
    expect(given.tail[2]).toBe(0);
    // At a baseline PD of 1 the scenario reverts to its own hazard: no baseline tail, its own worked out.
    expect(baseline.tail[4]).toBeNaN();
    expect(given.tail[4]).toBeGreaterThan(0);
  });
});
