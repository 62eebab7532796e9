/**
 * Running a model's graph on the runtime: whole, or split by what the levers move (lib/onnx/split).
 * Split, the once part runs when the still columns change (a new tape, a new slice) and its results
 * are kept; a lever move runs only the per-move part on the moved columns and the kept results.
 */
import * as ort from 'onnxruntime-web/wasm';
import { isCutElementType, type CutElementType, type LeverSplit, type SplitPoints } from '../onnx';
import { feedTensors, type FeedTensor, type GraphFeed } from './graph-feeds';
import type { ModelInputs } from './inputs';
import type { Manifest } from './manifest';
import { gatherRows, rowReuse } from './row-reuse';

/** Which part of the graph runs when: what the tests check, and what to read when a brought model is slow to move. */
export interface ScoringPlan {
  /** 'split': nodes no lever reaches run once per tape; 'whole': every node runs on every move. */
  kind: 'split' | 'whole';
  /** Graph nodes run once per tape, and on every lever move. */
  onceNodes: number;
  perMoveNodes: number;
  /** The graph inputs read by the once part only: handed to the runtime once per tape. */
  readOnce: string[];
  /**
   * A tree model's loans whose values cross none of its split points since the last run keep their PD
   * and are not scored again (lib/model/row-reuse).
   */
  keepsUncrossedRows: boolean;
}

/** The probability tensor of one run, read into PDs by the caller. */
type ReadOutput = (tensor: { data: ort.Tensor['data']; dims: readonly number[] }) => Float32Array;

export interface GraphRunner {
  plan: ScoringPlan;
  run(inputs: ModelInputs, read: ReadOutput): Promise<Float32Array>;
  release(): Promise<void>;
}

/** The graph inputs a lever reaches: those carrying a card input that a scale or shift channel names. */
export function movedGraphInputs(card: Pick<Manifest, 'assumptions'>, feeds: readonly GraphFeed[]): string[] {
  const moved = new Set(
    card.assumptions.flatMap(({ channel }) => (channel.kind === 'scale-inputs' || channel.kind === 'shift-inputs' ? channel.inputs : [])),
  );
  return feeds.filter((f) => f.features.some((input) => moved.has(input.name))).map((f) => f.name);
}

const toTensors = (feeds: readonly GraphFeed[], inputs: ModelInputs) => runtimeTensors(feedTensors(feeds, inputs));

function runtimeTensors(tensors: Record<string, FeedTensor>): Record<string, ort.Tensor> {
  return Object.fromEntries(
    Object.entries(tensors).map(([name, t]) => [
      name,
      t.type === 'string'
        ? new ort.Tensor('string', t.data as string[], t.dims)
        : new ort.Tensor('float32', t.data as Float32Array, t.dims),
    ]),
  );
}

/**
 * Rows per run on a big slice: a run's tensors live in the runtime's WebAssembly memory, which never
 * shrinks, so it peaks at one chunk's, not at a slice's (half a million-loan book on two cores).
 */
export const CHUNK_ROWS = 100_000;

const rowsOf = (inputs: ModelInputs) => Object.values(inputs)[0]?.length ?? 0;

/** The inputs' rows [from, to), as views (strings: a slice). */
const rowSlice = (inputs: ModelInputs, from: number, to: number): ModelInputs =>
  Object.fromEntries(
    Object.entries(inputs).map(([name, column]) => [
      name,
      column instanceof Float32Array ? column.subarray(from, to) : column.slice(from, to),
    ]),
  );

/** Concatenates tensors of equal type and trailing dimensions along their first (row) axis. */
function concatRows(parts: ort.Tensor[]): ort.Tensor {
  const first = parts[0]!;
  const rows = parts.reduce((n, t) => n + t.dims[0]!, 0);
  const dims = [rows, ...first.dims.slice(1)];
  if (first.type === 'string')
    return new ort.Tensor(
      'string',
      parts.flatMap((t) => t.data as string[]),
      dims,
    );
  const data = new (first.data.constructor as new (n: number) => ort.Tensor['data'] & { set(a: ArrayLike<unknown>, at: number): void })(
    parts.reduce((n, t) => n + t.data.length, 0),
  );
  let at = 0;
  for (const t of parts) {
    data.set(t.data as ArrayLike<unknown>, at);
    at += t.data.length;
  }
  return new ort.Tensor(first.type as 'float32', data as Float32Array, dims);
}

