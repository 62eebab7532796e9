import { describe, expect, it } from 'vitest';
import {
  quantile,
  stratifiedBootstrap,
  tieGroups,
  weightedAucKs,
  auc,
  calibrationBySegment,
  hanleyMcNeilStandardError,
  ks,
} from '../validation';
import { benchmarks, calibrationByTermAndGrade } from './holdout-quality';
import { limitations } from './model-card';

/** A small scored hold-out with ties and overlap: a fixed pseudo-random pattern, no PRNG needed. */
const scores = Array.from({ length: 60 }, (_, i) => ((i * 37) % 23) / 23);
const labels = scores.map((s, i) => (s + ((i * 13) % 7) / 10 > 0.9 ? 1 : 0));

describe('Hanley–McNeil standard error of AUC', () => {
  it('a hand-worked case: AUC 0.75 on 2 defaults and 2 non-defaults gives sqrt(171/2240)', () => {
    // Q1 = 0.75/1.25 = 3/5, Q2 = 2·(9/16)/1.75 = 9/14, A² = 9/16:
    // [3/16 + 1·(3/5 − 9/16) + 1·(9/14 − 9/16)] / (2·2) = (171/560) / 4.
    expect(hanleyMcNeilStandardError(0.75, 2, 2)).toBeCloseTo(Math.sqrt(171 / 2240), 12);
  });

  it('at AUC 0.5 it is the exact null variance of Mann–Whitney U/(mn): (m + n + 1) / (12 mn)', () => {
    expect(hanleyMcNeilStandardError(0.5, 129, 2335)).toBeCloseTo(Math.sqrt((129 + 2335 + 1) / (12 * 129 * 2335)), 12);
  });

  it('shrinks as the classes grow', () => {
    expect(hanleyMcNeilStandardError(0.73, 500, 9000)).toBeLessThan(hanleyMcNeilStandardError(0.73, 129, 2335));
  });
});

describe('stratified bootstrap of AUC, Gini and KS', () => {
  it('weighted AUC and KS equal auc and ks on the rows repeated as often as their weights', () => {
    const groups = tieGroups(scores);
    for (const weights of [scores.map(() => 1), scores.map((_, i) => i % 4)]) {
      const repeated = scores.flatMap((_, i) => Array.from({ length: weights[i]! }, () => i));
      const [s, y] = [repeated.map((i) => scores[i]!), repeated.map((i) => labels[i]!)];
      const measured = weightedAucKs(groups, labels, weights);
      expect(measured.auc).toBeCloseTo(auc(s, y), 12);
      expect(measured.ks).toBeCloseTo(ks(s, y), 12);
    }
  });

  it('percentiles interpolate between order statistics (R type 7)', () => {
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(oneToTen, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantile(oneToTen, 0.025)).toBeCloseTo(1.225, 12); // R: quantile(1:10, 0.025)
    expect(quantile(oneToTen, 0.975)).toBeCloseTo(9.775, 12);
    expect(quantile(oneToTen, 1)).toBe(10);
  });

  const options = { resamples: 400, seed: 'test', level: 0.95 };
  it('is deterministic for a seed, and another seed gives another interval', () => {
    expect(stratifiedBootstrap(scores, labels, options)).toEqual(stratifiedBootstrap(scores, labels, options));
    expect(stratifiedBootstrap(scores, labels, { ...options, seed: 'other' }).auc).not.toEqual(
      stratifiedBootstrap(scores, labels, options).auc,
    );
  });

  it('its intervals contain the point estimates; Gini is 2·AUC − 1 end for end', () => {
    const intervals = stratifiedBootstrap(scores, labels, options);
    const point = { auc: auc(scores, labels), ks: ks(scores, labels) };
    expect(intervals).toMatchObject({ level: 0.95, resamples: 400 });
    expect(intervals.auc[0]).toBeLessThan(point.auc);
    expect(intervals.auc[1]).toBeGreaterThan(point.auc);
    expect(intervals.ks[0]).toBeLessThan(point.ks);
    expect(intervals.ks[1]).toBeGreaterThan(point.ks);
    expect(intervals.gini[0]).toBeCloseTo(2 * intervals.auc[0] - 1, 12);
    expect(intervals.gini[1]).toBeCloseTo(2 * intervals.auc[1] - 1, 12);
  });

  it('keeps both classes in every resample: a perfectly separating score stays at AUC 1, KS 1', () => {
    const separated = stratifiedBootstrap([0.1, 0.2, 0.3, 0.8, 0.9], [0, 0, 0, 1, 1], options);
    expect(separated.auc).toEqual([1, 1]);
    expect(separated.ks).toEqual([1, 1]);
  });
});

