/** Small ONNX models made on the spot for refusal tests: what a converter would write for a regression. */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType,
  TensorProtoSchema,
  type AttributeProto,
} from 'onnx-buf';
import { floatTensorInfo } from '../onnx';

/** A linear regression on one [N,1] float input `input` (named as the tape column): `variable` = input × slope, a loss amount, not a probability. */
export function regressionOnnx(input = 'annual_inc', slope = 0.5): Uint8Array {
  const model = create(ModelProtoSchema, {
    irVersion: 8n,
    producerName: 'skl2onnx',
    producerVersion: '1.14.0',
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: 17n })],
    graph: create(GraphProtoSchema, {
      name: 'LinearRegression',
      node: [create(NodeProtoSchema, { opType: 'Mul', input: [input, 'coef'], output: ['variable'], name: 'Mul' })],
      initializer: [create(TensorProtoSchema, { name: 'coef', dataType: TensorProto_DataType.FLOAT, dims: [1n], floatData: [slope] })],
      input: [floatTensorInfo(input, ['N', 1])],
      output: [floatTensorInfo('variable', ['N', 1])],
    }),
  });
  return toBinary(ModelProtoSchema, model);
}

/** One split of a stump: the column compared, how, with what, and where a missing value goes. */
export interface Stump {
  feature: number;
  mode: 'BRANCH_LEQ' | 'BRANCH_LT' | 'BRANCH_GTE' | 'BRANCH_GT' | 'BRANCH_EQ' | 'BRANCH_NEQ';
  threshold: number;
  /** A missing value takes the true branch. */
  missingTrue?: boolean;
}

const attr = (
  name: string,
  value: Partial<Pick<AttributeProto, 'ints' | 'floats' | 'strings' | 's' | 'i'>>,
  type: AttributeProto_AttributeType,
) => create(AttributeProtoSchema, { name, type, ...value });
const ints = (name: string, values: number[]) => attr(name, { ints: values.map(BigInt) }, AttributeProto_AttributeType.INTS);
const floats = (name: string, values: number[]) => attr(name, { floats: values }, AttributeProto_AttributeType.FLOATS);
const strings = (name: string, values: string[]) =>
  attr(name, { strings: values.map((v) => new TextEncoder().encode(v)) }, AttributeProto_AttributeType.STRINGS);
const text = (name: string, value: string) => attr(name, { s: new TextEncoder().encode(value) }, AttributeProto_AttributeType.STRING);

/**
 * A tree model as a converter writes one, made small: one TreeEnsembleRegressor stump per entry of
 * `stumps` (true branch 0.8, false 0.2, summed) on one [N,width] float input `x`, its [N,1] output
 * `score`, then `after` (each node reads the previous value and writes the next; the last is `p`).
 * `treesReadACopy` puts an Identity between the input and the trees.
 */
export function stumpsOnnx(
  stumps: Stump[],
  { width = 2, after = [] as { opType: string; axis?: number }[], treesReadACopy = false } = {},
): Uint8Array {
  const nodes = stumps.flatMap((s, tree) => [
    { tree, node: 0, feature: s.feature, mode: s.mode, value: s.threshold, yes: 1, no: 2, missing: s.missingTrue ? 1 : 0 },
    { tree, node: 1, feature: 0, mode: 'LEAF', value: 0, yes: 0, no: 0, missing: 0 },
    { tree, node: 2, feature: 0, mode: 'LEAF', value: 0, yes: 0, no: 0, missing: 0 },
  ]);
  const leaves = nodes.filter((n) => n.mode === 'LEAF');
  const trees = create(NodeProtoSchema, {
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: [treesReadACopy ? 'x_copy' : 'x'],
    output: ['score'],
    name: 'trees',
    attribute: [
      attr('n_targets', { i: 1n }, AttributeProto_AttributeType.INT),
      ints(
        'nodes_treeids',
        nodes.map((n) => n.tree),
      ),
      ints(
        'nodes_nodeids',
        nodes.map((n) => n.node),
      ),
      ints(
        'nodes_featureids',
        nodes.map((n) => n.feature),
      ),
      strings(
        'nodes_modes',
        nodes.map((n) => n.mode),
      ),
      floats(
        'nodes_values',
        nodes.map((n) => n.value),
      ),
      ints(
        'nodes_truenodeids',
        nodes.map((n) => n.yes),
      ),
      ints(
        'nodes_falsenodeids',
        nodes.map((n) => n.no),
      ),
      ints(
        'nodes_missing_value_tracks_true',
        nodes.map((n) => n.missing),
      ),
      ints(
        'target_treeids',
        leaves.map((n) => n.tree),
      ),
      ints(
        'target_nodeids',
        leaves.map((n) => n.node),
      ),
      ints(
        'target_ids',
        leaves.map(() => 0),
      ),
      floats(
        'target_weights',
        leaves.map((n) => (n.node === 1 ? 0.8 : 0.2)),
      ),
      text('aggregate_function', 'SUM'),
      text('post_transform', 'NONE'),
    ],
  });
  const chain = after.map((step, k) =>
    create(NodeProtoSchema, {
      opType: step.opType,
      input: [k === 0 ? 'score' : `after${k - 1}`],
      output: [k === after.length - 1 ? 'p' : `after${k}`],
      name: `after${k}`,
      attribute: step.axis === undefined ? [] : [attr('axis', { i: BigInt(step.axis) }, AttributeProto_AttributeType.INT)],
    }),
  );
  const copy = treesReadACopy ? [create(NodeProtoSchema, { opType: 'Identity', input: ['x'], output: ['x_copy'], name: 'copy' })] : [];
  const model = create(ModelProtoSchema, {
    irVersion: 8n,
    producerName: 'riskdial-tests',
    opsetImport: [
      create(OperatorSetIdProtoSchema, { domain: '', version: 17n }),
      create(OperatorSetIdProtoSchema, { domain: 'ai.onnx.ml', version: 1n }),
    ],
    graph: create(GraphProtoSchema, {
      name: 'Stumps',
      node: [...copy, trees, ...chain],
      input: [floatTensorInfo('x', ['N', width])],
      output: [floatTensorInfo(after.length ? 'p' : 'score', ['N', 1])],
    }),
  });
  return toBinary(ModelProtoSchema, model);
}
