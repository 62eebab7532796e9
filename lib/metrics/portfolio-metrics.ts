/**
 * Portfolio metrics from per-loan figures: expected loss, IFRS 9 and CECL ECL, Basel IRB capital,
 * net interest income and profitability after costs and tax. Formulas and references: docs/metrics.md.
 */
import { SEGMENT_KINDS, type Book, type SegmentKind } from './book';
import { CAPITAL_PEAK_PD } from './irb';
import type { LoanFigures } from './loan-figures';

/** The scalars applied after the sums: LGD and the profitability settings, all as shares. */
export interface MetricParams {
  /** Point-in-time LGD: expected loss and ECL. */
  lgd: number;
  /** Downturn LGD after the regime's floor: capital and regulatory EL. */
  capitalLgd: number;
  /** 1.06 under Basel II, 1 under Basel III. */
  capitalScaling: number;
  opex: number;
  originationFee: number;
  taxRate: number;
  /** Capital held as a share of RWA. */
  capitalRatio: number;
  /** What capital held earns, a year. */
  capitalBenefit: number;
  hurdleRate: number;
}

export interface BookMetrics {
  loans: number;
  approvedLoans: number;
  /** Approved loans / all loans (1 for the existing book: no loan is declined after booking). */
  approvalRate: number;
  /** Exposure at default, USD. */
  exposure: number;
  /** Exposure-weighted mean 12-month PD. */
  meanPd: number;
  /** Σ PD: loans expected to default in 12 months. */
  expectedDefaults: number;
  /** Expected defaults / loans. */
  expectedBadRate: number;
  /** Σ PD · LGD · EAD over 12 months (credit-impaired loans at PD 1), USD. */
  expectedLoss: number;
  /** Expected loss / exposure. */
  elRate: number;
  /** Basel IRB minimum capital: K · EAD (× 1.06 under Basel II), 8% of RWA, USD. */
  irbCapital: number;
  /** Risk-weighted assets: 12.5 · IRB capital, USD. */
  rwa: number;
  /** Capital the bank holds: capital ratio × RWA, USD. */
  capitalHeld: number;
  /** Interest on the expected performing balance over 12 months less its funding cost, USD. */
  netInterestIncome: number;
  /** Origination fees recognised over 12 months, USD. */
  feeIncome: number;
  /** Operating cost × the expected performing balance, USD. */
  operatingCost: number;
  profitBeforeTax: number;
  profitAfterTax: number;
  /** Profit after tax / capital held; NaN ("n/a") where no capital is held. */
  returnOnCapital: number;
  /** Profit after tax − hurdle rate × capital held, USD. */
  economicProfit: number;
  /** The contract rate (share) at which the return on capital equals the hurdle rate; NaN without balance. */
  breakEvenRate: number;
  /** Balance-weighted contract rate (share). */
  averageRate: number;
  /** Expected performing balance averaged over the next 12 months, USD: what earns interest and is funded. */
  performingBalance: number;
  /** Discounted 12-month ECL of every loan, USD. */
  ecl12Month: number;
  /** IFRS 9: 12-month ECL in stage 1, lifetime in stages 2 and 3, USD. */
  ifrs9Ecl: number;
  /** CECL: lifetime ECL of every loan, USD. */
  ceclEcl: number;
  stage2Share: number;
  stage3Share: number;
  /** Basel EL: floored PD × downturn LGD × EAD on performing loans, point-in-time LGD × EAD on defaulted ones. */
  regulatoryEl: number;
  /** Basel EL − this scenario's IFRS 9 ECL: above 0 a shortfall deducted from capital, below 0 an excess. */
  elMinusProvisions: number;
  /** Loans whose PD is past the point where the IRB capital per unit of exposure falls (≈ 40%). */
  loansPastCapitalPeak: number;
  /** Observed bad rate of these loans where the tape has outcomes; NaN where it has none. */
  observedBadRate: number;
}

/**
 * What the metrics are made of: sums over the loans of a book or segment. LGD enters every loss figure
 * linearly, so the sums hold those per unit of LGD and LGD is applied last: moving LGD or a profitability
 * setting re-uses the sums and never revisits a loan.
 */