describe('calibration by segment', () => {
  it('mean PD, observed rate, binomial standard error and z, worked by hand', () => {
    const pds = [0.1, 0.2, 0.1, 0.4, 0.1, 0.1];
    const outcomes = [1, 0, 0, 1, 0, 0];
    const segment = ['x', 'y', 'x', 'y', 'x', 'x'];
    const [x, y] = calibrationBySegment(pds, outcomes, (i) => segment[i]!);
    // x: 4 loans at PD 0.1, 1 default: SE = sqrt(0.1 · 0.9 / 4) = 0.15, z = (0.25 − 0.1) / 0.15 = 1.
    expect(x).toMatchObject({ label: 'x', loans: 4, defaults: 1, observedRate: 0.25 });
    expect(x!.meanPd).toBeCloseTo(0.1, 12);
    expect(x!.standardError).toBeCloseTo(0.15, 12);
    expect(x!.z).toBeCloseTo(1, 12);
    // y: PDs 0.2 and 0.4, 1 default in 2: SE = sqrt(0.3 · 0.7 / 2), z = 0.2 / SE.
    expect(y).toMatchObject({ label: 'y', loans: 2, defaults: 1, observedRate: 0.5 });
    expect(y!.z).toBeCloseTo(0.2 / Math.sqrt(0.105), 12);
  });

  it('by term, then by grade letter, each in order', () => {
    const rows = calibrationByTermAndGrade([0.1, 0.2, 0.3], [0, 1, 0], ['term_60', 'term_36', 'term_36'], ['C2', 'A1', 'C5']);
    expect(rows.map((r) => `${r.kind}:${r.label}:${r.loans}`)).toEqual(['term:term_36:2', 'term:term_60:1', 'grade:A:1', 'grade:C:2']);
  });
});

describe('benchmarks and limitations on the card', () => {
  it('scores sub-grade by rank and the rate as it is', () => {
    const rows = [
      { sub_grade: 'A1', int_rate: 9 },
      { sub_grade: 'B2', int_rate: 6 },
      { sub_grade: 'G5', int_rate: 25 },
      { sub_grade: 'C3', int_rate: 14 },
    ];
    const [subGrade, rate] = benchmarks(rows, [0, 0, 1, 0]);
    // Sub-grade ranks 1, 7, 35, 13: the default outranks all three non-defaults. The rate as well.
    expect(subGrade).toMatchObject({ name: 'Sub-grade alone', auc: 1, gini: 1 });
    expect(rate).toMatchObject({ name: 'Interest rate alone', auc: 1, gini: 1 });
    expect(benchmarks(rows, [0, 1, 0, 0])[0]).toMatchObject({ auc: 0.333333, gini: -0.333333 });
    expect(benchmarks(rows, [0, 1, 0, 0])[1]).toMatchObject({ auc: 0, gini: -1 });
  });

  it('the limitations quote the figures they rest on', () => {
    const text = limitations({
      loans: 2464,
      defaults: 129,
      auc: 0.734223,
      gini: 0.468446,
      ks: 0.355915,
      brier: 0.048206,
      calibration: [],
      benchmarks: [{ name: 'Sub-grade alone', description: '', auc: 0.750164, gini: 0.500327 }],
      confidence: { level: 0.95, method: '', resamples: 1000, auc: [0.687603, 0.778587], gini: [0, 0], ks: [0, 0] },
    }).join(' ');
    for (const figure of ['0.750', '0.734', '129 defaults', '2,464 loans', '0.688 to 0.779']) expect(text).toContain(figure);
  });
});
