/**
 * How the model does on the loaded tape, where the tape says which loans went bad: discrimination
 * (AUC, Gini, KS with bootstrap intervals), calibration by PD decile and by segment, and the tape's
 * stability against the training data input by input. The same measures as the bundled card's
 * hold-out evidence, on the bank's own book.
 */
import { bootstrapSteps } from './bootstrap';
import { auc, calibrationByDecile, calibrationBySegment, ks, scoreOrder, type CalibrationBin, type SegmentCalibration } from './measures';
import type { InputStability } from './stability';

/** Resamples of the tape's bootstrap: percentile intervals stable to about ±0.005 in AUC at this count. */
const RESAMPLES = 200;
const LEVEL = 0.95;
const SEED = 'riskdial-tape-validation';
/** Above this many loans a resample draws this many (m out of n): a million-loan tape costs what 50,000 loans do, give or take the pass over the sorted scores. */
const DRAWS_PER_RESAMPLE = 50_000;

export interface TapeValidation {
  loans: number;
  defaults: number;
  auc: number;
  gini: number;
  ks: number;
  confidence: { level: number; resamples: number; method: string; auc: [number, number]; gini: [number, number]; ks: [number, number] };
  calibrationByDecile: CalibrationBin[];
  calibrationBySegment: (SegmentCalibration & { kind: string })[];
}

export interface ValidationInput {
  /** The baseline PD of each loan. */
  pd: ArrayLike<number>;
  /** 1 where the tape says the loan went bad. */
  bad: ArrayLike<number>;
  /** Segment label of each loan, by kind ("grade", "term"). */
  segments: Record<string, readonly string[]>;
}

/**
 * The measures, or undefined where the tape has no defaults or no non-defaults (AUC is undefined then),
 * in steps (one per bootstrap resample): the engine worker pauses between them for the user's requests.
 */
export function* validationSteps({ pd, bad, segments }: ValidationInput): Generator<void, TapeValidation | undefined> {
  const pds = Array.from(pd);
  const labels = Array.from(bad);
  const defaults = labels.reduce((s, y) => s + y, 0);
  if (defaults === 0 || defaults === labels.length) return undefined;
  const order = scoreOrder(pds); // one sort for every measure below
  yield;
  const area = auc(pds, labels, order);
  const intervals = yield* bootstrapSteps(
    pds,
    labels,
    { resamples: RESAMPLES, seed: SEED, level: LEVEL, drawsPerResample: DRAWS_PER_RESAMPLE },
    order,
  );
  const whole = intervals.draws === labels.length;
  return {
    loans: labels.length,
    defaults,
    auc: area,
    gini: 2 * area - 1,
    ks: ks(pds, labels, order),
    confidence: {
      level: LEVEL,
      resamples: RESAMPLES,
      method: whole
        ? `Stratified bootstrap: ${RESAMPLES} resamples of this tape, its ${defaults} bad and ${labels.length - defaults} good loans drawn separately with replacement; percentile intervals.`
        : `Stratified m-out-of-n bootstrap: ${RESAMPLES} resamples of ${intervals.draws.toLocaleString('en-US')} loans each from this tape's ${labels.length.toLocaleString('en-US')}, bad and good loans drawn separately with replacement in the tape's proportions; percentile spread around the tape's value narrowed by √(${intervals.draws.toLocaleString('en-US')}/${labels.length.toLocaleString('en-US')}).`,
      auc: intervals.auc,
      gini: intervals.gini,
      ks: intervals.ks,
    },
    calibrationByDecile: calibrationByDecile(pds, labels, order),
    calibrationBySegment: Object.entries(segments).flatMap(([kind, labelsOf]) =>
      calibrationBySegment(pds, labels, (i) => labelsOf[i]!).map((s) => ({ kind, ...s })),
    ),
  };
}

export type { InputStability };
