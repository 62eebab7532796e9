/**
 * The PD model at run time: onnxruntime-web (WebAssembly) in the page's worker and in Node alike.
 * A model is usable only after its bytes match the card's SHA-256 and it reproduces the card's
 * reference PDs; otherwise loading fails with a `ModelVerificationError` the page shows.
 */
import * as ort from 'onnxruntime-web/wasm';
import { inspectOnnx, OnnxFormatError, splitByLevers, treeSplitPoints, withReadableProbabilities, type OnnxInspection } from '../onnx';
import { graphFeeds } from './graph-feeds';
import { graphRunner, movedGraphInputs, type ScoringPlan } from './graph-runner';
import type { ModelInputs } from './inputs';
import type { Manifest } from './manifest';
import { errorMessage } from '../util';
import { sha256Hex } from './sha256';
import { ModelVerificationError } from './verification-error';

export const SELF_TEST_TOLERANCE = 1e-5;

export { ModelVerificationError };

export interface SelfTestReport {
  rows: number;
  maxAbsDiff: number;
  tolerance: number;
}

export interface PdModel {
  sha256: string;
  plan: ScoringPlan;
  selfTest: SelfTestReport;
  /** Probability of default for every loan, in input order. */
  scorePd(inputs: ModelInputs): Promise<Float32Array>;
  release(): Promise<void>;
}

export interface RuntimeOptions {
  /** Where ort-wasm-simd-threaded.{mjs,wasm} are served (the app's own origin); omitted in Node. */
  wasmPaths?: string;
  numThreads?: number;
  /**
   * Run the whole graph on every row on every call, without computing once what no lever moves or
   * keeping a tree model's uncrossed rows: the reference the split and the reuse are tested against.
   */
  wholeGraph?: boolean;
  /** Rows per run on a big slice (default 100,000): a test makes the chunks small. */
  chunkRows?: number;
}

function configureRuntime(options: RuntimeOptions) {
  if (options.wasmPaths) ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = options.numThreads ?? 1;
  ort.env.logLevel = 'error';
}

/** The graph output the card reads, as a tensor of the (ZipMap-free) graph. */
function probabilityTensor(manifest: ScoringCard, inspection: OnnxInspection): string {
  const name = manifest.model.output.name;
  if (inspection.labelOutputs.includes(name)) {
    throw new ModelVerificationError(
      `The model card reads "${name}", which holds class labels, not probabilities: a label is never used as a PD.`,
    );
  }
  const hidden = inspection.probabilities.find((p) => p.zipMapOutput === name || p.tensor === name);
  if (hidden) return hidden.tensor;
  const outputs = inspection.outputs.map((o) => `"${o.name}"`).join(', ');
  throw new ModelVerificationError(
    `The model card reads output "${name}", but the model has no such probability output (its outputs: ${outputs}).`,
  );
}

/**
 * Column `column` (default: the last) of an [N,classes] tensor, or an [N]/[N,1] tensor as it is,
 * refused unless every value is a probability: a regression model's output is not a PD.
 */
export function probabilitiesOfDefault(data: Float32Array, dims: readonly number[], column?: number): Float32Array {
  const n = dims[0] ?? data.length;
  const width = dims.length > 1 ? dims[1]! : 1;
  const k = column ?? width - 1;
  if (k >= width) throw new ModelOutputError(`The model card reads column ${k + 1} of the output, but it has ${width}.`);
  const pd = width === 1 ? data : Float32Array.from({ length: n }, (_, i) => data[i * width + k]!);
  for (let i = 0; i < n; i++) {
    const p = pd[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new ModelOutputError(
        `The model's output is not a probability: loan ${i + 1} gives ${p} where a probability of default lies between 0 and 1. Is this a regression model, or the wrong output?`,
      );
    }
  }
  return pd;
}

/** A model answered with something that is not a probability of default. */
export class ModelOutputError extends ModelVerificationError {}

/** The card's reference loans as model inputs (null = missing). */
export function referenceInputs(manifest: Manifest): ModelInputs {
  const rows = manifest.referenceRows.map((r) => r.loan);
  return Object.fromEntries(
    manifest.inputs.map((spec) => {
      const values = rows.map((loan) => loan[spec.column]);
      if (spec.type === 'string') return [spec.name, values.map(String)];
      return [spec.name, Float32Array.from(values, (v) => (v === null || v === undefined ? Number.NaN : Number(v)))];
    }),
  );
}

