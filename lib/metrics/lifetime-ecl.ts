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
  /**
   * The lifetime loss after the scenario has reverted (past `tailStart`), per unit of survival to then:
   * on the baseline's hazard alone, so every scenario of the loan shares it. 0 without such months.
   */
  tail: number;
}

/**
 * The month after which a schedule's hazard is the baseline's whatever the scenario (the reversion
 * done) and that the 12-month figures no longer reach: the losses after it are the baseline's, per
 * unit of survival, for every scenario (the `tail`). A whole month: the settings may end the reversion
 * within one.
 */
export const tailStart = (p: ScheduleParams): number => Math.max(Math.ceil(p.reasonableSupportableMonths + p.reversionMonths), 12);

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

  /** The weights w[0 … last] as an array (extended on the spot past the table's end). */
  weightsTo(last: number): Float64Array {
    if (last < this.weights.length) return this.weights;
    return Float64Array.from({ length: last + 1 }, (_, m) => (m === 0 ? 0 : this.weight(m)));
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

/** F(c), the probability of defaulting within the 12 months after `monthsOnBook` with prepayment competing, and dF/dc. */
function yearDefault(c: number, monthsOnBook: number, stayRate: number, hazard: HazardTable): [number, number] {
  let survival = 1;
  let cumulativeWeight = 0;
  let f = 0;
  let slope = 0;
  for (let t = 1; t <= 12; t++) {
    const w = hazard.weight(monthsOnBook + t);
    const q = -Math.expm1(-w * c);
    f += survival * q;
    slope += survival * (w * (1 - q) - cumulativeWeight * q);
    cumulativeWeight += w;
    survival *= (1 - q) * stayRate;
  }
  return [f, slope];
}

/**
 * The hazard intensity c that makes the 12 months after `monthsOnBook` default with probability `pd`,
 * prepayment competing: Σ S(t−1)·q(t) = pd with q(t) = 1 − e^(−w·c) and S(t) = S(t−1)(1 − q)(1 − SMM).
 * The tape's outcome counts a prepaid loan as good, so the model's PD is already net of prepayment.
 * Newton's method from `start` (by default the no-prepayment solution, which lies below the root; F is
 * increasing and concave in c, so from below the iterates rise monotonically to it).
 */
export function defaultIntensity(pd: number, monthsOnBook: number, stayRate: number, hazard: HazardTable, start?: number): number {
  if (pd <= 0) return 0;
  let c = start ?? -Math.log1p(-pd) / hazard.nextYear(monthsOnBook);
  if (stayRate === 1 && start === undefined) return c;
  for (let k = 0; k < 20; k++) {
    const [f, slope] = yearDefault(c, monthsOnBook, stayRate, hazard);
    const step = (pd - f) / slope;
    c += step;
    // Convergence is quadratic: a step of 1e-7 leaves an error near 1e-14, so no further step is needed to see it.
    if (Math.abs(step) <= (start === undefined ? 1e-13 : 1e-7) * c) break;
  }
  return c;
}

/**
 * Intensities for many loans of the same age, read off a dense table: the ratio of the root to the
 * no-prepayment solution −ln(1 − PD)/Σw is smooth in ln(−ln(1 − PD)), so cubic interpolation on 8,192
 * points matches the root solved directly to 1e-10 (tested) at the cost of two logarithms; above a PD
 * of 30% one Newton step keeps that.
 */
export class IntensityTable {
  private readonly ratio: Float64Array;
  private readonly yearWeight: number;
  private static readonly POINTS = 8192;
  private static readonly LOG_LO = Math.log(1e-8);
  private static readonly LOG_HI = Math.log(40);

  constructor(
    private readonly monthsOnBook: number,
    private readonly stayRate: number,
    private readonly hazard: HazardTable,
  ) {
    const { POINTS, LOG_LO, LOG_HI } = IntensityTable;
    this.yearWeight = hazard.nextYear(monthsOnBook);
    this.ratio = new Float64Array(POINTS);
    for (let k = 0; k < POINTS; k++) {
      const u = Math.exp(LOG_LO + (k * (LOG_HI - LOG_LO)) / (POINTS - 1));
      this.ratio[k] = (defaultIntensity(-Math.expm1(-u), monthsOnBook, stayRate, hazard) * this.yearWeight) / u;
    }
  }

  intensity(pd: number): number {
    if (pd <= 0) return 0;
    const { POINTS, LOG_LO, LOG_HI } = IntensityTable;
    const u = -Math.log1p(-pd);
    const position = Math.min(Math.max(((Math.log(u) - LOG_LO) / (LOG_HI - LOG_LO)) * (POINTS - 1), 1), POINTS - 2 - 1e-9);
    const k = Math.floor(position);
    const x = position - k;
    const r = this.ratio;
    const [p0, p1, p2, p3] = [r[k - 1]!, r[k]!, r[k + 1]!, r[k + 2]!];
    // Catmull–Rom cubic through the four nearest points.
    const ratio = p1 + 0.5 * x * (p2 - p0 + x * (2 * p0 - 5 * p1 + 4 * p2 - p3 + x * (3 * (p1 - p2) + p3 - p0)));
    const c = (ratio * u) / this.yearWeight;
    // Above a PD of 30% (a few loans) the ratio bends faster than the table's spacing: one Newton step.
    return pd > 0.3 ? defaultIntensity(pd, this.monthsOnBook, this.stayRate, this.hazard, c) : c;
  }
}

/**
 * The level monthly instalment that repays `balance` over `n` months at the monthly rate `i`:
 * balance·i / (1 − (1 + i)^−n). The denominator is taken as −expm1(−n·log1p(i)), within a few ulps
 * however small i·n (1 − (1 + i)^−n loses digits to cancellation there), and at half the cost of the
 * power: every walked loan pays it once.
 */
export function levelInstalment(balance: number, i: number, n: number): number {
  return i > 0 ? (balance * i) / -Math.expm1(-n * Math.log1p(i)) : balance / n;
}

/** Below this hazard a month's default probability is its series: the first term left out is under a thousandth of an ulp. */
const SERIES_BELOW = 1 / 32;

/**
 * A month's default probability at hazard x: 1 − e^(−x). Small hazards (nearly every loan-month) take
 * the Taylor series x − x²/2 + … − x⁸/8!, within one ulp of −expm1(−x) (tested) and faster than the
 * call; larger ones take −expm1(−x). The series is x − x²·R(x), R in Estrin's scheme (pairs of terms
 * summed by x², x⁴): the walk's months are independent, so the processor overlaps them, and a
 * shorter chain of dependent products lets it overlap more (the walk 15% faster than Horner's).
 * Ending on x − x²·R keeps it within one ulp: the last subtraction rounds once, and R's own
 * rounding is scaled by x².
 */
export function monthlyDefault(x: number): number {
  if (x >= SERIES_BELOW) return -Math.expm1(-x);
  const x2 = x * x;
  const x4 = x2 * x2;
  return x - x2 * (1 / 2 - x * (1 / 6) + x2 * (1 / 24 - x * (1 / 120)) + x4 * (1 / 720 - x * (1 / 5040) + x2 * (1 / 40320)));
}

export const newLoanEcl = (): LoanEcl => ({ twelveMonth: 0, lifetime: 0, averageBalance: 0, tail: 0 });

/** The monthly share of loans that do not prepay: 1 − SMM, SMM = 1 − (1 − CPR)^(1/12). */
export const monthlyStayRate = (cpr: number): number => (1 - cpr) ** (1 / 12);

/**
 * One loan's schedule under a scenario hazard intensity that fades to the baseline's (both from
 * `defaultIntensity`). A PD of 1 (already defaulted) loses the whole balance at once; written into
 * `out` to keep the hot loop lean. The months past `tailStart` add S · tail, S the survival to then:
 * `knownTail`, the same loan's tail from another scenario with the same baseline and settings, saves
 * walking them again (NaN: walk them), with the same result bit for bit.
 */
export function loanEcl(
  loan: ScheduledLoan,
  pd: number,
  scenario: number,
  baseline: number,
  p: ScheduleParams,
  hazard: HazardTable,
  out: LoanEcl,
  stayRate = monthlyStayRate(p.cpr),
  knownTail = Number.NaN,
): LoanEcl {
  const { balance, remainingMonths: n, monthsOnBook: m0 } = loan;
  if (pd >= 1 || n <= 0) {
    out.twelveMonth = out.lifetime = pd >= 1 ? balance : 0;
    out.averageBalance = 0;
    out.tail = Number.NaN; // not the baseline's: this loan's PD of 1 says nothing of another scenario's tail
    return out;
  }
  const i = loan.ratePct / 1200;
  const growth = 1 + i;
  const perMonth = 1 / growth;
  const instalment = levelInstalment(balance, i, n);
  const hold = p.reasonableSupportableMonths;
  const holdEnd = hold + p.reversionMonths;
  const reversionSlope = p.reversionMonths > 0 ? (baseline - scenario) / p.reversionMonths : 0;
  const split = Math.min(tailStart(p), n);
  const w = hazard.weightsTo(m0 + n);
  let b = balance;
  let survival = 1;
  let discount = 1;
  let twelve = 0;
  let life = 0;
  let performing = 0;
  // The hot loop of every lever move: one default probability per month, no division.
  for (let t = 1; t <= split; t++) {
    discount *= perMonth;
    const c = t <= hold ? scenario : t <= holdEnd ? scenario + reversionSlope * (t - hold) : baseline;
    const q = monthlyDefault(w[m0 + t]! * c);
    const atRisk = survival * b;
    life += atRisk * q * discount;
    if (t <= 12) {
      performing += atRisk;
      if (t === 12) twelve = life;
    }
    survival *= (1 - q) * stayRate;
    b = b * growth - instalment;
  }
  let tail = 0;
  if (n > split) {
    if (Number.isNaN(knownTail)) {
      // The baseline's hazard from here on, per unit of survival to the split.
      let onward = 1;
      for (let t = split + 1; t <= n; t++) {
        discount *= perMonth;
        const q = monthlyDefault(w[m0 + t]! * baseline);
        tail += onward * b * q * discount;
        onward *= (1 - q) * stayRate;
        b = b * growth - instalment;
      }
    } else tail = knownTail;
  }
  if (n < 12) twelve = life;
  out.twelveMonth = twelve;
  out.lifetime = life + survival * tail;
  out.averageBalance = performing / 12;
  out.tail = tail;
  return out;
}
