/**
 * How a card's inputs reach the graph, checked against what the graph declares: each feature as a
 * graph input of its own ([N] or [N,1]), or several packed in order into one [N,k] float tensor (the
 * `float_input` of skl2onnx and onnxmltools). Missing values are filled here where the card says so,
 * after any scenario shock, as an in-graph imputer would.
 */
import type { GraphTensor, OnnxInspection } from '../onnx';
import type { ModelInputs } from './inputs';
import type { Manifest, ModelInput } from './manifest';
import { ModelVerificationError } from './verification-error';

export interface GraphFeed {
  /** The graph input's name. */
  name: string;
  type: 'float32' | 'string';
  /** The card's inputs it carries, in column order (one unless packed). */
  features: ModelInput[];
  /** The graph's rank for it: 1 for [N], 2 for [N,1] or [N,k]. */
  rank: 1 | 2;
}

/** A plain tensor description, independent of the runtime. */
export interface FeedTensor {
  type: 'float32' | 'string';
  data: Float32Array | readonly string[];
  dims: number[];
}

const refuse = (message: string): never => {
  throw new ModelVerificationError(message);
};

function graphTensor(inspection: OnnxInspection, name: string): GraphTensor {
  const value = inspection.inputs.find((i) => i.name === name);
  if (!value) {
    const known = inspection.inputs.map((i) => `"${i.name}"`).join(', ');
    return refuse(`The model card feeds a graph input "${name}", but the model has no such input (its inputs: ${known}).`);
  }
  if (value.kind !== 'tensor') return refuse(`The model's input "${name}" is a ${value.kind}, not a tensor: Riskdial feeds tensors only.`);
  return value;
}

function checkFeed(feed: GraphFeed, tensor: GraphTensor): void {
  if (tensor.elementType !== feed.type) {
    refuse(`The model's input "${feed.name}" takes ${tensor.elementType}, but the model card feeds it ${feed.type}.`);
  }
  const [, width] = tensor.shape;
  if (tensor.shape.length > 2 || tensor.shape.length === 0) {
    refuse(`The model's input "${feed.name}" has shape [${tensor.shape.join(',')}]: Riskdial feeds [N], [N,1] or [N,k] tensors.`);
  }
  const columns = feed.features.length;
  if (tensor.shape.length === 1 && columns > 1)
    refuse(`The model's input "${feed.name}" is one column, but the card packs ${columns} features into it.`);
  if (typeof width === 'number' && width !== columns) {
    refuse(
      `The model's input "${feed.name}" takes ${width} columns, but the model card lists ${columns} (${feed.features.map((f) => f.name).join(', ')}).`,
    );
  }
}

/** The graph inputs and what feeds each, or one refusal naming every input that does not fit. */
export function graphFeeds(manifest: Pick<Manifest, 'model' | 'inputs'>, inspection: OnnxInspection): GraphFeed[] {
  const problems: string[] = [];
  /** Runs one check; a card that does not fit is refused once, with every problem. */
  const check = <T>(step: () => T): T | undefined => {
    try {
      return step();
    } catch (e) {
      if (!(e instanceof ModelVerificationError)) throw e;
      problems.push(e.message);
      return undefined;
    }
  };
  const byName = new Map(manifest.inputs.map((i) => [i.name, i]));
  const packed = new Set<string>();
  const groups = (manifest.model.graphInputs ?? []).map(({ name, features }) =>
    check((): GraphFeed => {
      // Listed in a group, a feature is not a graph input of its own, even where the group does not fit.
      for (const f of features) packed.add(f);
      const inputs = features.map((f) => byName.get(f) ?? refuse(`The model card packs "${f}" into "${name}", but lists no input "${f}".`));
      for (const input of inputs) {
        if (input.type !== 'float32')
          refuse(`The model card packs "${input.name}" (${input.type}) into "${name}": a packed tensor takes numbers only.`);
        packed.add(input.name);
      }
      return { name, type: 'float32', features: inputs, rank: 2 };
    }),
  );
  const feeds = groups.filter((g): g is GraphFeed => g !== undefined);
  for (const input of manifest.inputs)
    if (!packed.has(input.name)) feeds.push({ name: input.name, type: input.type, features: [input], rank: 2 });
  for (const feed of feeds) {
    check(() => {
      const tensor = graphTensor(inspection, feed.name);
      checkFeed(feed, tensor);
      feed.rank = tensor.shape.length === 1 ? 1 : 2;
    });
  }
  const fed = new Set([...feeds.map((f) => f.name), ...(manifest.model.graphInputs ?? []).map((g) => g.name)]);
  const unfed = inspection.inputs.filter((i) => !fed.has(i.name));
  if (unfed.length) {
    const names = unfed.map((i) => `"${i.name}"`).join(', ');
    problems.push(`The model needs input${unfed.length > 1 ? 's' : ''} ${names}, which the model card does not map to any column.`);
  }
  if (problems.length) refuse(problems.join(' '));
  return feeds;
}

/** NaN → the card's fill value, on a copy; the same array when nothing is filled. */
function filled(values: Float32Array, input: ModelInput): Float32Array {
  if (input.missing?.policy !== 'fill' || !values.some(Number.isNaN)) return values;
  const value = input.missing.value;
  return values.map((v) => (Number.isNaN(v) ? value : v));
}

/** The tensors for one run, in the graph's shapes. */
export function feedTensors(feeds: readonly GraphFeed[], inputs: ModelInputs): Record<string, FeedTensor> {
  const tensors: Record<string, FeedTensor> = {};
  for (const feed of feeds) {
    const columns = feed.features.map((f) => inputs[f.name] ?? refuse(`model input "${f.name}" was not provided`));
    const n = columns[0]!.length;
    if (feed.type === 'string') {
      tensors[feed.name] = { type: 'string', data: columns[0] as readonly string[], dims: feed.rank === 1 ? [n] : [n, 1] };
      continue;
    }
    const numeric = columns.map((c, k) => filled(c as Float32Array, feed.features[k]!));
    if (numeric.length === 1) {
      tensors[feed.name] = { type: 'float32', data: numeric[0]!, dims: feed.rank === 1 ? [n] : [n, 1] };
      continue;
    }
    const k = numeric.length;
    const data = new Float32Array(n * k);
    for (let j = 0; j < k; j++) {
      const column = numeric[j]!;
      for (let i = 0; i < n; i++) data[i * k + j] = column[i]!;
    }
    tensors[feed.name] = { type: 'float32', data, dims: [n, k] };
  }
  return tensors;
}
