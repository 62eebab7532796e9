/**
 * Splitting a model by what the levers move. A lever shocks a few numeric inputs; the rest of the
 * tape (string categories, their encodings, one-hot vectors, imputation and scaling of unshocked
 * columns) is the same on every move. The graph is cut in two on the parsed protobuf:
 *   - the *once* part: every node that reads only still inputs (and constants), run once per tape;
 *   - the *per-move* part: every node that reads a moved input, fed the once part's results at the cut.
 * Nodes that read constants only go with whichever part needs them, so the runtime folds them in
 * each part as it does in the whole graph. The same operators on the same values give the same
 * numbers: the PDs are bit-identical to the whole graph's (tested on every model we hold).
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  GraphProtoSchema,
  ModelProtoSchema,
  TensorProto_DataType,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type ValueInfoProto,
} from 'onnx-buf';
import { parseOnnx } from './inspect';

/** A part of the graph as a model of its own. */
export interface GraphPart {
  bytes: Uint8Array;
  /** The graph inputs it reads, by name. */
  inputs: string[];
  outputs: string[];
}

/** A cut value's element type, as the runtime reports it on the once part's result. */
export type CutElementType = 'float32' | 'float64' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool' | 'string';

export interface LeverSplit {
  /** Run once per tape: its outputs are the cut values (and any wanted output no lever reaches). */
  once: GraphPart;
  /**
   * The part each lever move runs, given the element types the once part produced (graph inputs are
   * typed in ONNX). Absent when no wanted output depends on a moved input: the once part gives them all.
   */
  perMove?: (cutTypes: Readonly<Record<string, CutElementType>>) => GraphPart;
  /** The graph inputs the per-move part reads (the moved ones, and any still input it reads directly). */
  perMoveInputs: string[];
  /** Nodes in each part (the scoring plan reports them). */
  nodes: { once: number; perMove: number };
}

const DATA_TYPES: Record<CutElementType, TensorProto_DataType> = {
  float32: TensorProto_DataType.FLOAT,
  float64: TensorProto_DataType.DOUBLE,
  int64: TensorProto_DataType.INT64,
  int32: TensorProto_DataType.INT32,
  int8: TensorProto_DataType.INT8,
  uint8: TensorProto_DataType.UINT8,
  bool: TensorProto_DataType.BOOL,
  string: TensorProto_DataType.STRING,
};

export const isCutElementType = (type: string): type is CutElementType => type in DATA_TYPES;

/** What a value depends on: constants only, still inputs (the tape), or a moved input. */
const enum Reach {
  Constant = 0,
  Tape = 1,
  Lever = 2,
}

/** A node with a subgraph (If, Loop, Scan) reads outer values the split cannot see: such graphs stay whole. */
const hasSubgraph = (node: NodeProto) => node.attribute.some((a) => a.g !== undefined || a.graphs.length > 0);

function reachOfNodes(graph: GraphProto, moved: ReadonlySet<string>): Map<NodeProto, Reach> | undefined {
  const reach = new Map<string, Reach>();
  for (const t of graph.initializer) reach.set(t.name, Reach.Constant);
  for (const t of graph.sparseInitializer) if (t.values) reach.set(t.values.name, Reach.Constant);
  for (const i of graph.input) if (!reach.has(i.name)) reach.set(i.name, moved.has(i.name) ? Reach.Lever : Reach.Tape);
  const nodes = new Map<NodeProto, Reach>();
  for (const node of graph.node) {
    if (hasSubgraph(node)) return undefined;
    let most = Reach.Constant;
    for (const name of node.input) {
      if (name === '') continue; // an optional input left out
      const r = reach.get(name);
      if (r === undefined) return undefined; // not in topological order: leave the graph whole
      most = Math.max(most, r);
    }
    nodes.set(node, most);
    for (const out of node.output) reach.set(out, most);
  }
  return nodes;
}

/** The nodes `wanted` needs, in graph order. */
function needed(graph: GraphProto, wanted: readonly string[]): Set<NodeProto> {
  const producer = new Map<string, NodeProto>();
  for (const node of graph.node) for (const out of node.output) producer.set(out, node);
  const keep = new Set<NodeProto>();
  const queue = [...wanted];
  while (queue.length) {
    const node = producer.get(queue.pop()!);
    if (!node || keep.has(node)) continue;
    keep.add(node);
    queue.push(...node.input.filter((n) => n !== ''));
  }
  return keep;
}

