/**
 * Confidence intervals for AUC, Gini and KS by a stratified bootstrap. A resample is held as
 * how many times each row was drawn, so one sort of the scores serves every resample.
 */
import seedrandom from 'seedrandom';
import { auc, ks, scoreOrder } from './measures';

export interface BootstrapOptions {
  resamples: number;
  seed: string;
  /** Two-sided coverage of the percentile interval, e.g. 0.95. */
  level: number;
  /**
   * Loans drawn per resample when fewer than the tape has (an m-out-of-n bootstrap, Bickel, Götze &
   * van Zwet 1997): each resample draws this many, in the tape's class proportions, and the spread of
   * the resampled measures around the tape's own is narrowed by √(m/n), the 1/√n rate of AUC and KS.
   * It bounds the work on a million-loan tape; absent, every resample draws the whole tape.
   */
  drawsPerResample?: number;
}

export interface DiscriminationIntervals {
  level: number;
  resamples: number;
  /** Loans drawn per resample (the tape's size unless fewer were asked). */
  draws: number;
  auc: [number, number];
  gini: [number, number];
  ks: [number, number];
}

/** Row indices grouped by equal score, groups in ascending score order. */
export function tieGroups(scores: ArrayLike<number>, order = scoreOrder(scores)): number[][] {
  const groups: number[][] = [];
  for (const i of order) {
    const last = groups[groups.length - 1];
    if (last && scores[last[0]!] === scores[i]) last.push(i);
    else groups.push([i]);
  }
  return groups;
}

/**
 * AUC (ties one half) and KS with each row counted `weights[i]` times: the same answers as `auc`
 * and `ks` on the tape with every row repeated that often, in one pass over the sorted scores.
 */
export function weightedAucKs(groups: readonly (readonly number[])[], labels: ArrayLike<number>, weights: ArrayLike<number>) {
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives += weights[i]!;
    else negatives += weights[i]!;
  }
  let pairsWon = 0;
  let positivesBelow = 0;
  let negativesBelow = 0;
  let ks = 0;
  for (const group of groups) {
    let p = 0;
    let n = 0;
    for (const i of group) {
      if (labels[i] === 1) p += weights[i]!;
      else n += weights[i]!;
    }
    pairsWon += p * (negativesBelow + n / 2);
    positivesBelow += p;
    negativesBelow += n;
    ks = Math.max(ks, Math.abs(positivesBelow / positives - negativesBelow / negatives));
  }
  return { auc: pairsWon / (positives * negatives), ks };
}

/** Each row's tie group: groups numbered in ascending score order. */
export function groupNumbers(scores: ArrayLike<number>, order: Uint32Array): Uint32Array {
  const groupOf = new Uint32Array(scores.length);
  let group = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && scores[order[k]!] !== scores[order[k - 1]!]) group++;
    groupOf[order[k]!] = group;
  }
  return groupOf;
}

/**
 * `weightedAucKs` for a resample of m rows of many more, in m log m: the drawn rows' (group, class)
 * keys are sorted and swept, so the rows not drawn cost nothing. The same sums in the same order.
 */
export function drawnAucKs(groupOf: Uint32Array, labels: ArrayLike<number>, drawn: Uint32Array, keys: Uint32Array) {
  let positives = 0;
  for (let k = 0; k < drawn.length; k++) {
    const i = drawn[k]!;
    const positive = labels[i] === 1 ? 1 : 0;
    positives += positive;
    keys[k] = groupOf[i]! * 2 + positive;
  }
  const negatives = drawn.length - positives;
  keys.subarray(0, drawn.length).sort(); // numeric: keys are below 2³² for up to two billion tie groups
  let pairsWon = 0;
  let positivesBelow = 0;
  let negativesBelow = 0;
  let ks = 0;
  for (let k = 0; k < drawn.length;) {
    const group = keys[k]! >>> 1;
    let p = 0;
    let n = 0;
    for (; k < drawn.length && keys[k]! >>> 1 === group; k++) {
      if ((keys[k]! & 1) === 1) p++;
      else n++;
    }
    pairsWon += p * (negativesBelow + n / 2);
    positivesBelow += p;
    negativesBelow += n;
    ks = Math.max(ks, Math.abs(positivesBelow / positives - negativesBelow / negatives));
  }
  return { auc: pairsWon / (positives * negatives), ks };
}

