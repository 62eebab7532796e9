import * as ort from 'onnxruntime-web/wasm';
import { describe, expect, it } from 'vitest';
import { byoModelBytes, holdoutCsv } from '../testing';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
} from 'onnx-buf';
import { floatTensorInfo, inspectOnnx, isCutElementType, OnnxFormatError, splitByLevers, withReadableProbabilities } from '.';
import { referencePd } from '../testing';
import Papa from 'papaparse';

const NUMERIC = [
  'funded_amnt',
  'int_rate',
  'annual_inc',
  'revol_util',
  'open_il_12m',
  'open_il_24m',
  'total_bal_il',
  'all_util',
  'inq_last_12m',
  'delinq_2yrs',
];
const CATEGORICAL = ['term', 'sub_grade', 'emp_length', 'verification_status', 'addr_state'];

describe('reading a converter-made model', () => {
  it('skl2onnx pipeline: one [N,1] input per raw column; its probabilities hide behind a ZipMap with classes 0 and 1', () => {
    const model = inspectOnnx(byoModelBytes('lc_pipeline_logreg_zipmap'));
    expect(model.producer).toBe('skl2onnx 1.14.0');
    expect(model.opsets).toEqual({ '': 11, 'ai.onnx.ml': 1 });
    expect(model.inputs.map((i) => i.name)).toEqual([...NUMERIC, ...CATEGORICAL]);
    expect(model.inputs[0]).toEqual({ name: 'funded_amnt', kind: 'tensor', elementType: 'float32', shape: ['N', 1] });
    expect(model.inputs.at(-1)).toEqual({ name: 'addr_state', kind: 'tensor', elementType: 'string', shape: ['N', 1] });
    expect(model.outputs).toEqual([
      { name: 'output_label', kind: 'tensor', elementType: 'int64', shape: ['N'] },
      { name: 'output_probability', kind: 'sequence' },
    ]);
    expect(model.probabilities).toEqual([{ tensor: 'probabilities', classLabels: ['0', '1'], zipMapOutput: 'output_probability' }]);
    expect(model.labelOutputs).toEqual(['output_label']);
  });

  it.each([
    ['lc_gbt_float_input', 'float_input'],
    ['lc_xgboost', 'input'],
  ] as const)('%s: one [N,10] float tensor in, an [N,2] probability tensor out with classes 0 and 1', (name, input) => {
    const model = inspectOnnx(byoModelBytes(name));
    expect(model.inputs).toEqual([{ name: input, kind: 'tensor', elementType: 'float32', shape: ['N', 10] }]);
    expect(model.probabilities).toEqual([{ tensor: 'probabilities', classLabels: ['0', '1'] }]);
    expect(model.labelOutputs).toEqual(['label']);
  });

  it('refuses what is not a model, and a model cut short, saying so', () => {
    const csv = new TextEncoder().encode(holdoutCsv().slice(0, 2000));
    expect(() => inspectOnnx(csv)).toThrow(OnnxFormatError);
    expect(() => inspectOnnx(csv)).toThrow(/not an ONNX model/);
    const truncated = byoModelBytes('lc_xgboost').slice(0, 60_000);
    expect(() => inspectOnnx(truncated)).toThrow(/not an ONNX model/);
    expect(() => inspectOnnx(new Uint8Array())).toThrow(/not an ONNX model/);
  });
});

describe('making ZipMap probabilities readable in onnxruntime-web', () => {
  it('the pipeline model, rewritten, gives Python’s predict_proba P(bad) for all 2,464 hold-out loans to 1e-5', async () => {
    const original = byoModelBytes('lc_pipeline_logreg_zipmap');
    const rewritten = withReadableProbabilities(original);
    expect(inspectOnnx(rewritten).outputs.map((o) => [o.name, o.kind])).toEqual([
      ['output_label', 'tensor'],
      ['probabilities', 'tensor'],
    ]);
    const rows = Papa.parse<Record<string, string>>(holdoutCsv(), { header: true, skipEmptyLines: true, dynamicTyping: false }).data;
    const n = rows.length;
    const feeds: Record<string, ort.Tensor> = {};
    for (const c of NUMERIC)
      feeds[c] = new ort.Tensor(
        'float32',
        Float32Array.from(rows, (r) => Number(r[c])),
        [n, 1],
      );
    for (const c of CATEGORICAL)
      feeds[c] = new ort.Tensor(
        'string',
        rows.map((r) => r[c]!),
        [n, 1],
      );
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(rewritten);
    const out = await session.run(feeds, ['probabilities']);
    const probabilities = out.probabilities!.data as Float32Array;
    expect(out.probabilities!.dims).toEqual([n, 2]);
    const expected = referencePd('lc_pipeline_logreg_zipmap');
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(probabilities[2 * i + 1]! - expected[i]!));
    expect(n).toBe(2464);
    expect(worst).toBeLessThan(1e-5);
    await session.release();
    // The unreadable original: a run that asks for the ZipMap's output fails whole.
    const untouched = await ort.InferenceSession.create(original);
    await expect(untouched.run(feeds, ['output_probability'])).rejects.toThrow();
    await untouched.release();
  });

  it('leaves a model without a ZipMap byte for byte as it was', () => {
    const bytes = byoModelBytes('lc_gbt_float_input');
    expect(withReadableProbabilities(bytes)).toBe(bytes);
  });
});