/** `nodes` plus the constant-only nodes they read, in graph order. */
function withConstants(graph: GraphProto, nodes: Set<NodeProto>, reach: Map<NodeProto, Reach>): NodeProto[] {
  const producer = new Map<string, NodeProto>();
  for (const node of graph.node) for (const out of node.output) producer.set(out, node);
  const all = new Set(nodes);
  const queue = [...nodes];
  while (queue.length) {
    for (const name of queue.pop()!.input) {
      const node = producer.get(name);
      if (node && reach.get(node) === Reach.Constant && !all.has(node)) {
        all.add(node);
        queue.push(node);
      }
    }
  }
  return graph.node.filter((n) => all.has(n));
}

const untypedValue = (name: string) => create(ValueInfoProtoSchema, { name });

function typedValue(name: string, type: CutElementType): ValueInfoProto {
  // Rank and sizes are left to the runtime: it knows them from the tensor it is given.
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, {
      value: { case: 'tensorType', value: create(TypeProto_TensorSchema, { elemType: DATA_TYPES[type] }) },
    }),
  });
}

/** A model of `nodes` only, reading `inputs` and giving `outputs`; initializers and value infos trimmed to what it uses. */
function partModel(model: ModelProto, nodes: NodeProto[], inputs: ValueInfoProto[], outputs: ValueInfoProto[]): Uint8Array {
  const graph = model.graph!;
  const read = new Set(nodes.flatMap((n) => n.input));
  const ends = new Set([...inputs, ...outputs].map((v) => v.name));
  const part = create(ModelProtoSchema, {
    ...model,
    graph: create(GraphProtoSchema, {
      ...graph,
      node: nodes,
      initializer: graph.initializer.filter((t) => read.has(t.name)),
      sparseInitializer: graph.sparseInitializer.filter((t) => t.values && read.has(t.values.name)),
      input: inputs,
      output: outputs,
      valueInfo: graph.valueInfo.filter((v) => read.has(v.name) && !ends.has(v.name)),
    }),
  });
  return toBinary(ModelProtoSchema, part);
}

/**
 * Splits the model by the graph inputs the levers move, for the outputs wanted. Undefined when
 * there is nothing to compute once (every path to an output reads a moved input, as with one packed
 * `float_input` tensor that a lever reaches) or when the graph has subgraphs: then it runs whole.
 */
export function splitByLevers(bytes: Uint8Array, movedInputs: readonly string[], wanted: readonly string[]): LeverSplit | undefined {
  const model = parseOnnx(bytes);
  const graph = model.graph!;
  const reach = reachOfNodes(graph, new Set(movedInputs));
  if (!reach) return undefined;
  const keep = needed(graph, wanted);
  const onceNodes = new Set([...keep].filter((n) => reach.get(n) === Reach.Tape));
  const moveNodes = new Set([...keep].filter((n) => reach.get(n) === Reach.Lever));
  if (onceNodes.size === 0) return undefined;
  const constants = new Set(graph.initializer.map((t) => t.name));
  const graphInputs = graph.input.filter((i) => !constants.has(i.name));
  const inputsOf = (nodes: NodeProto[]) => {
    const read = new Set(nodes.flatMap((n) => n.input));
    return graphInputs.filter((i) => read.has(i.name));
  };
  const moveRead = new Set([...moveNodes].flatMap((n) => n.input));
  const wantedSet = new Set(wanted);
  const cut = [...onceNodes].flatMap((n) => n.output).filter((name) => moveRead.has(name) || wantedSet.has(name));

  const once = withConstants(graph, onceNodes, reach);
  const onceInputs = inputsOf(once);
  const split: LeverSplit = {
    once: {
      bytes: partModel(model, once, onceInputs, cut.map(untypedValue)),
      inputs: onceInputs.map((i) => i.name),
      outputs: cut,
    },
    perMoveInputs: [],
    nodes: { once: onceNodes.size, perMove: moveNodes.size },
  };
  if (moveNodes.size === 0) return split;
  const perMove = withConstants(graph, moveNodes, reach);
  const direct = inputsOf(perMove);
  split.perMoveInputs = direct.map((i) => i.name);
  const outputs = graph.output.filter((o) => wantedSet.has(o.name) && !cut.includes(o.name));
  const fromMove = new Set(perMove.flatMap((n) => n.output));
  // A wanted value that is not a graph output (a ZipMap's input made readable) is declared as one.
  for (const name of wanted) if (fromMove.has(name) && !outputs.some((o) => o.name === name)) outputs.push(untypedValue(name));
  const cutRead = cut.filter((name) => moveRead.has(name));
  split.perMove = (cutTypes) => {
    const inputs = [...direct, ...cutRead.map((name) => typedValue(name, cutTypes[name]!))];
    return { bytes: partModel(model, perMove, inputs, outputs), inputs: inputs.map((i) => i.name), outputs: outputs.map((o) => o.name) };
  };
  return split;
}