/**
 * The once part on a big slice, a hundred thousand rows at a time, its outputs put back together:
 * the runtime's memory peaks at one chunk's strings, not the slice's. Only where every output has a
 * row per input row (true of encodings, one-hot and scaling); otherwise in one run.
 */
async function runInRowChunks(session: ort.InferenceSession, feeds: readonly GraphFeed[], inputs: ModelInputs, chunkRows: number) {
  const rows = rowsOf(inputs);
  if (rows <= chunkRows) return session.run(toTensors(feeds, inputs));
  const parts: ort.InferenceSession.OnnxValueMapType[] = [];
  for (let from = 0; from < rows; from += chunkRows) {
    const to = Math.min(rows, from + chunkRows);
    const part = await session.run(toTensors(feeds, rowSlice(inputs, from, to)));
    if (Object.values(part).some((t) => (t as ort.Tensor).dims[0] !== to - from)) return session.run(toTensors(feeds, inputs));
    parts.push(part);
  }
  return Object.fromEntries(Object.keys(parts[0]!).map((name) => [name, concatRows(parts.map((p) => p[name] as ort.Tensor))]));
}

/** A feed's rows [from, to): a view of its data (strings: a slice). */
function tensorRows(t: ort.Tensor, from: number, to: number): ort.Tensor {
  const width = t.data.length / t.dims[0]!;
  const dims = [to - from, ...t.dims.slice(1)];
  if (t.type === 'string') return new ort.Tensor('string', (t.data as string[]).slice(from * width, to * width), dims);
  return new ort.Tensor(t.type as 'float32', (t.data as Float32Array).subarray(from * width, to * width), dims);
}

/** One run's output read into PDs; the runtime's tensors let go at once. */
async function readRun(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, output: string, read: ReadOutput) {
  const result = await session.run(feeds, [output]);
  try {
    return read(result[output]!);
  } finally {
    for (const t of Object.values(result)) t.dispose();
  }
}

/**
 * A run on a big slice, `chunkRows` rows at a time, the PDs put back together: the same PDs (a row's
 * score never depends on another row's), in a fraction of the runtime's memory. Where a feed is not
 * one row per loan, in one run.
 */
async function runInRows(
  session: ort.InferenceSession,
  feeds: Record<string, ort.Tensor>,
  output: string,
  read: ReadOutput,
  chunkRows: number,
) {
  const tensors = Object.values(feeds);
  const rows = tensors[0]?.dims[0] ?? 0;
  if (rows <= chunkRows || tensors.some((t) => t.dims[0] !== rows)) return readRun(session, feeds, output, read);
  const pd = new Float32Array(rows);
  for (let from = 0; from < rows; from += chunkRows) {
    const to = Math.min(rows, from + chunkRows);
    const chunk = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, tensorRows(t, from, to)]));
    // A chunk refused (an output that is not a probability names its loan by row): run whole, so the message names the slice's row.
    const part = await readRun(session, chunk, output, read).catch(() => undefined);
    if (part?.length !== to - from) return readRun(session, feeds, output, read);
    pd.set(part, from);
  }
  return pd;
}

const createSession = (bytes: Uint8Array) => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });

async function wholeRunner(
  bytes: Uint8Array,
  feeds: readonly GraphFeed[],
  output: string,
  nodes: number,
  points: SplitPoints | undefined,
  chunkRows: number,
): Promise<GraphRunner> {
  const session = await createSession(bytes);
  const runOn = (tensors: Record<string, FeedTensor>, read: ReadOutput) =>
    runInRows(session, runtimeTensors(tensors), output, read, chunkRows);
  const rowsToScore = points && rowReuse(points);
  return {
    plan: { kind: 'whole', onceNodes: 0, perMoveNodes: nodes, readOnce: [], keepsUncrossedRows: rowsToScore !== undefined },
    async run(inputs, read) {
      const tensors = feedTensors(feeds, inputs);
      const packed = points && tensors[points.input];
      if (!rowsToScore || packed?.type !== 'float32' || packed.dims.length !== 2) return runOn(tensors, read);
      const values = packed.data as Float32Array;
      const [rows, width] = packed.dims as [number, number];
      const plan = rowsToScore(values, rows);
      if (plan.rows === 'all') return plan.complete(await runOn(tensors, read));
      if (plan.rows.length === 0) return plan.complete(new Float32Array(0));
      const moved = { type: 'float32' as const, data: gatherRows(values, width, plan.rows), dims: [plan.rows.length, width] };
      const scored = await runOn({ [points.input]: moved }, read).catch(async (e: unknown) => {
        // A refusal names a loan by its row: scored again whole, it names the tape's row, not the moved ones'.
        await runOn(tensors, read);
        throw e;
      });
      return plan.complete(scored);
    },
    release: () => session.release(),
  };
}

