/**
 * What a converter-made ONNX model asks for and gives back, read from its protobuf (onnx-buf, the
 * ONNX schema compiled for @bufbuild/protobuf): inputs with element type and shape, outputs, and where
 * the class probabilities are, with the class labels the classifier node declares.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataType, type ModelProto, type NodeProto, type TypeProto, type ValueInfoProto } from 'onnx-buf';

/** The element types a tape can feed; anything else is named as the graph names it. */
export type ElementType = 'float32' | 'float64' | 'int64' | 'int32' | 'string' | 'bool' | `other (${string})`;

/** One dimension: a fixed size, or symbolic (the batch, written N). */
export type Dimension = number | 'N';

export interface GraphTensor {
  name: string;
  kind: 'tensor';
  elementType: ElementType;
  shape: Dimension[];
}

export interface GraphOther {
  name: string;
  /** What onnxruntime-web cannot hand back (a ZipMap's sequence of maps, for one). */
  kind: 'sequence' | 'map' | 'other';
}

export type GraphValue = GraphTensor | GraphOther;

/** Where the class probabilities come out, and which class each column is. */
export interface ProbabilityOutput {
  /** The tensor to read ([N,classes] or [N,1]); after `withReadableProbabilities` when a ZipMap hid it. */
  tensor: string;
  /** Column k is the probability of classLabels[k]; null when the graph does not say. */
  classLabels: string[] | null;
  /** The ZipMap output the tensor was hidden behind, if any. */
  zipMapOutput?: string;
}

export interface OnnxInspection {
  producer: string;
  irVersion: number;
  /** Operator sets by domain ('' is ai.onnx). */
  opsets: Record<string, number>;
  inputs: GraphValue[];
  outputs: GraphValue[];
  /** Candidate probability outputs, the most likely first. */
  probabilities: ProbabilityOutput[];
  /** Outputs that are class labels: never read as PDs. */
  labelOutputs: string[];
  /** Inputs that reach an Imputer node: the graph itself replaces their missing values. */
  imputedInputs: string[];
  nodeCount: number;
}

/** A file that is not an ONNX model, or not one Riskdial can read. */
export class OnnxFormatError extends Error {}

const ELEMENT_TYPES: Partial<Record<TensorProto_DataType, ElementType>> = {
  [TensorProto_DataType.FLOAT]: 'float32',
  [TensorProto_DataType.DOUBLE]: 'float64',
  [TensorProto_DataType.INT64]: 'int64',
  [TensorProto_DataType.INT32]: 'int32',
  [TensorProto_DataType.STRING]: 'string',
  [TensorProto_DataType.BOOL]: 'bool',
};

const elementType = (code: number): ElementType =>
  ELEMENT_TYPES[code as TensorProto_DataType] ?? `other (${TensorProto_DataType[code] ?? code})`;

function graphValue(value: ValueInfoProto): GraphValue {
  const type: TypeProto['value'] | undefined = value.type?.value;
  if (type?.case === 'tensorType') {
    const dims = type.value.shape?.dim ?? [];
    return {
      name: value.name,
      kind: 'tensor',
      elementType: elementType(type.value.elemType),
      shape: dims.map((d) => (d.value.case === 'dimValue' ? Number(d.value.value) : 'N')),
    };
  }
  const kind = type?.case === 'sequenceType' ? 'sequence' : type?.case === 'mapType' ? 'map' : 'other';
  return { name: value.name, kind };
}

const decoder = new TextDecoder();

/** The class labels a classifier node (LinearClassifier, TreeEnsembleClassifier, SVMClassifier, ZipMap) declares. */
function classLabels(node: NodeProto | undefined): string[] | null {
  for (const attribute of node?.attribute ?? []) {
    if (attribute.name === 'classlabels_ints' || attribute.name === 'classlabels_int64s') return attribute.ints.map(String);
    if (attribute.name === 'classlabels_strings') return attribute.strings.map((s) => decoder.decode(s));
  }
  return null;
}

