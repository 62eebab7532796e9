/**
 * A tree model's loans that cross no split point keep their PD: the places among thresholds, which
 * rows are scored again, and which graphs get split points at all.
 */
import { describe, expect, it } from 'vitest';
import { inspectOnnx, treeSplitPoints, withReadableProbabilities } from '../onnx';
import { bundledModelBytes, byoModelBytes } from '../testing';
import { gatherRows, placeAmong, rowReuse } from './row-reuse';

const thresholds = Float64Array.from([1, 2.5, 4]);

describe('a value’s place among a tree model’s thresholds', () => {
  it('is the same for values no threshold separates, under every comparison a tree can make', () => {
    expect(placeAmong(thresholds, 0)).toBe(0);
    expect(placeAmong(thresholds, 1)).toBe(1); // equal to the first: x ≤ 1 holds, x < 1 does not
    expect(placeAmong(thresholds, 1.5)).toBe(2);
    expect(placeAmong(thresholds, 2.4)).toBe(2);
    expect(placeAmong(thresholds, 2.5)).toBe(3);
    expect(placeAmong(thresholds, 4)).toBe(5);
    expect(placeAmong(thresholds, 1e9)).toBe(6);
    expect(placeAmong(thresholds, -Infinity)).toBe(0);
  });

  it('gives a missing value a place of its own (a tree sends it its own way)', () => {
    expect(placeAmong(thresholds, Number.NaN)).not.toBe(placeAmong(thresholds, 0));
    expect(placeAmong(thresholds, Number.NaN)).not.toBe(placeAmong(thresholds, 1e9));
  });

  it('agrees with every comparison against every threshold, on values around each one', () => {
    const values = [...thresholds].flatMap((t) => [t - 0.5, Math.fround(t - 1e-6), t, Math.fround(t + 1e-6), t + 0.5]);
    const outcomes = (v: number) => [...thresholds].flatMap((t) => [v < t, v <= t, v > t, v >= t, v === t]).join();
    for (const a of values)
      for (const b of values) expect(placeAmong(thresholds, a) === placeAmong(thresholds, b)).toBe(outcomes(a) === outcomes(b));
  });
});

describe('which loans a run scores again', () => {
  // Two columns: the first compared with 1, 2.5 and 4; the second read by no tree.
  const points = { input: 'x', thresholds: [thresholds, new Float64Array(0)] };
  const book = (...rows: [number, number][]) => Float32Array.from(rows.flat());

  it('every loan on the first run; then only those whose value crossed a threshold, their new PDs put in place', () => {
    const rowsToScore = rowReuse(points);
    const first = rowsToScore(book([0.5, 7], [2, 7], [3, 7], [5, 7]), 4);
    expect(first.rows).toBe('all');
    expect(Array.from(first.complete(Float32Array.from([0.1, 0.2, 0.3, 0.4])))).toEqual(
      Array.from(Float32Array.from([0.1, 0.2, 0.3, 0.4])),
    );

    // Row 0 moves within its interval, row 1 crosses 2.5, row 2 lands on 4 exactly, row 3 changes only the unread column.
    const next = rowsToScore(book([0.9, 7], [2.6, 7], [4, 7], [5, 99]), 4);
    expect(Array.from(next.rows as Uint32Array)).toEqual([1, 2]);
    const pd = next.complete(Float32Array.from([0.25, 0.35]));
    expect(Array.from(pd)).toEqual(Array.from(Float32Array.from([0.1, 0.25, 0.35, 0.4])));

    // Against the run just kept: a missing value crosses; the rest stay.
    const missing = rowsToScore(book([Number.NaN, 7], [2.6, 7], [4, 7], [5, 99]), 4);
    expect(Array.from(missing.rows as Uint32Array)).toEqual([0]);
  });

  it('the same values again: nothing to score, the kept PDs handed back as a copy of their own', () => {
    const rowsToScore = rowReuse(points);
    const values = book([0.5, 1], [3, 1]);
    rowsToScore(values, 2).complete(Float32Array.from([0.1, 0.3]));
    const again = rowsToScore(values.slice(), 2);
    expect(Array.from(again.rows as Uint32Array)).toEqual([]);
    const pd = again.complete(new Float32Array(0));
    pd[0] = 1; // a caller may transfer or change what it is given
    expect(rowsToScore(values.slice(), 2).complete(new Float32Array(0))[0]).toBeCloseTo(0.1, 7);
  });

  it('keeps a run per size of tape: a book’s slice and its preview sample take turns without scoring every loan again', () => {
    const rowsToScore = rowReuse(points);
    rowsToScore(book([0.5, 0], [3, 0]), 2).complete(Float32Array.from([0.1, 0.3]));
    rowsToScore(book([0.5, 0]), 1).complete(Float32Array.from([0.1]));
    expect(Array.from(rowsToScore(book([0.6, 0], [3.1, 0]), 2).rows as Uint32Array)).toEqual([]);
  });

  it('gathers the rows to score, in order', () => {
    expect(Array.from(gatherRows(book([1, 2], [3, 4], [5, 6]), 2, Uint32Array.from([0, 2])))).toEqual([1, 2, 5, 6]);
  });
});

describe('which models have split points', () => {
  it.each(['lc_gbt_float_input', 'lc_xgboost'] as const)(
    '%s: its one [N,10] input, every column it compares, thresholds ascending',
    (name) => {
      const points = treeSplitPoints(byoModelBytes(name), 'probabilities');
      expect(points?.input).toBe(name === 'lc_xgboost' ? 'input' : 'float_input');
      expect(points?.thresholds).toHaveLength(10);
      for (const column of points!.thresholds) {
        expect(column.length).toBeGreaterThan(0);
        expect(column.every((t, k) => k === 0 || t > column[k - 1]!)).toBe(true);
      }
    },
  );

  it('none for a model that reads its inputs other than by comparison: a logistic pipeline, the bundled model', () => {
    for (const bytes of [byoModelBytes('lc_pipeline_logreg_zipmap'), bundledModelBytes()]) {
      const readable = withReadableProbabilities(bytes);
      const probabilities = inspectOnnx(readable).probabilities[0]!.tensor;
      expect(treeSplitPoints(readable, probabilities)).toBeUndefined();
    }
  });
});
