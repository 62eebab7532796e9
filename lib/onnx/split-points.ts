/**
 * Where a tree ensemble can tell two loans apart. A tree model reads its inputs only by comparing
 * them with its split thresholds, so two values that fall between the same thresholds (and equal
 * the same one, if any) take every tree down the same path: the same leaves, the same sum, the same
 * probability, bit for bit. A lever step that moves a loan's rate without crossing a threshold leaves
 * its PD as it was, and the runtime need not score it again (lib/model/row-reuse).
 *
 * This holds only for graphs where it can be seen to hold: one [N,k] float input read by
 * TreeEnsembleClassifier/TreeEnsembleRegressor nodes alone, whose output reaches the probability
 * through element-wise or row-wise nodes only. Any other graph gets no split points, and every
 * loan is scored on every move, as before.
 */
import type { AttributeProto, NodeProto } from 'onnx-buf';
import { parseOnnx } from './inspect';

/** The thresholds each column of the model's one input is compared with. */
export interface SplitPoints {
  /** The graph input: a float tensor [N,k]. */
  input: string;
  /**
   * Per column (feature id), its distinct thresholds in ascending order; null where no tree reads it
   * (and so every column past the last one read).
   * A column read only against NaN thresholds has none: it still tells a missing value from a number.
   */
  thresholds: (Float64Array | null)[];
}

const TREE_NODES = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor']);
/** Comparisons that a value's place among the sorted thresholds decides. */
const BRANCH_MODES = new Set(['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ']);
/** Nodes after the trees that treat each row on its own whatever their inputs' values. */
const ROW_WISE = new Set(['Identity', 'Cast', 'Sigmoid', 'Softmax']);

const decoder = new TextDecoder();
const MAX_COLUMNS = 100_000;
const attribute = (node: NodeProto, name: string): AttributeProto | undefined => node.attribute.find((a) => a.name === name);

/** Softmax across the classes of a row ([N,classes], axis 1 or -1 or the default), not across rows. */
function isRowWise(node: NodeProto): boolean {
  if (!ROW_WISE.has(node.opType) || node.domain !== '') return false;
  if (node.opType !== 'Softmax') return true;
  const axis = attribute(node, 'axis');
  return axis === undefined || axis.i === 1n || axis.i === -1n;
}

/** The tree's output that reaches the probability row by row: a classifier's scores ([N,classes]), not its labels ([N]). */
const ROW_OUTPUT: Record<string, number> = { TreeEnsembleClassifier: 1, TreeEnsembleRegressor: 0 };

/** Adds each feature's thresholds in one tree node; false when the node compares in a way the split points cannot follow. */
function treeThresholds(node: NodeProto, width: number, into: (Set<number> | null)[]): boolean {
  if (node.domain !== 'ai.onnx.ml' || !TREE_NODES.has(node.opType) || attribute(node, 'nodes_values_as_tensor')) return false;
  const features = attribute(node, 'nodes_featureids')?.ints ?? [];
  const modes = (attribute(node, 'nodes_modes')?.strings ?? []).map((s) => decoder.decode(s));
  const values = attribute(node, 'nodes_values')?.floats ?? [];
  if (features.length !== modes.length || values.length !== modes.length) return false;
  for (let i = 0; i < modes.length; i++) {
    if (modes[i] === 'LEAF') continue;
    if (!BRANCH_MODES.has(modes[i]!)) return false;
    const feature = Number(features[i]);
    if (!(feature >= 0 && feature < width)) return false;
    const column = (into[feature] ??= new Set());
    // A NaN threshold compares false with every number (NEQ: true), but a missing value may take the true branch.
    if (!Number.isNaN(values[i]!)) column.add(values[i]!);
  }
  return true;
}

/** The split points of a tree model for the output `wanted`, or undefined when the graph is not one whose loans they separate. */
export function treeSplitPoints(bytes: Uint8Array, wanted: string): SplitPoints | undefined {
  const graph = parseOnnx(bytes).graph!;
  const constants = new Set(graph.initializer.map((t) => t.name));
  const inputs = graph.input.filter((i) => !constants.has(i.name));
  if (inputs.length !== 1) return undefined;
  const input = inputs[0]!;
  const type = input.type?.value;
  if (type?.case !== 'tensorType' || type.value.elemType !== 1 /* FLOAT */ || type.value.shape?.dim.length !== 2) return undefined;
  const columns = type.value.shape.dim[1]!.value;
  // A symbolic width: the feature ids are bounded by what a tape can hold, as a guard against a corrupt file.
  const width = columns.case === 'dimValue' ? Number(columns.value) : MAX_COLUMNS;
  const producer = new Map<string, NodeProto>();
  for (const node of graph.node) for (const out of node.output) producer.set(out, node);
  const thresholds: (Set<number> | null)[] = [];
  // Walk back from the wanted output: every node on the way is row-wise, down to trees reading the input alone.
  const seen = new Set<string>();
  const queue = [wanted];
  while (queue.length) {
    const name = queue.pop()!;
    if (constants.has(name) || seen.has(name)) continue;
    seen.add(name);
    if (name === input.name) return undefined; // the input reaches the output other than through a tree
    const node = producer.get(name);
    if (!node) return undefined;
    if (TREE_NODES.has(node.opType)) {
      if (node.output.indexOf(name) !== ROW_OUTPUT[node.opType]) return undefined;
      if (node.input.length !== 1 || node.input[0] !== input.name || !treeThresholds(node, width, thresholds)) return undefined;
    } else if (isRowWise(node)) {
      queue.push(...node.input.filter((n) => n !== ''));
    } else return undefined;
  }
  if (thresholds.length === 0) return undefined;
  return { input: input.name, thresholds: Array.from(thresholds, (set) => (set ? Float64Array.from(set).sort() : null)) };
}