export interface BookSums {
  /** All loans, approved or not. */
  loans: number;
  approved: number;
  ead: number;
  /** Σ PD · EAD: expected loss per unit of LGD. */
  pdEad: number;
  /** Σ PD: expected defaults. */
  pdSum: number;
  /** Σ max(PD, floor) · EAD over performing loans: their regulatory EL per unit of (downturn) LGD. */
  flooredPdEad: number;
  /** Σ K/LGD · EAD over performing loans: IRB capital per unit of LGD. */
  capitalEadPerLgd: number;
  /** Exposure of credit-impaired loans (their K is downturn LGD − point-in-time LGD). */
  defaultedEad: number;
  ecl12PerLgd: number;
  lifetimePerLgd: number;
  ifrs9PerLgd: number;
  stage2Ead: number;
  stage3Ead: number;
  averageBalance: number;
  interestIncome: number;
  fundingCost: number;
  /** Σ amount lent / term in years over performing loans: what a fee of 100% would bring in a year. */
  lentPerTermYear: number;
  pastCapitalPeak: number;
  withOutcome: number;
  observedBad: number;
}

export const emptySums = (): BookSums => ({
  loans: 0,
  approved: 0,
  ead: 0,
  pdEad: 0,
  pdSum: 0,
  flooredPdEad: 0,
  capitalEadPerLgd: 0,
  defaultedEad: 0,
  ecl12PerLgd: 0,
  lifetimePerLgd: 0,
  ifrs9PerLgd: 0,
  stage2Ead: 0,
  stage3Ead: 0,
  averageBalance: 0,
  interestIncome: 0,
  fundingCost: 0,
  lentPerTermYear: 0,
  pastCapitalPeak: 0,
  withOutcome: 0,
  observedBad: 0,
});

/** a + b, key by key: a book and its new business together. */
export function addSums(a: BookSums, b: BookSums): BookSums {
  const out = { ...a };
  addInto(out, b);
  return out;
}

/** The sums after funding reprices by `shock` (a share a year) on the whole performing balance. */
export const repriceFunding = (s: BookSums, shock: number): BookSums =>
  shock === 0 ? s : { ...s, fundingCost: s.fundingCost + shock * s.averageBalance };

const ratio = (a: number, b: number) => (b ? a / b : 0);

/** The metrics of a book from its sums. */
export function bookMetricsFromSums(s: BookSums, p: MetricParams): BookMetrics {
  const irbCapital = p.capitalScaling * (p.capitalLgd * s.capitalEadPerLgd + Math.max(0, p.capitalLgd - p.lgd) * s.defaultedEad);
  const rwa = 12.5 * irbCapital;
  const capitalHeld = p.capitalRatio * rwa;
  const el = s.pdEad * p.lgd;
  const nii = s.interestIncome - s.fundingCost;
  const feeIncome = p.originationFee * s.lentPerTermYear;
  // One basis for the year ahead: income, funding and cost on the expected performing balance; credit cost the
  // discounted 12-month ECL of the same schedule.
  const operatingCost = p.opex * s.averageBalance;
  const creditCost = s.ecl12PerLgd * p.lgd;
  const profitBeforeTax = nii + feeIncome + p.capitalBenefit * capitalHeld - operatingCost - creditCost;
  const profitAfterTax = profitBeforeTax * (1 - p.taxRate);
  const ifrs9Ecl = s.ifrs9PerLgd * p.lgd;
  // Basel EL: floored PD × downturn LGD on performing loans; the best estimate (point-in-time LGD) on defaulted ones (CRE35).
  const regulatoryEl = s.flooredPdEad * p.capitalLgd + s.defaultedEad * p.lgd;
  return {
    loans: s.loans,
    approvedLoans: s.approved,
    approvalRate: ratio(s.approved, s.loans),
    exposure: s.ead,
    meanPd: ratio(s.pdEad, s.ead),
    expectedDefaults: s.pdSum,
    expectedBadRate: ratio(s.pdSum, s.approved),
    expectedLoss: el,
    elRate: ratio(el, s.ead),
    irbCapital,
    rwa,
    capitalHeld,
    netInterestIncome: nii,
    feeIncome,
    operatingCost,
    profitBeforeTax,
    profitAfterTax,
    returnOnCapital: capitalHeld > 0 ? profitAfterTax / capitalHeld : Number.NaN,
    economicProfit: profitAfterTax - p.hurdleRate * capitalHeld,
    breakEvenRate:
      s.averageBalance > 0
        ? ((p.hurdleRate * capitalHeld) / (1 - p.taxRate) - profitBeforeTax + s.interestIncome) / s.averageBalance
        : Number.NaN,
    averageRate: s.averageBalance > 0 ? s.interestIncome / s.averageBalance : Number.NaN,
    performingBalance: s.averageBalance,
    ecl12Month: s.ecl12PerLgd * p.lgd,
    ifrs9Ecl,
    ceclEcl: s.lifetimePerLgd * p.lgd,
    stage2Share: ratio(s.stage2Ead, s.ead),
    stage3Share: ratio(s.stage3Ead, s.ead),
    regulatoryEl,
    elMinusProvisions: regulatoryEl - ifrs9Ecl,
    loansPastCapitalPeak: s.pastCapitalPeak,
    observedBadRate: s.withOutcome ? s.observedBad / s.withOutcome : Number.NaN,
  };
}