/** A model that scores but has not been checked against reference PDs: how a card's reference rows are first recorded. */
export interface ScoringSession {
  sha256: string;
  /** Which part of the graph runs once per tape and which on every lever move. */
  plan: ScoringPlan;
  scorePd(inputs: ModelInputs): Promise<Float32Array>;
  release(): Promise<void>;
}

/** What scoring needs from a card: the file's hash, its output, how inputs reach the graph and which the levers move. */
export type ScoringCard = Pick<Manifest, 'model' | 'inputs' | 'assumptions'>;

export async function openScoringSession(bytes: Uint8Array, card: ScoringCard, options: RuntimeOptions = {}): Promise<ScoringSession> {
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== card.model.sha256) {
    throw new ModelVerificationError(
      `Model file ${card.model.file} has SHA-256 ${sha256.slice(0, 12)}…, but its model card expects ${card.model.sha256.slice(0, 12)}…`,
    );
  }
  let inspection: OnnxInspection;
  try {
    inspection = inspectOnnx(bytes);
  } catch (e) {
    if (e instanceof OnnxFormatError) throw new OnnxFormatError(`${card.model.file}: ${e.message}`);
    throw e;
  }
  const feeds = graphFeeds(card, inspection);
  const output = probabilityTensor(card, inspection);
  configureRuntime(options);
  // The SHA-256 above pins the user's bytes; the runtime gets them with any ZipMap removed.
  const readable = withReadableProbabilities(bytes);
  const split = options.wholeGraph ? undefined : splitByLevers(readable, movedGraphInputs(card, feeds), [output]);
  // Tree sums are bit-identical whatever the batch only on one thread: with more, big batches add partial sums in another order.
  const points = options.wholeGraph || split || (options.numThreads ?? 1) !== 1 ? undefined : treeSplitPoints(readable, output);
  const runner = await graphRunner(readable, { split, points }, feeds, output, inspection.nodeCount, options.chunkRows).catch(
    (e: unknown) => {
      const where = options.wasmPaths ? ` from ${options.wasmPaths}` : '';
      throw new Error(`The model runtime (onnxruntime-web WebAssembly${where}) could not start ${card.model.file}: ${errorMessage(e)}`);
    },
  );
  // onnxruntime-web runs one inference per session at a time; calls queue behind each other.
  let queue: Promise<unknown> = Promise.resolve();
  const scorePd = (inputs: ModelInputs): Promise<Float32Array> => {
    const run = queue.then(() =>
      runner.run(inputs, ({ data, dims }) => probabilitiesOfDefault(data as Float32Array, dims, card.model.output.defaultColumn)),
    );
    queue = run.catch(() => undefined);
    return run;
  };
  return { sha256, plan: runner.plan, scorePd, release: () => runner.release() };
}

/** Opens the model and refuses it unless it reproduces every reference PD of its card. */
export async function loadPdModel(bytes: Uint8Array, manifest: Manifest, options: RuntimeOptions = {}): Promise<PdModel> {
  const session = await openScoringSession(bytes, manifest, options);
  const pds = await session.scorePd(referenceInputs(manifest)).catch(async (e: unknown) => {
    await session.release();
    throw e;
  });
  const diffs = manifest.referenceRows.map((r, i) => Math.abs(pds[i]! - r.pd));
  const maxAbsDiff = Math.max(...diffs.map((d) => (Number.isNaN(d) ? Infinity : d)));
  if (!(maxAbsDiff <= SELF_TEST_TOLERANCE)) {
    const worst = diffs.indexOf(Math.max(...diffs));
    await session.release();
    throw new ModelVerificationError(
      `Model self-test failed: reference loan ${worst + 1} scores PD ${pds[worst]!.toFixed(6)} but the model card expects ${manifest.referenceRows[worst]!.pd.toFixed(6)} (tolerance ${SELF_TEST_TOLERANCE.toExponential(0)}).`,
    );
  }
  return { ...session, selfTest: { rows: pds.length, maxAbsDiff, tolerance: SELF_TEST_TOLERANCE } };
}
