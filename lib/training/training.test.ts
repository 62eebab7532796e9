import { describe, expect, it } from 'vitest';
import { auc, brier, calibrationByDecile, ks } from '../validation';
import { evaluate } from './expression';
import { instalment } from './features';
import { fitLogistic } from './logistic';
import { stratifiedSplit } from './split';

describe('logistic regression (IRLS)', () => {
  it('recovers log odds on a single binary feature, the closed-form maximum-likelihood answer', () => {
    // x = 0: 2 defaults in 10; x = 1: 5 in 10. MLE: intercept = ln(2/8), slope = ln(5/5) − ln(2/8).
    const rows = [...Array(10).fill([0]), ...Array(10).fill([1])];
    const y = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    const fit = fitLogistic(rows, y, { lambda: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(2 / 8), 9);
    expect(fit.coefficients[1]).toBeCloseTo(-Math.log(2 / 8), 9);
  });

  it('the ridge penalty shrinks the slope, not the intercept', () => {
    const rows = [...Array(10).fill([0]), ...Array(10).fill([1])];
    const y = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    const free = fitLogistic(rows, y, { lambda: 0 }).coefficients[1]!;
    const shrunk = fitLogistic(rows, y, { lambda: 5 }).coefficients[1]!;
    expect(shrunk).toBeGreaterThan(0);
    expect(shrunk).toBeLessThan(free);
  });
});

describe('model evaluation measures', () => {
  it('AUC and KS on a worked example (the scikit-learn roc_auc_score example: 0.75)', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(ks([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.5, 12);
  });

  it('ties count one half', () => {
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
  });

  it('Brier score and calibration deciles', () => {
    expect(brier([0.1, 0.9], [0, 1])).toBeCloseTo(0.01, 12);
    const pds = Array.from({ length: 20 }, (_, i) => i / 20);
    const bins = calibrationByDecile(
      pds,
      pds.map((_, i) => (i >= 18 ? 1 : 0)),
    );
    expect(bins).toHaveLength(10);
    expect(bins[9]).toMatchObject({ loans: 2, observedRate: 1 });
    expect(bins[0]!.meanPd).toBeCloseTo(0.025, 12);
  });
});

describe('preprocessing expressions', () => {
  it('instalment of a $10,000 loan at 12% over 36 months is $332.14 (standard amortisation)', () => {
    const value = evaluate(instalment, { funded_amnt: 10_000, int_rate: 12, term: 'term_36' });
    expect(value).toBeCloseTo(332.1431, 4);
  });
});

describe('stratified hold-out', () => {
  const labels = Array.from({ length: 1000 }, (_, i) => (i % 20 === 0 ? 1 : 0));
  it('keeps the default rate in both parts and is disjoint', () => {
    const { train, holdout } = stratifiedSplit(labels, 0.25, 'seed');
    expect(holdout).toHaveLength(251); // per class: round(0.25 · 950) + round(0.25 · 50) = 238 + 13
    expect(holdout.filter((i) => labels[i] === 1)).toHaveLength(13); // round(0.25 · 50)
    expect(new Set([...train, ...holdout]).size).toBe(1000);
  });

  it('is the same for the same seed and different for another', () => {
    expect(stratifiedSplit(labels, 0.25, 'seed')).toEqual(stratifiedSplit(labels, 0.25, 'seed'));
    expect(stratifiedSplit(labels, 0.25, 'other').holdout).not.toEqual(stratifiedSplit(labels, 0.25, 'seed').holdout);
  });
});