/** The approval rule for new business: an applicant is declined when its PD is above the cut-off (both probabilities). */
export const isApproved = (pd: number, cutoff: number): boolean => pd <= cutoff;

/** One loan's expected loss: PD · LGD · EAD. */
export const loanExpectedLoss = (pd: number, lgd: number, ead: number): number => pd * lgd * ead;

/**
 * Adds each loan i of `f` whose `group[i]` is a group (below `sums.length`) to `sums[group[i]]` as
 * approved, standing for `weight[i]` loans (a model point's weight; 1 for a loan of the book), and
 * counts it in `loans`. One pass with every column read into a local once: this is the loop every
 * lever move runs over the book and over new business.
 */
export function addLoans(
  sums: BookSums[],
  group: Uint8Array | Uint32Array,
  f: LoanFigures,
  pdFloor: number,
  observedBad: Uint8Array | undefined,
  weight: Float64Array | undefined,
): void {
  const { ead: eadOf, ratePct, amountLent, monthsOnBook, remainingMonths } = f.loans;
  const { pd: pdOf, stage: stageOf, capitalPerLgd, ecl12, lifetime, averageBalance: balanceOf, fundingRate } = f;
  const groups = sums.length;
  for (let i = 0; i < group.length; i++) {
    const g = group[i]!;
    if (g >= groups) continue;
    const s = sums[g]!;
    const w = weight ? weight[i]! : 1;
    const ead = w * eadOf[i]!;
    const pd = pdOf[i]!;
    const stage = stageOf[i]!;
    const averageBalance = w * balanceOf[i]!;
    s.loans += w;
    s.approved += w;
    s.ead += ead;
    s.pdEad += pd * ead;
    s.pdSum += w * pd;
    if (stage !== 3) s.flooredPdEad += Math.max(pd, pdFloor) * ead;
    s.capitalEadPerLgd += capitalPerLgd[i]! * ead;
    s.ecl12PerLgd += w * ecl12[i]!;
    s.lifetimePerLgd += w * lifetime[i]!;
    s.ifrs9PerLgd += w * (stage === 1 ? ecl12[i]! : lifetime[i]!);
    if (stage === 2) s.stage2Ead += ead;
    if (stage === 3) {
      s.stage3Ead += ead;
      s.defaultedEad += ead;
    }
    s.averageBalance += averageBalance;
    s.interestIncome += (averageBalance * ratePct[i]!) / 100;
    s.fundingCost += averageBalance * fundingRate[i]!;
    // Fees were charged on the amount lent and are recognised evenly over the contractual term, while the loan performs.
    if (stage !== 3) s.lentPerTermYear += (12 * w * amountLent[i]!) / Math.max(monthsOnBook[i]! + remainingMonths[i]!, 1);
    if (pd > CAPITAL_PEAK_PD && pd < 1) s.pastCapitalPeak += w;
    if (observedBad) {
      s.withOutcome += w;
      s.observedBad += w * observedBad[i]!;
    }
  }
}

/** Loans the tape stands for: its rows, or the sum of its model points' weights. */
export function loansStoodFor(count: number, weight: Float64Array | undefined): number {
  if (!weight) return count;
  let total = 0;
  for (let i = 0; i < count; i++) total += weight[i]!;
  return total;
}

