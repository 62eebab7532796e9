import { describe, expect, it } from 'vitest';
import {
  HazardTable,
  IntensityTable,
  defaultIntensity,
  hazardShape,
  levelInstalment,
  loanEcl,
  monthlyDefault,
  monthlyStayRate,
  newLoanEcl,
  type ScheduleParams,
  type ScheduledLoan,
} from './lifetime-ecl';

/**
 * Reference values worked independently from the definition in docs/metrics.md: a literal loop, a
 * vectorised numpy schedule and a 50-digit one agree to 1e-14, with the competing-risk intensity found
 * by four root finders; a closed form for the zero-rate case.
 */
const table = (peak: number) => new HazardTable(peak, 120);
function ecl(loan: ScheduledLoan, pd: number, pdb: number, p: ScheduleParams, peak: number) {
  const hazard = table(peak);
  const stay = monthlyStayRate(p.cpr);
  const c = (x: number) => defaultIntensity(x, loan.monthsOnBook, stay, hazard);
  return loanEcl(loan, pd, c(pd), c(pdb), p, hazard, newLoanEcl());
}

describe('lifetime ECL schedule', () => {
  it('36-month loan at 11%: hump hazard, 15% CPR, scenario held 12 months then reverting over 12', () => {
    const r = ecl(
      { balance: 10_000, ratePct: 11, remainingMonths: 36, monthsOnBook: 0 },
      0.06,
      0.03,
      { cpr: 0.15, hazardPeakMonth: 12, reasonableSupportableMonths: 12, reversionMonths: 12 },
      12,
    );
    expect(r.twelveMonth * 0.85).toBeCloseTo(403.8806199, 5);
    expect(r.lifetime * 0.85).toBeCloseTo(606.7502438, 5);
  });

  it('60-month loan at 16%: hump hazard, 15% CPR, scenario held 24 months then reverting over 12', () => {
    const r = ecl(
      { balance: 20_000, ratePct: 16, remainingMonths: 60, monthsOnBook: 0 },
      0.1,
      0.05,
      { cpr: 0.15, hazardPeakMonth: 12, reasonableSupportableMonths: 24, reversionMonths: 12 },
      12,
    );
    expect(r.twelveMonth * 0.85).toBeCloseTo(1433.437661, 5);
    expect(r.lifetime * 0.85).toBeCloseTo(2661.926795, 5);
  });

  it('amortising and discounting alone halve the naive (1 − (1 − PD)^years) · LGD · EAD', () => {
    const held = { cpr: 0, hazardPeakMonth: 0, reasonableSupportableMonths: Infinity, reversionMonths: 0 };
    const short = ecl({ balance: 10_000, ratePct: 11, remainingMonths: 36, monthsOnBook: 0 }, 0.06, 0.03, held, 0);
    const long = ecl({ balance: 20_000, ratePct: 16, remainingMonths: 60, monthsOnBook: 0 }, 0.1, 0.05, held, 0);
    expect(short.twelveMonth * 0.85).toBeCloseTo(418.8340808, 5);
    expect(short.lifetime * 0.85).toBeCloseTo(716.4613334, 5);
    expect(long.lifetime * 0.85).toBeCloseTo(3343.2142263, 5);
    // The credit-risk review measured 0.48–0.52 (36 months at 11%) and 0.46–0.50 (60 months at 16%).
    expect((short.lifetime * 0.85) / ((1 - 0.94 ** 3) * 0.85 * 10_000)).toBeCloseTo(0.49753, 4);
    expect((long.lifetime * 0.85) / ((1 - 0.9 ** 5) * 0.85 * 20_000)).toBeCloseTo(0.480232, 5);
  });

  it('a seasoned loan spreads its 12-month PD over months 13–24 on book', () => {
    const r = ecl(
      { balance: 6_000, ratePct: 13, remainingMonths: 24, monthsOnBook: 12 },
      0.04,
      0.04,
      { cpr: 0.1, hazardPeakMonth: 12, reasonableSupportableMonths: 24, reversionMonths: 0 },
      12,
    );
    expect(r.twelveMonth * 0.6).toBeCloseTo(109.8983792, 5);
    expect(r.lifetime * 0.6).toBeCloseTo(131.1759168, 5);
  });

  it('zero rate, flat hazard: the closed form 100 · [12 − s(1 − s¹²)/(1 − s)], s = 0.88^(1/12)', () => {
    const flat = { cpr: 0, hazardPeakMonth: 0, reasonableSupportableMonths: Infinity, reversionMonths: 0 };
    const r = ecl({ balance: 1_200, ratePct: 0, remainingMonths: 12, monthsOnBook: 0 }, 0.12, 0.12, flat, 0);
    const s = 0.88 ** (1 / 12);
    expect(r.lifetime).toBeCloseTo(100 * (12 - (s * (1 - s ** 12)) / (1 - s)), 8);
    expect(r.lifetime).toBeCloseTo(79.52293007, 7);
    expect(r.twelveMonth).toBe(r.lifetime);
  });

  it('with prepayment competing, the intensity makes the next 12 months default with exactly the 12-month PD', () => {
    const hazard = table(12);
    const stay = monthlyStayRate(0.15);
    for (const [pd, m0] of [
      [0.06, 0],
      [0.1, 0],
      [0.04, 12],
      [0.6, 3],
    ] as const) {
      const c = defaultIntensity(pd, m0, stay, hazard);
      let survival = 1;
      let defaulted = 0;
      for (let t = 1; t <= 12; t++) {
        const q = 1 - Math.exp(-hazardShape(m0 + t, 12) * c);
        defaulted += survival * q;
        survival *= (1 - q) * stay;
      }
      expect(defaulted).toBeCloseTo(pd, 12);
    }
    // Independent root-finding (bisection, Brent, Newton, 50-digit): case 1's intensity.
    expect(defaultIntensity(0.06, 0, stay, hazard)).toBeCloseTo(0.007441390073, 11);
  });

  it('the hazard is calibrated: with no prepayment, the first 12 months default with exactly the 12-month PD', () => {
    const t = table(12);
    const c = -Math.log1p(-0.05) / t.nextYear(0);
    let survival = 1;
    for (let m = 1; m <= 12; m++) survival *= Math.exp(-hazardShape(m, 12) * c);
    expect(1 - survival).toBeCloseTo(0.05, 12);
    expect(hazardShape(12, 12)).toBe(1);
    expect(hazardShape(6, 12)).toBeLessThan(1);
    expect(hazardShape(24, 12)).toBeLessThan(1);
  });

  it('a defaulted loan loses its balance; a higher PD never lowers the ECL; prepayment lowers it', () => {
    const loan = { balance: 5_000, ratePct: 12, remainingMonths: 36, monthsOnBook: 0 };
    const p = { cpr: 0.15, hazardPeakMonth: 12, reasonableSupportableMonths: 24, reversionMonths: 12 };
    expect(ecl(loan, 1, 0.05, p, 12).lifetime).toBe(5_000);
    let last = 0;
    for (const pd of [0.001, 0.01, 0.05, 0.2, 0.5, 0.9, 0.999]) {
      const now = ecl(loan, pd, 0.05, p, 12).lifetime;
      expect(now).toBeGreaterThan(last);
      last = now;
    }
    expect(ecl(loan, 0.1, 0.05, { ...p, cpr: 0 }, 12).lifetime).toBeGreaterThan(ecl(loan, 0.1, 0.05, p, 12).lifetime);
    // Average performing balance over the year: below the balance now, as the loan amortises.
    const r = ecl(loan, 0.05, 0.05, p, 12);
    expect(r.averageBalance).toBeLessThan(5_000);
    expect(r.averageBalance).toBeGreaterThan(3_500);
  });
  it('past the reversion every scenario shares the baseline’s tail: given it, a scenario skips those months with the same figures bit for bit', () => {
    const hazard = table(12);
    const stay = monthlyStayRate(0.15);
    const p = { cpr: 0.15, hazardPeakMonth: 12, reasonableSupportableMonths: 24, reversionMonths: 12 };
    const loan = { balance: 20_000, ratePct: 16, remainingMonths: 60, monthsOnBook: 0 };
    const c = (pd: number) => defaultIntensity(pd, 0, stay, hazard);
    const baseline = loanEcl(loan, 0.05, c(0.05), c(0.05), p, hazard, newLoanEcl(), stay);
    // Months 37-60 run on the baseline's hazard whatever the scenario: a positive tail, the same in every scenario.
    expect(baseline.tail).toBeGreaterThan(0);
    for (const pd of [0.02, 0.1, 0.4]) {
      const walked = loanEcl(loan, pd, c(pd), c(0.05), p, hazard, newLoanEcl(), stay);
      expect(walked.tail).toBe(baseline.tail);
      const skipped = loanEcl(loan, pd, c(pd), c(0.05), p, hazard, newLoanEcl(), stay, baseline.tail);
      expect(skipped).toEqual(walked);
      // The months past the reversion are not walked when the tail is given: a larger one is taken as it is.
      const doubled = loanEcl(loan, pd, c(pd), c(0.05), p, hazard, newLoanEcl(), stay, 2 * baseline.tail);
      expect(doubled.lifetime).toBeGreaterThan(walked.lifetime);
      expect(doubled.twelveMonth).toBe(walked.twelveMonth);
    }
    // A reversion that ends within a month (settings are not whole numbers): the tail starts at the next whole month.
    const lifetimeWith = (held: number) =>
      loanEcl(loan, 0.1, c(0.1), c(0.05), { ...p, reasonableSupportableMonths: held }, hazard, newLoanEcl(), stay).lifetime;
    expect(lifetimeWith(24.5)).toBeGreaterThan(lifetimeWith(24));
    expect(lifetimeWith(24.5)).toBeLessThan(lifetimeWith(25));
    // A loan that ends before the reversion does has no tail; one whose PD is 1 says nothing of other scenarios'.
    expect(loanEcl({ ...loan, remainingMonths: 36 }, 0.05, c(0.05), c(0.05), p, hazard, newLoanEcl(), stay).tail).toBe(0);
    expect(loanEcl(loan, 1, Infinity, c(0.05), p, hazard, newLoanEcl(), stay).tail).toBeNaN();
  });
});

