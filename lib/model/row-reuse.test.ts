/**
 * A tree model's loans that cross no split point keep their PD: the places among thresholds, which
 * rows are scored again, and which graphs get split points at all.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { AttributeProto_AttributeType, AttributeProtoSchema, ModelProtoSchema, NodeProtoSchema } from 'onnx-buf';
import * as ort from 'onnxruntime-web/wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { floatTensorInfo, inspectOnnx, treeSplitPoints, withReadableProbabilities } from '../onnx';
import { bundledModelBytes, byoModelBytes, stumpsOnnx, type Stump } from '../testing';
import type { GraphFeed } from './graph-feeds';
import { graphRunner } from './graph-runner';
import type { ModelInput } from './manifest';
import { probabilitiesOfDefault } from './pd-model';
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
    expect(placeAmong(new Float64Array(0), Number.NaN)).not.toBe(placeAmong(new Float64Array(0), 0));
  });

  it('places −0 with +0 and the infinities at the ends, as float comparisons do', () => {
    expect(placeAmong(Float64Array.from([0]), -0)).toBe(placeAmong(Float64Array.from([0]), 0));
    expect(placeAmong(thresholds, Infinity)).toBe(placeAmong(thresholds, 5));
    expect(placeAmong(Float64Array.from([Infinity]), Infinity)).toBe(1);
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
  const points = { input: 'x', thresholds: [thresholds, null] };
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

  it('keeps a copy of the values scored: a column changed in place afterwards is still seen to move', () => {
    const rowsToScore = rowReuse(points);
    const values = book([0.5, 0], [3, 0]);
    rowsToScore(values, 2).complete(Float32Array.from([0.1, 0.3]));
    values[0] = 5;
    expect(Array.from(rowsToScore(values, 2).rows as Uint32Array)).toEqual([0]);
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
        expect(column?.length).toBeGreaterThan(0);
        expect(column?.every((t, k) => k === 0 || t > column[k - 1]!)).toBe(true);
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

const leq = (threshold: number, feature = 0): Stump => ({ feature, mode: 'BRANCH_LEQ', threshold });

describe('which tree graphs the split points hold for', () => {
  it('trees on the one input, then row-wise nodes: Sigmoid, Softmax across the classes', () => {
    const points = treeSplitPoints(stumpsOnnx([leq(1), leq(3), leq(1)], { after: [{ opType: 'Sigmoid' }] }), 'p');
    expect(points?.thresholds).toEqual([Float64Array.from([1, 3])]); // column b, past the end, is read by none
    expect(treeSplitPoints(stumpsOnnx([leq(1, 1)]), 'score')?.thresholds).toEqual([null, Float64Array.from([1])]);
    expect(treeSplitPoints(stumpsOnnx([leq(1)], { after: [{ opType: 'Softmax', axis: 1 }] }), 'p')).toBeDefined();
  });

  it.each([
    ['a Softmax across the loans (axis 0)', stumpsOnnx([leq(1)], { after: [{ opType: 'Softmax', axis: 0 }] }), 'p'],
    ['a node that mixes rows (Transpose)', stumpsOnnx([leq(1)], { after: [{ opType: 'Transpose' }] }), 'p'],
    ['trees that read a copy of the input, not the input', stumpsOnnx([leq(1)], { treesReadACopy: true }), 'score'],
    ['a feature id past the input’s width', stumpsOnnx([leq(1, 5)], { width: 2 }), 'score'],
  ])('none for %s', (_, bytes, wanted) => {
    expect(treeSplitPoints(bytes, wanted)).toBeUndefined();
  });

  it('none where the probability comes from a classifier’s labels ([N], where a Softmax runs across the loans)', () => {
    const model = fromBinary(ModelProtoSchema, byoModelBytes('lc_xgboost'));
    const graph = model.graph!;
    const label = graph.node.find((n) => n.opType === 'TreeEnsembleClassifier')!.output[0]!;
    const cast = create(NodeProtoSchema, {
      opType: 'Cast',
      input: [label],
      output: ['label_float'],
      attribute: [create(AttributeProtoSchema, { name: 'to', type: AttributeProto_AttributeType.INT, i: 1n })],
    });
    graph.node.push(cast, create(NodeProtoSchema, { opType: 'Softmax', input: ['label_float'], output: ['p'] }));
    graph.output.push(floatTensorInfo('p', ['N']));
    expect(treeSplitPoints(toBinary(ModelProtoSchema, model), 'p')).toBeUndefined();
  });
});

describe('a tree model run by the runtime, rows kept', () => {
  const feeds: GraphFeed[] = [
    {
      name: 'x',
      type: 'float32',
      rank: 2,
      features: ['a', 'b'].map((name): ModelInput => ({
        name,
        type: 'float32',
        column: name,
        description: name,
        clampScenarioToTrainingRange: false,
      })),
    },
  ];
  const read = ({ data }: { data: unknown }) => Float32Array.from(data as Float32Array);
  beforeAll(() => {
    ort.env.wasm.numThreads = 1; // as every scoring session sets it
  });

  it('a column compared only with a NaN threshold still tells a missing value apart: its loan is scored again', async () => {
    // Feature b is read by one split whose threshold is NaN: no number passes it, a missing value takes the true branch (0.8).
    const bytes = stumpsOnnx([leq(1), { feature: 1, mode: 'BRANCH_LEQ', threshold: Number.NaN, missingTrue: true }]);
    const points = treeSplitPoints(bytes, 'score')!;
    expect(points.thresholds[1]).toEqual(new Float64Array(0));
    const kept = await graphRunner(bytes, { points }, feeds, 'score', 1);
    const whole = await graphRunner(bytes, {}, feeds, 'score', 1);
    const runs = [
      { a: Float32Array.from([0, 2]), b: Float32Array.from([5, 5]) },
      { a: Float32Array.from([0, 2]), b: Float32Array.from([Number.NaN, 5]) },
      { a: Float32Array.from([0.5, 1]), b: Float32Array.from([Number.NaN, -0]) },
    ];
    const pds = [];
    for (const inputs of runs) {
      const pd = await kept.run(inputs, read);
      expect(Array.from(pd)).toEqual(Array.from(await whole.run(inputs, read)));
      pds.push(Array.from(pd, (p) => Math.round(p * 10) / 10));
    }
    // 0.8 + 0.2, 0.2 + 0.2; then loan 1's b goes missing: 0.8 + 0.8; then loan 2 crosses a ≤ 1.
    expect(pds).toEqual([
      [1, 0.4],
      [1.6, 0.4],
      [1.6, 1],
    ]);
    await Promise.all([kept.release(), whole.release()]);
  });

  it('a refusal on a move names the tape’s loan, not its place among the loans scored again', async () => {
    const bytes = stumpsOnnx([leq(1), { feature: 1, mode: 'BRANCH_LEQ', threshold: Number.NaN, missingTrue: true }]);
    const kept = await graphRunner(bytes, { points: treeSplitPoints(bytes, 'score')! }, feeds, 'score', 1);
    const pdOf = ({ data, dims }: { data: unknown; dims: readonly number[] }) => probabilitiesOfDefault(data as Float32Array, dims);
    await kept.run({ a: Float32Array.from([5, 5, 5]), b: Float32Array.from([0, 0, 0]) }, pdOf);
    // Loan 2 alone moves, to 0.8 + 0.8: not a probability.
    const moved = kept.run({ a: Float32Array.from([5, 0, 5]), b: Float32Array.from([0, Number.NaN, 0]) }, pdOf);
    await expect(moved).rejects.toThrow(/loan 2 gives 1\.6/);
    await kept.release();
  });
});
