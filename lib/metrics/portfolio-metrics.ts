/**
 * Portfolio metrics of the approved book (loans whose PD is at or below the approval cut-off).
 * Formulas and references: docs/metrics.md.
 */
import { SEGMENT_KINDS, type Book, type SegmentKind } from './book';

/** Assumed cost of funds for net interest income (share a year); see docs/metrics.md. */
export const FUNDING_RATE = 0.03;
/** IFRS 9 significant increase in credit risk: scenario PD at least this multiple of the baseline PD. */
export const SICR_PD_MULTIPLE = 2;

export interface BookMetrics {
  loans: number;
  approvedLoans: number;
  /** Approved loans / all loans. */
  approvalRate: number;
  /** Approved exposure, USD. */
  exposure: number;
  /** Exposure-weighted mean PD of the approved book. */
  meanPd: number;
  /** Σ PD over approved loans. */
  expectedDefaults: number;
  /** Expected defaults / approved loans. */
  expectedBadRate: number;
  /** Σ PD · LGD · EAD, USD. */
  expectedLoss: number;
  /** Expected loss / exposure. */
  elRate: number;
  /** Basel IRB capital requirement Σ K · EAD, USD. */
  irbCapital: number;
  /** Risk-weighted assets: 12.5 · capital, USD. */
  rwa: number;
  /** Σ EAD · (rate − funding rate) over a year, USD. */
  netInterestIncome: number;
  /** (NII − EL) / capital. */
  riskAdjustedReturn: number;
  /** IFRS 9 expected credit loss: 12-month ECL in stage 1, lifetime ECL in stage 2, USD. */
  provisions: number;
  /** Share of approved exposure in IFRS 9 stage 2. */
  stage2Share: number;
}

export interface MetricsInput {
  book: Book;
  /** The PDs the metrics are about (baseline or scenario). */
  pd: Float64Array;
  /** PDs at origination, the IFRS 9 staging reference. */
  originationPd: Float64Array;
  /** Basel K per unit of exposure and LGD, for `pd` (cached: LGD scales it linearly). */
  capitalPerLgd: Float64Array;
  lgd: number;
  /** Decline loans with PD above this probability. */
  cutoff: number;
}

/**
 * What the metrics are made of: sums over the loans of a book or segment. LGD enters every
 * loss figure linearly (EL, Basel K, ECL), so the sums hold those per unit of LGD and LGD is applied
 * last: moving LGD re-uses the sums and never revisits a loan.
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
  /** Σ K/LGD · EAD: IRB capital per unit of LGD. */
  capitalEadPerLgd: number;
  nii: number;
  /** Σ horizon PD · EAD: IFRS 9 ECL per unit of LGD. */
  provisionsPerLgd: number;
  stage2Ead: number;
}

export const emptySums = (): BookSums => ({
  loans: 0,
  approved: 0,
  ead: 0,
  pdEad: 0,
  pdSum: 0,
  capitalEadPerLgd: 0,
  nii: 0,
  provisionsPerLgd: 0,
  stage2Ead: 0,
});

/** The metrics of a book from its sums, at a loss given default `lgd` (a share). */
export function bookMetricsFromSums(s: BookSums, lgd: number): BookMetrics {
  const capital = s.capitalEadPerLgd * lgd;
  const el = s.pdEad * lgd;
  return {
    loans: s.loans,
    approvedLoans: s.approved,
    approvalRate: s.loans ? s.approved / s.loans : 0,
    exposure: s.ead,
    meanPd: s.ead ? s.pdEad / s.ead : 0,
    expectedDefaults: s.pdSum,
    expectedBadRate: s.approved ? s.pdSum / s.approved : 0,
    expectedLoss: el,
    elRate: s.ead ? el / s.ead : 0,
    irbCapital: capital,
    rwa: 12.5 * capital,
    netInterestIncome: s.nii,
    riskAdjustedReturn: capital > 0 ? (s.nii - el) / capital : 0,
    provisions: s.provisionsPerLgd * lgd,
    stage2Share: s.ead ? s.stage2Ead / s.ead : 0,
  };
}

