import { describe, expect, it } from 'vitest';
import type { OnnxInspection } from '../onnx';
import type { TapeColumn } from '../portfolio';
import { draftCard } from './card-draft';
import { draftChoicesFromFlags } from './card-flags';
import { feedTensors, graphFeeds } from './graph-feeds';
import { parseManifest, type Manifest, type ModelInput } from './manifest';
import { probabilitiesOfDefault } from './pd-model';

const graph = (overrides: Partial<OnnxInspection> = {}): OnnxInspection => ({
  producer: 'test',
  irVersion: 8,
  opsets: { '': 17 },
  inputs: [
    { name: 'income', kind: 'tensor', elementType: 'float32', shape: ['N', 1] },
    { name: 'grade', kind: 'tensor', elementType: 'string', shape: ['N'] },
  ],
  outputs: [],
  probabilities: [{ tensor: 'probabilities', classLabels: ['0', '1'] }],
  labelOutputs: ['label'],
  nodeCount: 4,
  imputedInputs: [],
  ...overrides,
});
const COLUMNS: TapeColumn[] = [
  { name: 'Income', kind: 'number' },
  { name: 'grade', kind: 'category' },
  { name: 'rate', kind: 'number' },
  { name: 'Loan Amount', kind: 'number' },
  { name: 'tenor', kind: 'number' },
];
const file = { name: 'm.onnx', sha256: 'ab'.repeat(32) };
const input = (name: string, type: 'float32' | 'string' = 'float32', extra: Partial<ModelInput> = {}): ModelInput => ({
  name,
  type,
  column: name,
  description: name,
  clampScenarioToTrainingRange: false,
  ...extra,
});
const card = (inputs: ModelInput[], graphInputs?: { name: string; features: string[] }[]) =>
  ({ model: { file: 'm.onnx', sha256: 'ab'.repeat(32), output: { name: 'probabilities', description: '' }, graphInputs }, inputs }) as Pick<
    Manifest,
    'model' | 'inputs'
  >;

describe('the command line’s card choices', () => {
  it('reads every flag form', () => {
    const { choices, errors } = draftChoicesFromFlags({
      map: ['income=Income'],
      features: 'a, b,c',
      fill: ['a=0.5', 'b=nan'],
      defaultClass: 'bad',
      lever: ['income-shock=scale:income', 'rate-shock=shift:rate:0.01', 'utilization-shift=shift:u1+u2:1'],
    });
    expect(errors).toEqual([]);
    expect(choices).toEqual({
      map: { income: 'Income' },
      features: { '': ['a', 'b', 'c'] },
      missing: { a: { policy: 'fill', value: 0.5 }, b: { policy: 'pass-nan' } },
      defaultClass: 'bad',
      levers: {
        'income-shock': { kind: 'scale-inputs', inputs: ['income'] },
        'rate-shock': { kind: 'shift-inputs', inputs: ['rate'], inputUnitsPerStep: 0.01 },
        'utilization-shift': { kind: 'shift-inputs', inputs: ['u1', 'u2'], inputUnitsPerStep: 1 },
      },
    });
  });

  it('reads the book’s columns: a name, or a number for every loan; an outcome with its bad values', () => {
    const { choices, errors } = draftChoicesFromFlags({
      exposure: 'loan_amount',
      rate: '12.5',
      term: '36',
      grade: 'band',
      region: 'county',
      outcome: 'status=charged off, default',
    });
    expect(errors).toEqual([]);
    expect(choices.book).toEqual({
      exposure: { column: 'loan_amount' },
      ratePct: { constant: 12.5 },
      termMonths: { constant: 36 },
      grade: { column: 'band' },
      region: { column: 'county' },
      outcome: { column: 'status', bad: ['charged off', 'default'] },
    });
    expect(draftChoicesFromFlags({ balance: 'owed', daysPastDue: 'arrears' }).choices.book).toEqual({
      state: { balance: 'owed', daysPastDue: 'arrears' },
    });
    expect(draftChoicesFromFlags({ term: '36.5' }).errors).toEqual([
      '--term 36.5: expected a column, or a whole number of months from 1 to 600.',
    ]);
  });

  it('names each malformed flag and what it expected', () => {
    const { errors } = draftChoicesFromFlags({
      map: ['income'],
      fill: ['a=', 'b=median'],
      features: 'a,,b',
      lever: ['lgd=scale:x', 'rate-shock=shift:rate', 'income-shock=grow:income'],
    });
    expect(errors).toEqual([
      '--map income: expected NAME=VALUE.',
      '--fill a=: expected NAME=VALUE.',
      '--fill b=median: expected a number to put in blank cells, or "nan" to pass them to the model as NaN.',
      '--lever lgd=…: "lgd" is not a lever that acts through a model\'s inputs (income-shock, rate-shock, utilization-shift).',
      '--lever rate-shock=shift:rate: expected scale:INPUT[+INPUT] or shift:INPUT[+INPUT]:UNITS_PER_STEP.',
      '--lever income-shock=grow:income: expected scale:INPUT[+INPUT] or shift:INPUT[+INPUT]:UNITS_PER_STEP.',
      '--features a,,b: expected tape column names separated by commas.',
    ]);
  });
});