/** The q-quantile of sorted values, interpolated linearly between order statistics (R's type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (h - below) * (sorted[above]! - sorted[below]!);
}

/**
 * Draws the defaults and the non-defaults separately with replacement, so every resample keeps the
 * hold-out's class counts (AUC and KS are conditional on them), and reads the percentile interval
 * of each measure. Seeded, so the model card it feeds stays byte-reproducible.
 */
export function stratifiedBootstrap(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions,
  order = scoreOrder(scores),
): DiscriminationIntervals {
  return runSteps(bootstrapSteps(scores, labels, options, order));
}

/** Runs a computation written in steps to its end, at once. */
function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The bootstrap one resample at a time: a caller on a busy thread can pause between resamples, or give up. */
export function* bootstrapSteps(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions,
  order = scoreOrder(scores),
): Generator<void, DiscriminationIntervals> {
  const classes = [0, 1].map((cls) => Array.from(labels, (y, i) => (y === cls ? i : -1)).filter((i) => i >= 0));
  const n = labels.length;
  const m = Math.min(n, options.drawsPerResample ?? n);
  // Each class keeps its share of the draws (at least one loan), as the whole-tape resample keeps its count.
  const draws = classes.map((members) => (m === n ? members.length : Math.max(1, Math.round((m * members.length) / n))));
  const drawn = draws[0]! + draws[1]!;
  const whole = m === n;
  // The whole-tape resample keeps its generator (the model card's intervals are byte-reproducible); m of n uses
  // Alea, several times faster per draw, for the ten million draws of a million-loan tape.
  const rng = whole ? seedrandom(options.seed) : seedrandom.alea(options.seed);
  const groups = whole ? tieGroups(scores, order) : undefined;
  const groupOf = whole ? undefined : groupNumbers(scores, order);
  const weights = whole ? new Float64Array(n) : undefined;
  const rows = new Uint32Array(drawn);
  const keys = new Uint32Array(drawn);
  const aucs: number[] = [];
  const kss: number[] = [];
  for (let r = 0; r < options.resamples; r++) {
    weights?.fill(0);
    let k = 0;
    classes.forEach((members, c) => {
      for (let j = 0; j < draws[c]!; j++) {
        const row = members[Math.floor(rng() * members.length)]!;
        if (weights) weights[row] = weights[row]! + 1;
        else rows[k++] = row;
      }
    });
    const measured = weights ? weightedAucKs(groups!, labels, weights) : drawnAucKs(groupOf!, labels, rows, keys);
    aucs.push(measured.auc);
    kss.push(measured.ks);
    yield;
  }
  const full = whole ? undefined : { auc: auc(scores, labels, order), ks: ks(scores, labels, order) };
  /** Percentile interval; for m of n, the resampled spread around the tape's value narrowed by √(m/n). */
  const interval = (values: number[], onTape: number | undefined): [number, number] => {
    const sorted = [...values].sort((a, b) => a - b);
    const [lo, hi] = [quantile(sorted, (1 - options.level) / 2), quantile(sorted, (1 + options.level) / 2)];
    if (onTape === undefined) return [lo, hi];
    const shrink = Math.sqrt(drawn / n);
    return [onTape - shrink * (onTape - lo), onTape + shrink * (hi - onTape)];
  };
  const aucInterval = interval(aucs, full?.auc);
  return {
    level: options.level,
    resamples: options.resamples,
    draws: drawn,
    auc: aucInterval,
    // Gini = 2·AUC − 1 is increasing, so its percentiles are those of AUC transformed.
    gini: [2 * aucInterval[0] - 1, 2 * aucInterval[1] - 1],
    ks: interval(kss, full?.ks),
  };
}
