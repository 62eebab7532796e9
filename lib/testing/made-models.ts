/** Small ONNX models made on the spot for refusal tests: what a converter would write for a regression. */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType,
  TensorProtoSchema,
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
