import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HazardTable,
  defaultIntensity,
  loanEcl,
  monthlyStayRate,
  newLoanEcl,
  type LoanEcl,
  type ScheduleParams,
  type ScheduledLoan,
} from './lifetime-ecl';
import { MOMENTS_STRIDE, ScenarioExposure, eclFromMoments, makeScheduleMoments } from './schedule-moments';

const DEFAULTS: ScheduleParams = { cpr: 0.15, hazardPeakMonth: 12, reasonableSupportableMonths: 24, reversionMonths: 12 };

/** One loan's ECL under a scenario PD, walked month by month and read off its baseline's moments (undefined: declined). */
function bothWays(loan: ScheduledLoan, pd: number, baselinePd: number, p: ScheduleParams) {
  const hazard = new HazardTable(p.hazardPeakMonth, loan.monthsOnBook + loan.remainingMonths + 12);
  const stay = monthlyStayRate(p.cpr);
  const intensity = (x: number) => defaultIntensity(x, loan.monthsOnBook, stay, hazard);
  const [scenario, baseline] = [intensity(pd), intensity(baselinePd)];
  const { tail } = loanEcl(loan, baselinePd, baseline, baseline, p, hazard, newLoanEcl(), stay);
  const walked = loanEcl(loan, pd, scenario, baseline, p, hazard, newLoanEcl(), stay, tail);
  const exposure = new ScenarioExposure(loan.monthsOnBook, p, hazard);
  const moments = new Float64Array(MOMENTS_STRIDE);
  makeScheduleMoments(loan, baseline, p, hazard, exposure, stay, moments, 0);
  const read = newLoanEcl();
  const used = eclFromMoments(moments, 0, loan, scenario, baseline, p, exposure, tail, read);
  return { walked, read: used ? read : undefined };
}

const FIGURES = ['twelveMonth', 'lifetime', 'averageBalance'] as const;
const worstRelative = (a: LoanEcl, b: LoanEcl) => Math.max(...FIGURES.map((k) => Math.abs(a[k] - b[k]) / Math.abs(a[k])));

describe('ECL read off the baseline schedule’s moments', () => {
  it('gives the hand-worked schedules (36 and 60 months, the scenario holding then reverting)', () => {
    const short = bothWays({ balance: 10_000, ratePct: 11, remainingMonths: 36, monthsOnBook: 0 }, 0.06, 0.03, {
      ...DEFAULTS,
      reasonableSupportableMonths: 12,
    });
    expect(short.read!.twelveMonth * 0.85).toBeCloseTo(403.8806199, 5);
    expect(short.read!.lifetime * 0.85).toBeCloseTo(606.7502438, 5);
    const long = bothWays({ balance: 20_000, ratePct: 16, remainingMonths: 60, monthsOnBook: 0 }, 0.1, 0.05, DEFAULTS);
    expect(long.read!.twelveMonth * 0.85).toBeCloseTo(1433.437661, 5);
    expect(long.read!.lifetime * 0.85).toBeCloseTo(2661.926795, 5);
  });

  it('matches the walked schedule to 2e-14 wherever it answers, on any loan, move (PD ÷10,000 to ×20) and setting', () => {
    const settings = fc.constantFrom<ScheduleParams>(
      DEFAULTS,
      { ...DEFAULTS, hazardPeakMonth: 0 },
      { ...DEFAULTS, cpr: 0 },
      { ...DEFAULTS, reasonableSupportableMonths: 24.5, reversionMonths: 11.5 },
      { ...DEFAULTS, reasonableSupportableMonths: 6, reversionMonths: 0 },
      { ...DEFAULTS, reasonableSupportableMonths: 0, reversionMonths: 0 },
      { ...DEFAULTS, reasonableSupportableMonths: 0.5, reversionMonths: 3, hazardPeakMonth: 3 },
      { ...DEFAULTS, reasonableSupportableMonths: Infinity, reversionMonths: 0 },
    );
    const loan = fc.record({
      balance: fc.double({ min: 500, max: 40_000, noNaN: true }),
      ratePct: fc.oneof(fc.constant(0), fc.double({ min: 5, max: 30, noNaN: true })),
      remainingMonths: fc.integer({ min: 1, max: 360 }),
      monthsOnBook: fc.integer({ min: 0, max: 120 }),
    });
    fc.assert(
      fc.property(
        loan,
        fc.double({ min: -9, max: Math.log(0.6), noNaN: true }),
        fc.double({ min: Math.log(1e-4), max: Math.log(20), noNaN: true }).map(Math.exp),
        settings,
        (l, logPd, move, p) => {
          const baselinePd = Math.exp(logPd);
          const { walked, read } = bothWays(l, Math.min(baselinePd * move, 0.95), baselinePd, p);
          if (read) expect(worstRelative(walked, read)).toBeLessThan(2e-14);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('answers the moves the levers make (PD halved to tripled, up to 30%) and declines a jump it cannot hold', () => {
    let declined = 0;
    for (let pd = 0.002; pd <= 0.1; pd *= 1.3) {
      for (const move of [0.5, 0.9, 1.1, 1.5, 2, 3]) {
        for (const remainingMonths of [36, 60]) {
          const { read } = bothWays({ balance: 10_000, ratePct: 14, remainingMonths, monthsOnBook: 0 }, pd * move, pd, DEFAULTS);
          if (!read) declined++;
        }
      }
    }
    expect(declined).toBe(0);
    // From 5% to 95%: the expansion would need far more terms; the schedule is walked.
    expect(bothWays({ balance: 10_000, ratePct: 14, remainingMonths: 60, monthsOnBook: 0 }, 0.95, 0.05, DEFAULTS).read).toBeUndefined();
    // From 5% to 0.01%: the small loss would be a difference of the baseline's large terms (rounding); walked.
    expect(bothWays({ balance: 10_000, ratePct: 14, remainingMonths: 36, monthsOnBook: 0 }, 0.0001, 0.05, DEFAULTS).read).toBeUndefined();
  });

  it('leaves a loan without months after the reversion with no tail, and a credit-impaired one to the walk', () => {
    const { walked, read } = bothWays({ balance: 8_000, ratePct: 9, remainingMonths: 20, monthsOnBook: 16 }, 0.08, 0.05, DEFAULTS);
    expect(read!.tail).toBe(0);
    expect(worstRelative(walked, read!)).toBeLessThan(1e-13);
    const hazard = new HazardTable(12, 72);
    const exposure = new ScenarioExposure(0, DEFAULTS, hazard);
    const moments = new Float64Array(MOMENTS_STRIDE);
    const loan = { balance: 8_000, ratePct: 9, remainingMonths: 36, monthsOnBook: 0 };
    makeScheduleMoments(loan, Number.POSITIVE_INFINITY, DEFAULTS, hazard, exposure, monthlyStayRate(0.15), moments, 0);
    expect(eclFromMoments(moments, 0, loan, 0.01, 0.005, DEFAULTS, exposure, 0, newLoanEcl())).toBe(false);
  });
});