describe('a drafted card', () => {
  it('matches loosely, keeps string inputs strict, and reads class 1 of labels 0/1 as default (assumed)', () => {
    const { draft, mappings, defaultClass, problems } = draftCard(file, graph(), COLUMNS);
    expect(problems).toEqual([]);
    expect(mappings).toEqual([
      { input: 'income', column: 'Income', matchedBy: 'loose' },
      { input: 'grade', column: 'grade', matchedBy: 'exact' },
    ]);
    expect(defaultClass).toEqual({ label: '1', assumed: true });
    expect(draft!.model.output).toMatchObject({ name: 'probabilities', defaultColumn: 1, defaultClass: '1' });
  });

  it('reads the class a label names as default; asks when no label says; takes the user’s choice', () => {
    const named = draftCard(file, graph({ probabilities: [{ tensor: 'p', classLabels: ['good', 'bad'] }] }), COLUMNS);
    expect(named.defaultClass).toEqual({ label: 'bad', assumed: false });
    const unclear = draftCard(file, graph({ probabilities: [{ tensor: 'p', classLabels: ['A', 'B', 'C'] }] }), COLUMNS);
    expect(unclear.problems).toEqual(["Say which of the model's classes (A, B, C) means default."]);
    const chosen = draftCard(file, graph({ probabilities: [{ tensor: 'p', classLabels: ['A', 'B', 'C'] }] }), COLUMNS, {
      defaultClass: 'C',
    });
    expect(chosen.draft!.model.output).toMatchObject({ defaultColumn: 2, defaultClass: 'C' });
    const wrong = draftCard(file, graph(), COLUMNS, { defaultClass: 'bad' });
    expect(wrong.problems).toEqual(['The class "bad" is not one of the model\'s classes (0, 1).']);
    const silent = draftCard(file, graph({ probabilities: [{ tensor: 'score', classLabels: null }] }), COLUMNS);
    expect(silent.defaultClass).toEqual({ label: 'the last column', assumed: true });
  });

  it('says what it cannot feed: no probability output, a sequence input, an int64 input, a kind mismatch', () => {
    const { problems } = draftCard(
      file,
      graph({
        inputs: [
          { name: 'history', kind: 'sequence' },
          { name: 'count', kind: 'tensor', elementType: 'int64', shape: ['N', 1] },
          { name: 'grade', kind: 'tensor', elementType: 'float32', shape: ['N', 1] },
        ],
        probabilities: [],
      }),
      COLUMNS,
    );
    expect(problems).toEqual([
      'The model\'s input "history" is a sequence: Riskdial feeds tensors only.',
      'The model\'s input "count" takes int64; Riskdial feeds float32 numbers and strings.',
      'The model\'s input "grade" takes numbers, but the tape column "grade" holds categories.',
      'The model has no probability output (only class labels: label): Riskdial needs the probability of default, not a label or a score.',
    ]);
  });
});

describe('the columns the metrics read', () => {
  it('are found by their usual names, loosely; a value for every loan stands in for a column the tape lacks', () => {
    const found = draftCard(file, graph(), COLUMNS);
    expect(found.book).toEqual({
      exposure: { column: 'Loan Amount' },
      ratePct: { column: 'rate' },
      termMonths: { column: 'tenor' },
      grade: { column: 'grade' },
    });
    expect(found.draft!.bookColumns).toEqual(found.book);
    const constant = draftCard(
      file,
      graph(),
      COLUMNS.filter((c) => c.name !== 'rate'),
      { book: { ratePct: { constant: 12 } } },
    );
    expect(constant.book!.ratePct).toEqual({ constant: 12 });
  });

  it('name what they cannot find', () => {
    const bare: TapeColumn[] = [
      { name: 'income', kind: 'number' },
      { name: 'grade', kind: 'category' },
    ];
    expect(draftCard(file, graph(), bare, { book: { termMonths: { column: 'months' } } }).problems).toEqual([
      'No tape column holds the amount lent (exposure): choose one, or give one value for every loan.',
      'No tape column holds the interest rate (% a year): choose one, or give one value for every loan.',
      'The tape has no column "months" (chosen for the term (months)).',
    ]);
  });
});

