/**
 * What the model card says about the champion's hold-out quality beyond the point estimates: how
 * uncertain they are, what simple benchmarks reach on the same loans, and calibration by segment.
 */
import { gradeOf, SUB_GRADES } from '../portfolio';
import {
  stratifiedBootstrap,
  type BootstrapOptions,
  auc,
  calibrationBySegment,
  hanleyMcNeilStandardError,
  type SegmentCalibration,
} from '../validation';
import type { RawRow } from './expression';

/** Card figures carry six decimals: enough for every measure, short enough to read. */
export const roundForCard = (x: number, digits = 6) => Number(x.toFixed(digits));

export type TermOrGradeCalibration = SegmentCalibration & { kind: 'term' | 'grade' };

/**
 * Calibration of each term and each grade letter: the one computation behind the card's
 * `calibrationBySegment` and the test that holds every segment within two standard errors.
 */
export function calibrationByTermAndGrade(
  pds: ArrayLike<number>,
  labels: ArrayLike<number>,
  terms: readonly string[],
  subGrades: readonly string[],
): TermOrGradeCalibration[] {
  return [
    ...calibrationBySegment(pds, labels, (i) => terms[i]!).map((s) => ({ kind: 'term' as const, ...s })),
    ...calibrationBySegment(pds, labels, (i) => gradeOf(subGrades[i]!)).map((s) => ({ kind: 'grade' as const, ...s })),
  ];
}

/** Scores a reviewer would try first: if the champion cannot beat them, the card must say so. */
const BENCHMARKS = [
  {
    name: 'Sub-grade alone',
    description: "Lending Club's own sub-grade as the score, ranked A1 = 1 … G5 = 35",
    score: (row: RawRow) => SUB_GRADES.indexOf(String(row.sub_grade)) + 1,
  },
  {
    name: 'Interest rate alone',
    description: "the loan's interest rate (int_rate) as the score; Lending Club sets it by sub-grade",
    score: (row: RawRow) => Number(row.int_rate),
  },
];

export function benchmarks(rows: readonly RawRow[], labels: readonly number[]) {
  return BENCHMARKS.map(({ name, description, score }) => {
    const area = auc(rows.map(score), labels);
    return { name, description, auc: roundForCard(area), gini: roundForCard(2 * area - 1) };
  });
}

/** The card's hold-out fields added to the point estimates, rounded as the card rounds. */
export function holdoutQuality(pds: readonly number[], labels: readonly number[], rows: readonly RawRow[], bootstrap: BootstrapOptions) {
  const defaults = labels.filter((y) => y === 1).length;
  const intervals = stratifiedBootstrap(pds, labels, bootstrap);
  const roundPair = ([lo, hi]: [number, number]): [number, number] => [roundForCard(lo), roundForCard(hi)];
  return {
    aucStandardError: roundForCard(hanleyMcNeilStandardError(auc(pds, labels), defaults, labels.length - defaults)),
    confidence: {
      level: intervals.level,
      method:
        `Stratified bootstrap: ${intervals.resamples} resamples of the hold-out, each drawing its ${defaults} defaults and ` +
        `${labels.length - defaults} non-defaults separately with replacement (seeded PRNG "${bootstrap.seed}"); ` +
        `percentile intervals.`,
      resamples: intervals.resamples,
      auc: roundPair(intervals.auc),
      gini: roundPair(intervals.gini),
      ks: roundPair(intervals.ks),
    },
    benchmarks: benchmarks(rows, labels),
    calibrationBySegment: calibrationByTermAndGrade(
      pds,
      labels,
      rows.map((r) => String(r.term)),
      rows.map((r) => String(r.sub_grade)),
    ).map((s) => ({
      ...s,
      meanPd: roundForCard(s.meanPd),
      observedRate: roundForCard(s.observedRate),
      standardError: roundForCard(s.standardError),
      z: roundForCard(s.z),
    })),
  };
}