/** The approval rule: a loan is declined when its PD is above the cut-off (both probabilities). */
export const isApproved = (pd: number, cutoff: number): boolean => pd <= cutoff;

/** One loan's expected loss: PD · LGD · EAD. */
export const loanExpectedLoss = (pd: number, lgd: number, ead: number): number => pd * lgd * ead;

/** One loan's part in the sums (LGD-free); written into a reused object to keep the hot loop lean. */
export interface LoanTerms {
  ead: number;
  pd: number;
  /** K/LGD · EAD: this loan's IRB capital per unit of LGD. */
  capitalEadPerLgd: number;
  nii: number;
  /** Horizon PD · EAD: this loan's IFRS 9 ECL per unit of LGD. */
  provisionsPerLgd: number;
  stage2: boolean;
}

export type LoanTermsInput = Omit<MetricsInput, 'lgd' | 'cutoff'>;

export function loanTerms(input: LoanTermsInput, i: number, out: LoanTerms): LoanTerms {
  const { book, pd, originationPd, capitalPerLgd } = input;
  const p = pd[i]!;
  const ead = book.ead[i]!;
  const origination = originationPd[i]!;
  out.stage2 = p >= SICR_PD_MULTIPLE * origination && p > origination;
  out.ead = ead;
  out.pd = p;
  out.capitalEadPerLgd = capitalPerLgd[i]! * ead;
  out.nii = ead * (book.ratePct[i]! / 100 - FUNDING_RATE);
  out.provisionsPerLgd = (out.stage2 ? 1 - (1 - p) ** book.termYears[i]! : p) * ead;
  return out;
}

export const newLoanTerms = (): LoanTerms => ({ ead: 0, pd: 0, capitalEadPerLgd: 0, nii: 0, provisionsPerLgd: 0, stage2: false });

/** Adds an approved loan (every loan counts in `loans`; callers count those). */
export function addApproved(s: BookSums, t: LoanTerms): void {
  s.approved++;
  s.ead += t.ead;
  s.pdEad += t.pd * t.ead;
  s.pdSum += t.pd;
  s.capitalEadPerLgd += t.capitalEadPerLgd;
  s.nii += t.nii;
  s.provisionsPerLgd += t.provisionsPerLgd;
  if (t.stage2) s.stage2Ead += t.ead;
}

export interface SegmentedMetrics {
  book: BookMetrics;
  segments: Record<SegmentKind, { label: string; metrics: BookMetrics }[]>;
}

/** One pass over the loans, summing into the whole book and every segment at once. */
export function portfolioMetrics(input: MetricsInput): SegmentedMetrics {
  const { book, lgd, cutoff } = input;
  const kinds = SEGMENT_KINDS;
  const total = emptySums();
  const bySegment = kinds.map((k) => book.segments[k].labels.map(emptySums));
  const indexes = kinds.map((k) => book.segments[k].index);
  const terms = newLoanTerms();
  for (let i = 0; i < book.loanCount; i++) {
    loanTerms(input, i, terms);
    const approved = isApproved(terms.pd, cutoff);
    total.loans++;
    if (approved) addApproved(total, terms);
    for (let k = 0; k < indexes.length; k++) {
      const s = bySegment[k]![indexes[k]![i]!]!;
      s.loans++;
      if (approved) addApproved(s, terms);
    }
  }
  return {
    book: bookMetricsFromSums(total, lgd),
    segments: Object.fromEntries(
      kinds.map((k, n) => [
        k,
        book.segments[k].labels.map((label, j) => ({ label, metrics: bookMetricsFromSums(bySegment[n]![j]!, lgd) })),
      ]),
    ) as SegmentedMetrics['segments'],
  };
}