describe('a card that does not fit', () => {
  it('is refused field by field, each field named with what it expected', () => {
    expect(() => parseManifest({ schemaVersion: 1, name: 'x', version: '1' })).toThrow(
      /^The model card is invalid at "description": .*; "model": .*; "inputs": .*; "referenceRows": .*; "assumptions": /,
    );
  });

  it('to its model: every input that does not fit is named at once', () => {
    const g = graph({
      inputs: [
        { name: 'x', kind: 'tensor', elementType: 'float32', shape: ['N', 3] },
        { name: 'grade', kind: 'tensor', elementType: 'string', shape: ['N', 1] },
      ],
    });
    expect(() => graphFeeds(card([input('a'), input('b'), input('grade')], [{ name: 'x', features: ['a', 'b'] }]), g)).toThrow(
      'The model\'s input "x" takes 3 columns, but the model card lists 2 (a, b). The model\'s input "grade" takes string, but the model card feeds it float32.',
    );
  });
});

describe('feeding the graph', () => {
  it('refuses a card that does not fit the graph, input by input', () => {
    const g = graph({
      inputs: [
        { name: 'x', kind: 'tensor', elementType: 'float32', shape: ['N', 2] },
        { name: 'grade', kind: 'tensor', elementType: 'string', shape: ['N', 1] },
      ],
    });
    const fits = [input('a'), input('b'), input('grade', 'string')];
    expect(graphFeeds(card(fits, [{ name: 'x', features: ['a', 'b'] }]), g).map((f) => [f.name, f.features.length, f.rank])).toEqual([
      ['x', 2, 2],
      ['grade', 1, 2],
    ]);
    expect(() => graphFeeds(card(fits, [{ name: 'x', features: ['a', 'c'] }]), g)).toThrow(
      'The model card packs "c" into "x", but lists no input "c".',
    );
    expect(() => graphFeeds(card([...fits, input('zzz')], [{ name: 'x', features: ['a', 'b'] }]), g)).toThrow(
      'The model card feeds a graph input "zzz", but the model has no such input (its inputs: "x", "grade").',
    );
    expect(() => graphFeeds(card([input('a'), input('b'), input('grade')], [{ name: 'x', features: ['a', 'b'] }]), g)).toThrow(
      'The model\'s input "grade" takes string, but the model card feeds it float32.',
    );
    expect(() => graphFeeds(card([input('a'), input('grade', 'string')], [{ name: 'x', features: ['a'] }]), g)).toThrow(
      'The model\'s input "x" takes 2 columns, but the model card lists 1 (a).',
    );
    expect(() => graphFeeds(card([input('a'), input('grade', 'string')], [{ name: 'x', features: ['a', 'grade'] }]), g)).toThrow(
      'The model card packs "grade" (string) into "x": a packed tensor takes numbers only.',
    );
    expect(() => graphFeeds(card([input('grade', 'string')]), g)).toThrow(
      'The model needs input "x", which the model card does not map to any column.',
    );
  });

  it('fills blanks where the card says so, after any shock, and packs columns row by row', () => {
    const g = graph({ inputs: [{ name: 'x', kind: 'tensor', elementType: 'float32', shape: ['N', 2] }] });
    const feeds = graphFeeds(
      card([input('a', 'float32', { missing: { policy: 'fill', value: 7 } }), input('b')], [{ name: 'x', features: ['a', 'b'] }]),
      g,
    );
    const t = feedTensors(feeds, { a: Float32Array.of(1, Number.NaN), b: Float32Array.of(3, Number.NaN) });
    expect(t.x!.dims).toEqual([2, 2]);
    expect(Array.from(t.x!.data as Float32Array)).toEqual([1, 3, 7, Number.NaN]);
    const flat = graphFeeds(card([input('v')]), graph({ inputs: [{ name: 'v', kind: 'tensor', elementType: 'float32', shape: ['N'] }] }));
    expect(feedTensors(flat, { v: Float32Array.of(1, 2, 3) }).v!.dims).toEqual([3]);
  });
});

describe('reading the probability of default', () => {
  it('takes the default column of [N,2], an [N] tensor as it is, and refuses anything that is not a probability', () => {
    expect(Array.from(probabilitiesOfDefault(Float32Array.of(0.75, 0.25, 0.5, 0.5), [2, 2]))).toEqual([0.25, 0.5]);
    expect(Array.from(probabilitiesOfDefault(Float32Array.of(0.75, 0.25, 0.5, 0.5), [2, 2], 0))).toEqual([0.75, 0.5]);
    expect(Array.from(probabilitiesOfDefault(Float32Array.of(0.125, 0.375), [2]))).toEqual([0.125, 0.375]);
    expect(() => probabilitiesOfDefault(Float32Array.of(0.125, 1.5), [2, 1])).toThrow(
      "The model's output is not a probability: loan 2 gives 1.5 where a probability of default lies between 0 and 1. Is this a regression model, or the wrong output?",
    );
    expect(() => probabilitiesOfDefault(Float32Array.of(Number.NaN), [1])).toThrow(/loan 1 gives NaN/);
    expect(() => probabilitiesOfDefault(Float32Array.of(0.5, 0.5), [1, 2], 2)).toThrow(
      'The model card reads column 3 of the output, but it has 2.',
    );
  });
});
