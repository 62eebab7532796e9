/**
 * The shipped champion earns its place (the credit-risk review's findings): its PD rises with the
 * sub-grade, and on the hold-out it is calibrated by term and by grade, each segment within two
 * standard errors of what it observed. Tested on the ONNX file that ships, not the training code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { modelInputsFromTape, type Manifest, type ModelInputs, type PdModel } from '../model';
import { gradeOf, SUB_GRADES, type LoanTape } from '../portfolio';
import { openBundled } from '../testing';
import { stratifiedSplit } from './split';
import { TRAINING_CONFIG } from './train-champion';

let model: PdModel;
let manifest: Manifest;
let tape: LoanTape;
let pd: Float32Array;
beforeAll(async () => {
  ({ model, manifest, tape } = await openBundled());
  pd = await model.scorePd(modelInputsFromTape(manifest, tape));
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
    const labels = tape.categories.Class!.map((c) => (c === 'bad' ? 1 : 0));
    const { holdout } = stratifiedSplit(labels, TRAINING_CONFIG.holdoutFraction, TRAINING_CONFIG.seed);
    const zScores = (segmentOf: (i: number) => string) => {
      const sums = new Map<string, { observed: number; expected: number; variance: number }>();
      for (const i of holdout) {
        const s = sums.get(segmentOf(i)) ?? { observed: 0, expected: 0, variance: 0 };
        s.observed += labels[i]!;
        s.expected += pd[i]!;
        s.variance += pd[i]! * (1 - pd[i]!);
        sums.set(segmentOf(i), s);
      }
      return Object.fromEntries([...sums].map(([segment, s]) => [segment, (s.observed - s.expected) / Math.sqrt(s.variance)]));
    };
    const byTerm = zScores((i) => tape.categories.term![i]!);
    const byGrade = zScores((i) => gradeOf(tape.categories.sub_grade![i]!));
    expect(Object.keys(byTerm).sort()).toEqual(['term_36', 'term_60']);
    expect(Object.keys(byGrade).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    for (const [segment, z] of Object.entries({ ...byTerm, ...byGrade }))
      expect(Math.abs(z), `${segment}: z = ${z.toFixed(2)}`).toBeLessThan(2);
  });
});