/** Parses the bytes as an ONNX model, or says why it is not one. */
export function parseOnnx(bytes: Uint8Array): ModelProto {
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch (e) {
    throw new OnnxFormatError(`This file is not an ONNX model: its bytes do not parse as the ONNX format (${(e as Error).message}).`);
  }
  const graph = model.graph;
  if (!graph || model.irVersion === 0n || graph.node.length === 0 || graph.input.length === 0 || graph.output.length === 0) {
    throw new OnnxFormatError(
      'This file is not an ONNX model: it has no graph with inputs, outputs and nodes (is it truncated, or another kind of file?).',
    );
  }
  return model;
}

/** The node that writes `name`, and the classifier upstream of it through one-input nodes (Normalizer, Identity, Cast). */
function producerOf(nodes: NodeProto[], name: string): NodeProto | undefined {
  return nodes.find((n) => n.output.includes(name));
}

function upstreamLabels(nodes: NodeProto[], tensor: string): string[] | null {
  let node = producerOf(nodes, tensor);
  for (let hops = 0; node && hops < 8; hops++) {
    const labels = classLabels(node);
    if (labels) return labels;
    node = node.input[0] === undefined ? undefined : producerOf(nodes, node.input[0]);
  }
  return null;
}

/** Graph inputs from which an ai.onnx.ml Imputer is reachable downstream. */
function imputedInputs(nodes: NodeProto[], inputs: readonly string[]): string[] {
  const consumers = new Map<string, NodeProto[]>();
  for (const node of nodes) for (const name of node.input) consumers.set(name, [...(consumers.get(name) ?? []), node]);
  const reachesImputer = (start: string) => {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length) {
      for (const node of consumers.get(queue.pop()!) ?? []) {
        if (node.opType === 'Imputer') return true;
        for (const out of node.output) {
          if (seen.has(out)) continue;
          seen.add(out);
          queue.push(out);
        }
      }
    }
    return false;
  };
  return inputs.filter(reachesImputer);
}

const isLabelName = (name: string) => /label/i.test(name);
const isProbabilityName = (name: string) => /prob|score|pd|default/i.test(name);

export function inspectOnnx(bytes: Uint8Array): OnnxInspection {
  const model = parseOnnx(bytes);
  const graph = model.graph!;
  const initializers = new Set(graph.initializer.map((t) => t.name));
  const inputs = graph.input.filter((i) => !initializers.has(i.name)).map(graphValue);
  const outputs = graph.output.map(graphValue);
  const probabilities: ProbabilityOutput[] = [];
  const labelOutputs: string[] = [];
  for (const output of outputs) {
    const node = producerOf(graph.node, output.name);
    if (node?.opType === 'ZipMap') {
      probabilities.push({ tensor: node.input[0]!, classLabels: classLabels(node), zipMapOutput: output.name });
    } else if (output.kind === 'tensor') {
      const integer = output.elementType === 'int64' || output.elementType === 'int32' || output.elementType === 'string';
      if (integer || isLabelName(output.name)) labelOutputs.push(output.name);
      else if (output.elementType === 'float32' || output.elementType === 'float64') {
        probabilities.push({ tensor: output.name, classLabels: upstreamLabels(graph.node, output.name) });
      }
    }
  }
  // A name that says probability first; otherwise graph order.
  probabilities.sort((a, b) => Number(isProbabilityName(b.tensor)) - Number(isProbabilityName(a.tensor)));
  return {
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    irVersion: Number(model.irVersion),
    opsets: Object.fromEntries(model.opsetImport.map((o) => [o.domain === 'ai.onnx' ? '' : o.domain, Number(o.version)])),
    inputs,
    outputs,
    probabilities,
    labelOutputs,
    imputedInputs: imputedInputs(
      graph.node,
      inputs.map((i) => i.name),
    ),
    nodeCount: graph.node.length,
  };
}