/** y = (a + log b) × b, with a moved by a lever and b still; optionally wrapped in an If (a subgraph). */
function smallModel(options: { withSubgraph?: boolean; unsorted?: boolean } = {}): Uint8Array {
  const nodes = [
    create(NodeProtoSchema, { opType: 'Log', input: ['b'], output: ['log_b'], name: 'log' }),
    create(NodeProtoSchema, { opType: 'Add', input: ['a', 'log_b'], output: ['sum'], name: 'add' }),
    create(NodeProtoSchema, { opType: 'Mul', input: ['sum', 'b'], output: ['y'], name: 'mul' }),
  ];
  if (options.unsorted) nodes.reverse();
  if (options.withSubgraph) {
    const branch = create(GraphProtoSchema, {
      name: 'branch',
      node: [create(NodeProtoSchema, { opType: 'Identity', input: ['b'], output: ['z'] })],
      output: [floatTensorInfo('z', ['N'])],
    });
    nodes.push(
      create(NodeProtoSchema, {
        opType: 'If',
        input: ['cond'],
        output: ['w'],
        attribute: [
          create(AttributeProtoSchema, { name: 'then_branch', type: AttributeProto_AttributeType.GRAPH, g: branch }),
          create(AttributeProtoSchema, { name: 'else_branch', type: AttributeProto_AttributeType.GRAPH, g: branch }),
        ],
      }),
    );
  }
  return toBinary(
    ModelProtoSchema,
    create(ModelProtoSchema, {
      irVersion: 8n,
      opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: 17n })],
      graph: create(GraphProtoSchema, {
        name: 'small',
        node: nodes,
        input: [floatTensorInfo('a', ['N']), floatTensorInfo('b', ['N'])],
        output: [floatTensorInfo('y', ['N'])],
      }),
    }),
  );
}

describe('splitting a graph by what the levers move', () => {
  it('runs log b once; the per-move part reads a, b itself and the kept log b, and gives the whole graph’s numbers', async () => {
    const split = splitByLevers(smallModel(), ['a'], ['y'])!;
    expect(split.once).toMatchObject({ inputs: ['b'], outputs: ['log_b'] });
    expect(split.nodes).toEqual({ once: 1, perMove: 2 });
    expect(split.perMoveInputs).toEqual(['a', 'b']);
    const perMove = split.perMove!({ log_b: 'float32' });
    expect(perMove.inputs).toEqual(['a', 'b', 'log_b']);
    const a = new ort.Tensor('float32', Float32Array.from([0.5, -1, 2]), [3]);
    const b = new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [3]);
    const once = await ort.InferenceSession.create(split.once.bytes);
    const { log_b } = await once.run({ b });
    const moving = await ort.InferenceSession.create(perMove.bytes);
    const whole = await ort.InferenceSession.create(smallModel());
    const [parts, all] = [await moving.run({ a, b, log_b: log_b! }), await whole.run({ a, b })];
    expect(Array.from(parts.y!.data as Float32Array)).toEqual(Array.from(all.y!.data as Float32Array));
    await Promise.all([once.release(), moving.release(), whole.release()]);
  });

  it('leaves whole a graph where everything reads a moved input, or with a subgraph, or out of order', () => {
    expect(splitByLevers(smallModel(), ['a', 'b'], ['y'])).toBeUndefined();
    expect(splitByLevers(smallModel({ withSubgraph: true }), ['a'], ['y'])).toBeUndefined();
    expect(splitByLevers(smallModel({ unsorted: true }), ['a'], ['y'])).toBeUndefined();
  });

  it('with no input moved, the once part gives the output itself and there is no per-move part', () => {
    const split = splitByLevers(smallModel(), [], ['y'])!;
    expect(split.once.outputs).toEqual(['y']);
    expect(split.perMove).toBeUndefined();
    expect(isCutElementType('string')).toBe(true);
    expect(isCutElementType('float16')).toBe(false);
  });
});
