/**
 * Graph surgery so onnxruntime-web can read a classifier's probabilities. skl2onnx and onnxmltools
 * end classifiers with a ZipMap node by default: it turns the [N,classes] probability tensor into a
 * sequence of maps, which onnxruntime-web cannot return (a run that asks for it fails whole). Removing
 * the ZipMap and making its input a graph output gives the same numbers as a tensor. The file's
 * SHA-256 is always taken from the bytes the user gave, never from the rewritten ones.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  ModelProtoSchema,
  TensorProto_DataType,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type ValueInfoProto,
} from 'onnx-buf';
import { parseOnnx, type Dimension } from './inspect';

/** A graph value that is a float tensor of these dimensions ('N' for the batch). */
export function floatTensorInfo(name: string, dims: readonly Dimension[]): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, {
      value: {
        case: 'tensorType',
        value: create(TypeProto_TensorSchema, {
          elemType: TensorProto_DataType.FLOAT,
          shape: create(TensorShapeProtoSchema, {
            dim: dims.map((d) =>
              create(TensorShapeProto_DimensionSchema, {
                value: d === 'N' ? { case: 'dimParam', value: 'N' } : { case: 'dimValue', value: BigInt(d) },
              }),
            ),
          }),
        }),
      },
    }),
  });
}

/** The model with every ZipMap's input tensor as a graph output in its place; the same bytes when it has none. */
export function withReadableProbabilities(bytes: Uint8Array): Uint8Array {
  const model = parseOnnx(bytes);
  const graph = model.graph!;
  const zipMaps = graph.node.filter((n) => n.opType === 'ZipMap' && graph.output.some((o) => o.name === n.output[0]));
  if (zipMaps.length === 0) return bytes;
  for (const zipMap of zipMaps) {
    const tensor = zipMap.input[0]!;
    const classes = zipMap.attribute.find((a) => a.name.startsWith('classlabels'));
    const width = classes ? Math.max(classes.ints.length, classes.strings.length) : undefined;
    const output = floatTensorInfo(tensor, width ? ['N', width] : ['N']);
    graph.output = graph.output.map((o) => (o.name === zipMap.output[0] ? output : o));
    graph.valueInfo = graph.valueInfo.filter((v) => v.name !== tensor);
  }
  graph.node = graph.node.filter((n) => !zipMaps.includes(n));
  return toBinary(ModelProtoSchema, model);
}