export interface SegmentedMetrics {
  book: BookMetrics;
  segments: Record<SegmentKind, { label: string; metrics: BookMetrics }[]>;
}

export interface SegmentedSums {
  total: BookSums;
  segments: Record<SegmentKind, BookSums[]>;
}

/**
 * The book's cells: loans that fall in the same segment of every kind (grade × term × state) share a
 * cell. Fixed for a book, so found once; a lever move then adds each loan once, into its cell, and the
 * whole book and every segment are sums of cells (not of loans four times over).
 */
interface Cells {
  /** The cell of each loan. */
  of: Uint32Array;
  /** Each cell's label index, per segment kind (in SEGMENT_KINDS order). */
  labels: Uint16Array[];
}

const CELLS = new WeakMap<Book, Cells>();

function cellsOf(book: Book): Cells {
  let cells = CELLS.get(book);
  if (cells) return cells;
  const indexes = SEGMENT_KINDS.map((k) => book.segments[k].index);
  const found = new Map<number, number>();
  const of = new Uint32Array(book.loanCount);
  const labels: number[][] = indexes.map(() => []);
  // One number per combination: the label counts bound each index, so the mixed-radix key is unique.
  const radix = SEGMENT_KINDS.map((k) => book.segments[k].labels.length);
  for (let i = 0; i < book.loanCount; i++) {
    let key = 0;
    for (let k = 0; k < indexes.length; k++) key = key * radix[k]! + indexes[k]![i]!;
    let cell = found.get(key);
    if (cell === undefined) {
      found.set(key, (cell = found.size));
      for (let k = 0; k < indexes.length; k++) labels[k]!.push(indexes[k]![i]!);
    }
    of[i] = cell;
  }
  cells = { of, labels: labels.map((l) => Uint16Array.from(l)) };
  CELLS.set(book, cells);
  return cells;
}

/** Each loan's cell of the book (see `cellsOf`) and how many cells. */
export function bookCells(book: Book): { of: Uint32Array; count: number } {
  const { of, labels } = cellsOf(book);
  return { of, count: labels[0]!.length };
}

/** The book's and every segment's sums from its cells' (in the order of `bookCells`). */
export function segmentedFromCells(book: Book, cells: readonly BookSums[]): SegmentedSums {
  const { labels } = cellsOf(book);
  const total = emptySums();
  const bySegment = SEGMENT_KINDS.map((k) => book.segments[k].labels.map(emptySums));
  cells.forEach((s, c) => {
    addInto(total, s);
    for (let k = 0; k < bySegment.length; k++) addInto(bySegment[k]![labels[k]![c]!]!, s);
  });
  return { total, segments: Object.fromEntries(SEGMENT_KINDS.map((k, n) => [k, bySegment[n]!])) as SegmentedSums['segments'] };
}

/** The sums of a sample, each times `weight`: the book's sums estimated from a sample whose every loan stands for `weight`. */
export function scaleSums(s: BookSums, weight: number): BookSums {
  const out = { ...s };
  for (const key of Object.keys(out) as (keyof BookSums)[]) out[key] *= weight;
  return out;
}

const SUM_KEYS = Object.keys(emptySums()) as (keyof BookSums)[];

/** target += s, key by key. */
export function addInto(target: BookSums, s: BookSums): void {
  for (const key of SUM_KEYS) target[key] += s[key];
}

export type SegmentLabels = Record<SegmentKind, string[]>;

export const segmentLabels = (book: Book): SegmentLabels =>
  Object.fromEntries(SEGMENT_KINDS.map((k) => [k, book.segments[k].labels])) as SegmentLabels;

/** The metrics of every segment, after funding reprices by `fundingShock`. */
export function segmentedMetrics(labels: SegmentLabels, sums: SegmentedSums, p: MetricParams, fundingShock: number): SegmentedMetrics {
  const metrics = (s: BookSums) => bookMetricsFromSums(repriceFunding(s, fundingShock), p);
  return {
    book: metrics(sums.total),
    segments: Object.fromEntries(
      SEGMENT_KINDS.map((k) => [k, labels[k].map((label, j) => ({ label, metrics: metrics(sums.segments[k][j]!) }))]),
    ) as SegmentedMetrics['segments'],
  };
}