describe('a month’s default probability', () => {
  it('is 1 − e^(−x) to within one ulp of −expm1(−x), on the series’ side of 1/32 and beyond it', () => {
    const ulps = (x: number) => Math.abs(monthlyDefault(x) + Math.expm1(-x)) / (Number.EPSILON * -Math.expm1(-x));
    let worst = 0;
    for (let k = 0; k <= 20_000; k++) {
      // Log-spaced from 1e-12 to 1/32 and a little past it, then the expm1 side up to 40.
      const x = k <= 10_000 ? 1e-12 * (1 / 32 / 1e-12) ** (k / 10_000) * 1.0001 : (k - 10_000) * 0.004;
      if (x > 0) worst = Math.max(worst, ulps(x));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(monthlyDefault(0)).toBe(0);
    expect(monthlyDefault(0.01)).toBeCloseTo(0.009950166250831947, 17); // 1 − e^(−0.01)
  });
});

describe('intensity table', () => {
  it('gives the root Newton’s method gives from scratch, to 1e-10, across PDs and ages', () => {
    const hazard = new HazardTable(12, 120);
    const stay = monthlyStayRate(0.15);
    for (const m0 of [0, 7, 30]) {
      const t = new IntensityTable(m0, stay, hazard);
      for (const pd of [1e-6, 0.0005, 0.0123, 0.01, 0.05, 0.0777, 0.2, 0.5, 0.9, 0.999]) {
        const direct = defaultIntensity(pd, m0, stay, hazard);
        expect(Math.abs(t.intensity(pd) / direct - 1), `m0 ${m0} pd ${pd}`).toBeLessThan(1e-10);
      }
    }
  });
});

describe('the level instalment', () => {
  it('repays the balance: the 40-digit annuity values, at low rates and short terms too', () => {
    // B·i / (1 − (1 + i)^−n) in 40-digit arithmetic (mpmath), rounded to doubles.
    const cases = [
      { balance: 10_000, i: 0.01, n: 36, exact: 332.14309812851195 },
      { balance: 25_000, i: 0.2999 / 12, n: 60, exact: 808.6813449692023 },
      { balance: 10_000, i: 1e-7 / 12, n: 12, exact: 833.3333784722229 },
    ];
    for (const { balance, i, n, exact } of cases) expect(Math.abs(levelInstalment(balance, i, n) / exact - 1), `${i}`).toBeLessThan(1e-14);
    // The power form loses i's digits in 1 + i at a rate this low: off in the eighth digit.
    const { balance, i, n, exact } = cases[2]!;
    expect(Math.abs((balance * i) / (1 - (1 + i) ** -n) / exact - 1)).toBeGreaterThan(1e-9);
    expect(levelInstalment(12_000, 0, 24)).toBe(500);
  });
});
