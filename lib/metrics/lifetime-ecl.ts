/**
 * Expected credit loss of one amortising fixed-rate instalment loan, month by month, as IFRS 9
 * (5.5.17, B5.5.44) and CECL (ASC 326) ask: the scheduled balance, prepayment, a default hazard by
 * month on book calibrated to the 12-month PD, the scenario fading to the baseline after the
 * reasonable-and-supportable period, and every loss discounted at the loan's contract rate.
 * Checked against an independent hand-worked schedule (lifetime-ecl.test.ts). Formulas: docs/metrics.md.
 */

export interface ScheduleParams {
  /** Constant prepayment rate, a share a year. */
  cpr: number;
  /** Month on book where the default hazard peaks; 0 for a flat hazard. */
  hazardPeakMonth: number;
  /** Months the scenario's PD holds before it reverts (Infinity: for the whole life). */
  reasonableSupportableMonths: number;
  /** Months of straight-line reversion from the scenario's hazard to the baseline's. */
  reversionMonths: number;
}

export interface ScheduledLoan {
  /** Balance now, USD. */
  balance: number;
  /** Contract rate, % a year. */
  ratePct: number;
  remainingMonths: number;
  monthsOnBook: number;
}

export interface LoanEcl {
  /** Expected loss over the next 12 months per unit of LGD, discounted, USD. */
  twelveMonth: number;
  /** Expected loss over the remaining life per unit of LGD, discounted, USD. */
  lifetime: number;
  /** Expected performing balance (not defaulted, not prepaid) averaged over the next 12 months, USD. */
  averageBalance: number;
}

/** The relative default hazard by month on book: w(m) = (m/k)·e^(1 − m/k), peaking at month k; 1 when flat. */
export function hazardShape(month: number, peak: number): number {
  if (peak <= 0) return 1;
  const x = month / peak;
  return x * Math.exp(1 - x);
}

/** A schedule's shape weights, precomputed once per setting: w[m] and their running sums. */
export class HazardTable {
  private readonly weights: Float64Array;
  private readonly cumulative: Float64Array;

  constructor(
    readonly peak: number,
    months: number,
  ) {
    this.weights = new Float64Array(months + 1);
    this.cumulative = new Float64Array(months + 1);
    for (let m = 1; m <= months; m++) {
      this.weights[m] = hazardShape(m, peak);
      this.cumulative[m] = this.cumulative[m - 1]! + this.weights[m]!;
    }
  }

  get months(): number {
    return this.weights.length - 1;
  }

  weight(month: number): number {
    return month < this.weights.length ? this.weights[month]! : hazardShape(month, this.peak);
  }

  /** Σ w over the 12 months after `monthsOnBook`: what a 12-month PD is spread over. */
  nextYear(monthsOnBook: number): number {
    const end = monthsOnBook + 12;
    if (end < this.cumulative.length) return this.cumulative[end]! - this.cumulative[monthsOnBook]!;
    let sum = 0;
    for (let m = monthsOnBook + 1; m <= end; m++) sum += this.weight(m);
    return sum;
  }
}

/** Hazard intensity that makes the 12 months after `monthsOnBook` default with probability `pd`. */
const intensity = (pd: number, yearWeight: number) => -Math.log1p(-pd) / yearWeight;

export const newLoanEcl = (): LoanEcl => ({ twelveMonth: 0, lifetime: 0, averageBalance: 0 });

/**
 * One loan's schedule under a scenario 12-month PD that fades to the baseline 12-month PD. A PD of 1
 * (already defaulted) loses the whole balance at once; written into `out` to keep the hot loop lean.
 */
export function loanEcl(
  loan: ScheduledLoan,
  pd: number,
  baselinePd: number,
  p: ScheduleParams,
  hazard: HazardTable,
  out: LoanEcl,
): LoanEcl {
  const { balance, remainingMonths: n, monthsOnBook: m0 } = loan;
  if (pd >= 1 || n <= 0) {
    out.twelveMonth = out.lifetime = pd >= 1 ? balance : 0;
    out.averageBalance = 0;
    return out;
  }
  const i = loan.ratePct / 1200;
  const growth = 1 + i;
  const instalment = i > 0 ? (balance * i) / (1 - growth ** -n) : balance / n;
  const stayRate = (1 - p.cpr) ** (1 / 12);
  const yearWeight = hazard.nextYear(m0);
  const scenario = intensity(pd, yearWeight);
  const baseline = intensity(Math.min(baselinePd, 1 - 1e-12), yearWeight);
  const hold = p.reasonableSupportableMonths;
  const revert = p.reversionMonths;
  let b = balance;
  let survival = 1;
  let discount = 1;
  let twelve = 0;
  let life = 0;
  let performing = 0;
  for (let t = 1; t <= n; t++) {
    discount /= growth;
    const c = t <= hold ? scenario : t <= hold + revert ? scenario + ((baseline - scenario) * (t - hold)) / revert : baseline;
    const q = -Math.expm1(-hazard.weight(m0 + t) * c);
    const loss = survival * q * b * discount;
    life += loss;
    if (t <= 12) {
      twelve += loss;
      performing += survival * b;
    }
    survival *= (1 - q) * stayRate;
    b = b * growth - instalment;
  }
  out.twelveMonth = twelve;
  out.lifetime = life;
  out.averageBalance = performing / 12;
  return out;
}
