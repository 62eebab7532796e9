import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { auc, scoreOrder } from './measures';
import { drawnAucKs, groupNumbers, stratifiedBootstrap, tieGroups, weightedAucKs } from './bootstrap';

/** Binormal scores: bad loans ~ N(1, 1), good ones ~ N(0, 1), so the true AUC is Φ(1/√2) = 0.7602. */
function binormal(n: number, badShare: number, seed: string) {
  const rng = seedrandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const labels = Array.from({ length: n }, () => (rng() < badShare ? 1 : 0));
  const scores = labels.map((y) => normal() + y);
  return { scores, labels };
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988): the variance of the empirical AUC from placement values,
 * var(V10)/bad + var(V01)/good, where V10 is the share of good loans each bad loan outscores and V01
 * the share of bad loans outscoring each good one. Written here as the known answer (no ties in these scores).
 */
function deLongStandardError(scores: number[], labels: number[]): number {
  const bad = scores.filter((_, i) => labels[i] === 1).sort((a, b) => a - b);
  const good = scores.filter((_, i) => labels[i] === 0).sort((a, b) => a - b);
  const below = (sorted: number[], x: number) => {
    let [lo, hi] = [0, sorted.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const v10 = bad.map((x) => below(good, x) / good.length);
  const v01 = good.map((x) => 1 - below(bad, x) / bad.length);
  const variance = (v: number[]) => {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1);
  };
  return Math.sqrt(variance(v10) / bad.length + variance(v01) / good.length);
}

describe('the m-out-of-n bootstrap on a large tape', () => {
  it('draws 50,000 of 300,000 loans per resample and gives the 95% interval DeLong’s standard error predicts (±20%, the noise of 200 resamples)', () => {
    const { scores, labels } = binormal(300_000, 0.1, 'm-out-of-n');
    const area = auc(scores, labels);
    const se = deLongStandardError(scores, labels);
    const intervals = stratifiedBootstrap(scores, labels, { resamples: 200, seed: 's', level: 0.95, drawsPerResample: 50_000 });
    expect(intervals.draws).toBe(50_000);
    expect(area).toBeCloseTo(0.7602, 2);
    const width = intervals.auc[1] - intervals.auc[0];
    expect(width / (2 * 1.96 * se)).toBeGreaterThan(0.8);
    expect(width / (2 * 1.96 * se)).toBeLessThan(1.2);
    expect(intervals.auc[0]).toBeLessThan(area);
    expect(intervals.auc[1]).toBeGreaterThan(area);
    // Not narrowed, the resampled spread would be √10 times too wide for this tape.
    expect(width).toBeLessThan(0.01);
  });

  it('asked for more draws than the tape has, it is the whole-tape bootstrap', () => {
    const { scores, labels } = binormal(2_000, 0.2, 'small');
    const options = { resamples: 50, seed: 's', level: 0.9 };
    expect(stratifiedBootstrap(scores, labels, { ...options, drawsPerResample: 10_000 })).toEqual(
      stratifiedBootstrap(scores, labels, options),
    );
  });

  it('a resample of a few rows measured by sorting only them equals the weighted pass over every row, ties included', () => {
    const rng = seedrandom('ties');
    const scores = Array.from({ length: 500 }, () => Math.round(rng() * 40) / 40);
    const labels = scores.map((s) => (rng() < s ? 1 : 0));
    const rows = Uint32Array.from({ length: 120 }, () => Math.floor(rng() * 500));
    const weights = new Float64Array(500);
    for (const r of rows) weights[r]!++;
    const order = scoreOrder(scores);
    const fast = drawnAucKs(groupNumbers(scores, order), labels, rows, new Uint32Array(rows.length));
    expect(fast).toEqual(weightedAucKs(tieGroups(scores, order), labels, weights));
  });
});
