/**
 * The shipped champion earns its place (the credit-risk review's findings): its PD rises with the
 * sub-grade, and on the hold-out it is calibrated by term and by grade, each segment within two
 * standard errors of what it observed. Its card states what the review measured: the champion's AUC,
 * and the AUC of sub-grade alone, which the champion does not beat. Tested on the ONNX file that
 * ships, not the training code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asScorecardCard, modelInputsFromTape, type Manifest, type ModelInputs, type PdModel } from '../model';
import { SUB_GRADES, type LoanTape } from '../portfolio';
import { openBundled } from '../testing';
import { auc } from '../validation';
import { calibrationByTermAndGrade } from './holdout-quality';
import { stratifiedSplit } from './split';
import { TRAINING_CONFIG } from './train-champion';

let model: PdModel;
let manifest: Manifest;
let tape: LoanTape;
let pd: Float32Array;
let labels: number[];
let holdout: number[];
beforeAll(async () => {
  ({ model, manifest, tape } = await openBundled());
  pd = await model.scorePd(modelInputsFromTape(manifest, tape));
  labels = tape.categories.Class!.map((c) => (c === 'bad' ? 1 : 0));
  ({ holdout } = stratifiedSplit(labels, TRAINING_CONFIG.holdoutFraction, TRAINING_CONFIG.seed));
});

/** The inputs of `loans`, each repeated once per sub-grade A1 … G5, the sub-grade set accordingly. */
function acrossSubGrades(inputs: ModelInputs, loans: number[]): ModelInputs {
  const picked = loans.flatMap((i) => SUB_GRADES.map(() => i));
  return Object.fromEntries(
    Object.entries(inputs).map(([name, column]) => {
      if (name === 'sub_grade') return [name, loans.flatMap(() => [...SUB_GRADES])];
      return [name, column instanceof Float32Array ? Float32Array.from(picked, (i) => column[i]!) : picked.map((i) => column[i]!)];
    }),
  );
}

describe('the champion PD model', () => {
  it('raises PD with every step of sub-grade, A1 to G5, whatever else the loan is', async () => {
    const loans = Array.from({ length: 40 }, (_, k) => k * 211);
    const scored = await model.scorePd(acrossSubGrades(modelInputsFromTape(manifest, tape), loans));
    loans.forEach((loan, l) => {
      const ladder = Array.from(scored.subarray(l * SUB_GRADES.length, (l + 1) * SUB_GRADES.length));
      ladder
        .slice(1)
        .forEach((p, k) => expect(p, `loan ${loan + 1}: ${SUB_GRADES[k + 1]} after ${SUB_GRADES[k]}`).toBeGreaterThan(ladder[k]!));
    });
  });

  it('is calibrated on the hold-out by term and by grade: each within two standard errors', () => {
    const segments = calibrationByTermAndGrade(
      holdout.map((i) => pd[i]!),
      holdout.map((i) => labels[i]!),
      holdout.map((i) => tape.categories.term![i]!),
      holdout.map((i) => tape.categories.sub_grade![i]!),
    );
    expect(segments.map((s) => s.label)).toEqual(['term_36', 'term_60', 'A', 'B', 'C', 'D', 'E', 'F', 'G']);
    for (const { label, z } of segments) expect(Math.abs(z), `${label}: z = ${z.toFixed(2)}`).toBeLessThan(2);
    // The card's table is this computation on the training-time PDs: the same to float32 rounding.
    expect(asScorecardCard(manifest).metrics.holdout.calibrationBySegment).toHaveLength(segments.length);
    asScorecardCard(manifest).metrics.holdout.calibrationBySegment!.forEach((onCard, k) => {
      expect(onCard).toMatchObject({ kind: segments[k]!.kind, label: segments[k]!.label, loans: segments[k]!.loans });
      expect(onCard.z).toBeCloseTo(segments[k]!.z, 3);
    });
  });

  it('scores the hold-out with the AUC its card states (within 0.005)', () => {
    const shipped = auc(
      holdout.map((i) => pd[i]!),
      holdout.map((i) => labels[i]!),
    );
    expect(Math.abs(shipped - asScorecardCard(manifest).metrics.holdout.auc)).toBeLessThan(0.005);
  });

  it('its card states the benchmarks the review measured: sub-grade alone 0.750, interest rate alone 0.748 (within 0.005)', () => {
    const byName = Object.fromEntries((asScorecardCard(manifest).metrics.holdout.benchmarks ?? []).map((b) => [b.name, b.auc]));
    expect(Math.abs(byName['Sub-grade alone']! - 0.75)).toBeLessThan(0.005);
    expect(Math.abs(byName['Interest rate alone']! - 0.748)).toBeLessThan(0.005);
  });

  it('its card’s bootstrap AUC interval is close to AUC ± 1.96 Hanley–McNeil standard errors', () => {
    const { auc: point, aucStandardError, confidence } = asScorecardCard(manifest).metrics.holdout;
    expect(confidence).toMatchObject({ level: 0.95, resamples: 1000 });
    expect(Math.abs(confidence!.auc[0] - (point - 1.96 * aucStandardError!))).toBeLessThan(0.01);
    expect(Math.abs(confidence!.auc[1] - (point + 1.96 * aucStandardError!))).toBeLessThan(0.01);
  });
});