/** The card inputs a set of feeds carries, as the objects given: equal objects, equal results. */
const columnsOf = (feeds: readonly GraphFeed[], inputs: ModelInputs) => feeds.flatMap((f) => f.features.map((x) => inputs[x.name]));
const KEPT_TAPES = 2;
const sameColumns = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((c, k) => c === b[k]);

async function splitRunner(split: LeverSplit, feeds: readonly GraphFeed[], output: string, chunkRows: number): Promise<GraphRunner> {
  const once = await createSession(split.once.bytes);
  const onceFeeds = feeds.filter((f) => split.once.inputs.includes(f.name));
  // Two tapes' cut values are kept: a big book's slice and the sample that previews it take turns on this instance.
  let kept: { columns: unknown[]; cut: ort.InferenceSession.OnnxValueMapType }[] = [];
  let perMove: { session: ort.InferenceSession; feeds: GraphFeed[]; cutInputs: string[] } | undefined;

  /** The cut values for these still columns: kept from the last run while the columns are the same objects. */
  const cutFor = async (inputs: ModelInputs) => {
    const columns = columnsOf(onceFeeds, inputs);
    const hit = kept.find((k) => sameColumns(k.columns, columns));
    if (hit) {
      kept = [hit, ...kept.filter((k) => k !== hit)];
      return hit.cut;
    }
    const cut = await runInRowChunks(once, onceFeeds, inputs, chunkRows);
    kept = [{ columns, cut }, ...kept].slice(0, KEPT_TAPES);
    return cut;
  };

  const perMoveSession = async (cut: ort.InferenceSession.OnnxValueMapType) => {
    if (perMove) return perMove;
    const types: Record<string, CutElementType> = {};
    for (const [name, value] of Object.entries(cut)) {
      const type = (value as ort.Tensor).type;
      if (!isCutElementType(type))
        throw new Error(`the model's value "${name}" is a ${type} tensor, which cannot be passed between graph parts`);
      types[name] = type;
    }
    const part = split.perMove!(types);
    const session = await createSession(part.bytes);
    perMove = { session, feeds: feeds.filter((f) => part.inputs.includes(f.name)), cutInputs: part.inputs.filter((n) => n in cut) };
    return perMove;
  };

  const readOnce = split.once.inputs.filter((name) => !split.perMoveInputs.includes(name));
  return {
    plan: { kind: 'split', onceNodes: split.nodes.once, perMoveNodes: split.nodes.perMove, readOnce, keepsUncrossedRows: false },
    async run(inputs, read) {
      const cut = await cutFor(inputs);
      if (!split.perMove) {
        const tensor = cut[output] as ort.Tensor;
        // The kept tensor stays kept: the PDs handed out are a copy (they may be transferred to another thread).
        return read({ data: (tensor.data as Float32Array).slice(), dims: tensor.dims });
      }
      const part = await perMoveSession(cut);
      const fed = { ...toTensors(part.feeds, inputs), ...Object.fromEntries(part.cutInputs.map((n) => [n, cut[n] as ort.Tensor])) };
      return runInRows(part.session, fed, output, read, chunkRows);
    },
    async release() {
      await once.release();
      await perMove?.session.release();
    },
  };
}

/**
 * A runner for the model: split where some of the graph is out of the levers' reach, whole otherwise;
 * whole, a tree model with split points scores again only the loans that crossed one.
 */
export function graphRunner(
  bytes: Uint8Array,
  how: { split?: LeverSplit; points?: SplitPoints },
  feeds: readonly GraphFeed[],
  output: string,
  nodes: number,
  chunkRows = CHUNK_ROWS,
) {
  return how.split ? splitRunner(how.split, feeds, output, chunkRows) : wholeRunner(bytes, feeds, output, nodes, how.points, chunkRows);
}
