/**
 * Scoring a book on several cores. onnxruntime-web's WebAssembly runs one inference at a time per
 * instance, and most of a run is spent handing the categorical (string) columns to it, so a large
 * book is split into contiguous slices, each scored by its own instance at the same time.
 */
import { nextTask } from '../util';
import type { ModelInputs } from './inputs';

/** Probability of default for every loan of `inputs`, in input order. */
export type PdScorer = (inputs: ModelInputs) => Promise<Float32Array>;

const rowCount = (inputs: ModelInputs): number => Object.values(inputs)[0]?.length ?? 0;

/** Contiguous, near-equal slices [from, to) of `rows` rows, one per shard (empty slices dropped). */
export function shardBounds(rows: number, shards: number): [number, number][] {
  const size = Math.ceil(rows / shards);
  const bounds: [number, number][] = [];
  for (let from = 0; from < rows; from += size) bounds.push([from, Math.min(rows, from + size)]);
  return bounds;
}

/** Scores rows [from, to) of `inputs`: how a shard is asked, so it can keep what did not change. */
export type SliceScorer = (inputs: ModelInputs, from: number, to: number) => Promise<Float32Array>;

type Column = Float32Array | string[];

/**
 * A shard's slices of the input columns, kept from run to run. Inputs are never mutated once scored
 * (a shock copies a column before changing it), so the same column object over the same rows has the
 * same slice: only the shocked columns are sliced again, and `fresh` names them.
 */
export function keptSlices() {
  const kept = new Map<string, { column: ModelInputs[string]; from: number; to: number; slice: Column }>();
  return (inputs: ModelInputs, from: number, to: number): { slices: Record<string, Column>; fresh: string[] } => {
    const fresh: string[] = [];
    const slices = Object.fromEntries(
      Object.entries(inputs).map(([name, column]) => {
        const last = kept.get(name);
        if (last && last.column === column && last.from === from && last.to === to) return [name, last.slice];
        const slice = column.slice(from, to) as Column;
        kept.set(name, { column, from, to, slice });
        fresh.push(name);
        return [name, slice];
      }),
    );
    return { slices, fresh };
  };
}

/**
 * A scorer in this thread as a shard. Its run blocks the thread, so it starts on the next task: the
 * helpers' slices are sent first and scored meanwhile, not after it.
 */
export function sliceScorer(score: PdScorer): SliceScorer {
  const slicesOf = keptSlices();
  return async (inputs, from, to) => {
    await nextTask();
    return score(slicesOf(inputs, from, to).slices);
  };
}

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
