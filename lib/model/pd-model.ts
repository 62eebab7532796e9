/**
 * The PD model at run time: onnxruntime-web (WebAssembly) in the page's worker and in Node alike.
 * A model is usable only after its bytes match the card's SHA-256 and it reproduces the card's
 * reference PDs; otherwise loading fails with a `ModelVerificationError` the page shows.
 */
import * as ort from 'onnxruntime-web/wasm';
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
  selfTest: SelfTestReport;
  /** Probability of default for every loan, in input order. */
  scorePd(inputs: ModelInputs): Promise<Float32Array>;
  release(): Promise<void>;
}

export interface RuntimeOptions {
  /** Where ort-wasm-simd-threaded.{mjs,wasm} are served (the app's own origin); omitted in Node. */
  wasmPaths?: string;
  numThreads?: number;
}

function configureRuntime(options: RuntimeOptions) {
  if (options.wasmPaths) ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = options.numThreads ?? 1;
  ort.env.logLevel = 'error';
}

function toTensors(manifest: Manifest, inputs: ModelInputs): Record<string, ort.Tensor> {
  return Object.fromEntries(
    manifest.inputs.map((spec) => {
      const data = inputs[spec.name];
      if (!data) throw new Error(`model input "${spec.name}" was not provided`);
      const tensor =
        spec.type === 'string'
          ? new ort.Tensor('string', data as string[], [data.length])
          : new ort.Tensor('float32', data as Float32Array, [data.length]);
      return [spec.name, tensor];
    }),
  );
}

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

export async function loadPdModel(bytes: Uint8Array, manifest: Manifest, options: RuntimeOptions = {}): Promise<PdModel> {
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== manifest.model.sha256) {
    throw new ModelVerificationError(
      `Model file ${manifest.model.file} has SHA-256 ${sha256.slice(0, 12)}…, but its model card expects ${manifest.model.sha256.slice(0, 12)}…`,
    );
  }
  configureRuntime(options);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }).catch((e: unknown) => {
    const where = options.wasmPaths ? ` from ${options.wasmPaths}` : '';
    throw new Error(`The model runtime (onnxruntime-web WebAssembly${where}) could not start ${manifest.model.file}: ${errorMessage(e)}`);
  });
  const output = manifest.model.output.name;
  // onnxruntime-web runs one inference per session at a time; calls queue behind each other.
  let queue: Promise<unknown> = Promise.resolve();
  const scorePd = (inputs: ModelInputs): Promise<Float32Array> => {
    const run = queue.then(async () => {
      const result = await session.run(toTensors(manifest, inputs), [output]);
      const data = result[output]!.data as Float32Array;
      for (const tensor of Object.values(result)) tensor.dispose();
      return data;
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const pds = await scorePd(referenceInputs(manifest));
  const diffs = manifest.referenceRows.map((r, i) => Math.abs(pds[i]! - r.pd));
  const maxAbsDiff = Math.max(...diffs.map((d) => (Number.isNaN(d) ? Infinity : d)));
  if (!(maxAbsDiff <= SELF_TEST_TOLERANCE)) {
    const worst = diffs.indexOf(Math.max(...diffs));
    await session.release();
    throw new ModelVerificationError(
      `Model self-test failed: reference loan ${worst + 1} scores PD ${pds[worst]!.toFixed(6)} but the model card expects ${manifest.referenceRows[worst]!.pd.toFixed(6)} (tolerance ${SELF_TEST_TOLERANCE.toExponential(0)}).`,
    );
  }
  return {
    sha256,
    selfTest: { rows: pds.length, maxAbsDiff, tolerance: SELF_TEST_TOLERANCE },
    scorePd,
    release: () => session.release(),
  };
}
