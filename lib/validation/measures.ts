/** Discrimination and calibration measures of a PD model against observed outcomes (1 = default). */

/**
 * Row indices in ascending score order, ties in row order: one typed-array sort, shared by the measures
 * below (a million loans sort in well under a second; arrays of pairs took several).
 */
export function scoreOrder(scores: ArrayLike<number>): Uint32Array {
  return Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
}

/** Area under the ROC curve via the Mann–Whitney U statistic, ties counted as one half. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>, order = scoreOrder(scores)): number {
  let rankSumPositives = 0;
  let positives = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!] === 1) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) throw new Error('AUC needs at least one default and one non-default');
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Kolmogorov–Smirnov statistic: the largest gap between the score CDFs of defaults and non-defaults. */
export function ks(scores: ArrayLike<number>, labels: ArrayLike<number>, order = scoreOrder(scores)): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  let cdfPositives = 0;
  let cdfNegatives = 0;
  let best = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]!] === 1) cdfPositives += 1 / positives;
    else cdfNegatives += 1 / negatives;
    const lastOfTie = k + 1 === order.length || scores[order[k + 1]!] !== scores[order[k]!];
    if (lastOfTie) best = Math.max(best, Math.abs(cdfPositives - cdfNegatives));
  }
  return best;
}

export function brier(pds: readonly number[], labels: readonly number[]): number {
  return pds.reduce((s, p, i) => s + (p - labels[i]!) ** 2, 0) / pds.length;
}

export interface CalibrationBin {
  decile: number;
  loans: number;
  meanPd: number;
  observedRate: number;
}

/** Loans sorted by PD into ten groups of (nearly) equal size; mean PD against observed default rate. */
export function calibrationByDecile(pds: ArrayLike<number>, labels: ArrayLike<number>, order = scoreOrder(pds)): CalibrationBin[] {
  return Array.from({ length: 10 }, (_, d) => {
    const members = order.subarray(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    const mean = (f: (i: number) => number) => members.reduce((s, i) => s + f(i), 0) / members.length;
    return { decile: d + 1, loans: members.length, meanPd: mean((i) => pds[i]!), observedRate: mean((i) => labels[i]!) };
  });
}

/**
 * Hanley & McNeil (1982) standard error of an AUC from the two class sizes alone, using their
 * exponential approximations Q1 = A/(2 − A) and Q2 = 2A²/(1 + A): a closed-form cross-check on the
 * bootstrap interval, which should come out near AUC ± 1.96 SE.
 */
export function hanleyMcNeilStandardError(area: number, positives: number, negatives: number): number {
  const q1 = area / (2 - area);
  const q2 = (2 * area * area) / (1 + area);
  const variance =
    (area * (1 - area) + (positives - 1) * (q1 - area * area) + (negatives - 1) * (q2 - area * area)) / (positives * negatives);
  return Math.sqrt(variance);
}

export interface SegmentCalibration {
  label: string;
  loans: number;
  defaults: number;
  meanPd: number;
  observedRate: number;
  /** Binomial standard error of the observed rate if the mean PD were the truth: sqrt(meanPd · (1 − meanPd) / loans). */
  standardError: number;
  /** (observedRate − meanPd) / standardError: beyond ±2 the segment is miscalibrated at about 95% confidence. */
  z: number;
}

/** Mean PD against observed default rate in each segment (segments sorted by label). */
export function calibrationBySegment(
  pds: ArrayLike<number>,
  labels: ArrayLike<number>,
  segmentOf: (row: number) => string,
): SegmentCalibration[] {
  const sums = new Map<string, { loans: number; defaults: number; pd: number }>();
  for (let i = 0; i < pds.length; i++) {
    const s = sums.get(segmentOf(i)) ?? { loans: 0, defaults: 0, pd: 0 };
    s.loans++;
    s.defaults += labels[i]!;
    s.pd += pds[i]!;
    sums.set(segmentOf(i), s);
  }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, { loans, defaults, pd }]) => {
      const meanPd = pd / loans;
      const observedRate = defaults / loans;
      const standardError = Math.sqrt((meanPd * (1 - meanPd)) / loans);
      return { label, loans, defaults, meanPd, observedRate, standardError, z: (observedRate - meanPd) / standardError };
    });
}
