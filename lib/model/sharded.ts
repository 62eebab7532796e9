/**
 * Scoring a book on several cores. onnxruntime-web's WebAssembly runs one inference at a time per
 * instance, and most of a run is spent handing the categorical (string) columns to it, so a large
 * book is split into contiguous slices, each scored by its own instance at the same time.
 */
import type { ModelInputs } from './inputs';

/** Probability of default for every loan of `inputs`, in input order. */
export type PdScorer = (inputs: ModelInputs) => Promise<Float32Array>;

const rowCount = (inputs: ModelInputs): number => Object.values(inputs)[0]?.length ?? 0;

/** Rows [from, to) of every input column, as fresh arrays (safe to transfer). */
export function sliceInputs(inputs: ModelInputs, from: number, to: number): Record<string, Float32Array | string[]> {
  return Object.fromEntries(Object.entries(inputs).map(([name, column]) => [name, column.slice(from, to)]));
}

/** Contiguous, near-equal slices [from, to) of `rows` rows, one per shard (empty slices dropped). */
export function shardBounds(rows: number, shards: number): [number, number][] {
  const size = Math.ceil(rows / shards);
  const bounds: [number, number][] = [];
  for (let from = 0; from < rows; from += size) bounds.push([from, Math.min(rows, from + size)]);
  return bounds;
}

/** Scores rows [from, to) of `inputs`: how a shard is asked, so it can keep what did not change. */
export type SliceScorer = (inputs: ModelInputs, from: number, to: number) => Promise<Float32Array>;

export const sliceScorer = (score: PdScorer): SliceScorer => (inputs, from, to) => score(sliceInputs(inputs, from, to));

/** One scorer over many: each shard scores a slice of the loans, all at once; results in input order. */
export function shardedScorer(shards: readonly SliceScorer[]): PdScorer {
  return async (inputs) => {
    const rows = rowCount(inputs);
    const bounds = shardBounds(rows, shards.length);
    const parts = await Promise.all(bounds.map(([from, to], k) => shards[k]!(inputs, from, to)));
    const pd = new Float32Array(rows);
    parts.forEach((part, k) => pd.set(part, bounds[k]![0]));
    return pd;
  };
}
