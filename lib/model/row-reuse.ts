/**
 * Scoring again only the loans a lever step moved across a tree's split point. A tree model's PD for a
 * loan depends on its inputs only through each value's place among the thresholds it is compared with
 * (lib/onnx/split-points): a loan whose every value keeps its place keeps its PD, bit for bit. A rate
 * step of 25 bp moves about half the loans of the Lending Club tape across a threshold of the shared
 * gradient-boosted and XGBoost models; the other half are not handed to the runtime again.
 *
 * What is kept is the last run's values and PDs for a tape of that many rows; a row is compared
 * value by value, so nothing depends on which tape or lever it was: only on the numbers.
 */
import type { SplitPoints } from '../onnx';

/** The place of NaN: its own, since a tree sends a missing value its own way. */
const NAN_PLACE = 0xffffffff;

/**
 * A value's place among ascending thresholds: 2k when k thresholds are below it and none equals it,
 * 2k+1 when it equals the (k+1)-th. Two values with the same place compare alike with every threshold
 * (<, ≤, ≥, >, =, ≠).
 */
export function placeAmong(thresholds: Float64Array, value: number): number {
  if (Number.isNaN(value)) return NAN_PLACE;
  let below = 0;
  let above = thresholds.length;
  while (below < above) {
    const mid = (below + above) >>> 1;
    if (thresholds[mid]! < value) below = mid + 1;
    else above = mid;
  }
  return 2 * below + (thresholds[below] === value ? 1 : 0);
}

interface ScoredRun {
  rows: number;
  /** The values scored, a copy: the caller's arrays may change after the run. */
  values: Float32Array;
  pd: Float32Array;
}

/** Which rows to score this run, and how to put their PDs with the kept ones. */
export interface RowsToScore {
  /** The rows to score, ascending; 'all' when no run of this many rows is kept. */
  rows: Uint32Array | 'all';
  /** Every row's PD in order, from the PDs of `rows` (in that order). */
  complete(scored: Float32Array): Float32Array;
}

/** Runs kept: a big book's slice and the sample that previews it take turns on one model instance. */
const KEPT_RUNS = 2;

export function rowReuse(points: SplitPoints) {
  let kept: ScoredRun[] = [];
  const read = points.thresholds.flatMap((t, j) => (t ? [{ j, thresholds: t }] : []));

  const keep = (run: ScoredRun, replacing?: ScoredRun) => {
    kept = [run, ...kept.filter((k) => k !== replacing)].slice(0, KEPT_RUNS);
    // The kept PDs stay here: the ones handed out may be transferred to another thread.
    return run.pd.slice();
  };

  /** The rows of `values` ([rows, width], row-major) to score, against the last run of as many rows. */
  return function rowsToScore(values: Float32Array, rows: number): RowsToScore {
    const last = kept.find((k) => k.rows === rows && k.values.length === values.length);
    const copy = values.slice();
    if (!last || rows === 0) return { rows: 'all', complete: (pd) => keep({ rows, values: copy, pd }) };
    const width = values.length / rows;
    const moved: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (const { j, thresholds } of read) {
        const at = i * width + j;
        const value = values[at]!;
        const before = last.values[at]!;
        // Equal values (NaN is never equal: it is placed, and NaN's place is its own) need no search.
        if (value === before || placeAmong(thresholds, value) === placeAmong(thresholds, before)) continue;
        moved.push(i);
        break;
      }
    }
    const movedRows = Uint32Array.from(moved);
    return {
      rows: movedRows,
      complete(scored) {
        const pd = last.pd.slice();
        movedRows.forEach((row, k) => (pd[row] = scored[k]!));
        return keep({ rows, values: copy, pd }, last);
      },
    };
  };
}

/** Rows `rows` of a row-major [n, width] matrix, as a [rows.length, width] one. */
export function gatherRows(values: Float32Array, width: number, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, k) => out.set(values.subarray(row * width, (row + 1) * width), k * width));
  return out;
}
