/**
 * Portfolio metrics of the approved book (loans whose PD is at or below the approval cut-off).
 * Formulas and references: docs/metrics.md.
 */
import type { Book, SegmentKind } from './book';

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

const FIELDS = ['loans', 'approved', 'ead', 'pdEad', 'pd', 'el', 'capital', 'nii', 'provisions', 'stage2Ead'] as const;
type Sums = Record<(typeof FIELDS)[number], number>;
const emptySums = (): Sums => Object.fromEntries(FIELDS.map((f) => [f, 0])) as Sums;

function finish(s: Sums): BookMetrics {
  const capital = s.capital;
  return {
    loans: s.loans,
    approvedLoans: s.approved,
    approvalRate: s.loans ? s.approved / s.loans : 0,
    exposure: s.ead,
    meanPd: s.ead ? s.pdEad / s.ead : 0,
    expectedDefaults: s.pd,
    expectedBadRate: s.approved ? s.pd / s.approved : 0,
    expectedLoss: s.el,
    elRate: s.ead ? s.el / s.ead : 0,
    irbCapital: capital,
    rwa: 12.5 * capital,
    netInterestIncome: s.nii,
    riskAdjustedReturn: capital > 0 ? (s.nii - s.el) / capital : 0,
    provisions: s.provisions,
    stage2Share: s.ead ? s.stage2Ead / s.ead : 0,
  };
}

export interface SegmentedMetrics {
  book: BookMetrics;
  segments: Record<SegmentKind, { label: string; metrics: BookMetrics }[]>;
}

/** One pass over the loans, summing into the whole book and every segment at once. */
export function portfolioMetrics(input: MetricsInput): SegmentedMetrics {
  const { book, pd, originationPd, capitalPerLgd, lgd, cutoff } = input;
  const kinds = Object.keys(book.segments) as SegmentKind[];
  const total = emptySums();
  const bySegment = kinds.map((k) => book.segments[k].labels.map(emptySums));
  const indexes = kinds.map((k) => book.segments[k].index);
  const add = (s: Sums, approved: boolean, ead: number, p: number, capital: number, nii: number, provision: number, stage2: boolean) => {
    s.loans++;
    if (!approved) return;
    s.approved++;
    s.ead += ead;
    s.pdEad += p * ead;
    s.pd += p;
    s.el += p * lgd * ead;
    s.capital += capital;
    s.nii += nii;
    s.provisions += provision;
    if (stage2) s.stage2Ead += ead;
  };
  for (let i = 0; i < book.loanCount; i++) {
    const p = pd[i]!;
    const ead = book.ead[i]!;
    const approved = p <= cutoff;
    const origination = originationPd[i]!;
    const stage2 = p >= SICR_PD_MULTIPLE * origination && p > origination;
    const horizonPd = stage2 ? 1 - (1 - p) ** book.termYears[i]! : p;
    const capital = capitalPerLgd[i]! * lgd * ead;
    const nii = ead * (book.ratePct[i]! / 100 - FUNDING_RATE);
    const provision = horizonPd * lgd * ead;
    add(total, approved, ead, p, capital, nii, provision, stage2);
    for (let k = 0; k < indexes.length; k++) add(bySegment[k]![indexes[k]![i]!]!, approved, ead, p, capital, nii, provision, stage2);
  }
  return {
    book: finish(total),
    segments: Object.fromEntries(kinds.map((k, n) => [
      k, book.segments[k].labels.map((label, j) => ({ label, metrics: finish(bySegment[n]![j]!) })),
    ])) as SegmentedMetrics['segments'],
  };
}
