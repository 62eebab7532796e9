/**
 * Confidence intervals for AUC, Gini and KS by a stratified bootstrap. A resample is held as
 * how many times each row was drawn, so one sort of the scores serves every resample.
 */
import seedrandom from 'seedrandom';

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
export function tieGroups(scores: ArrayLike<number>): number[][] {
  const order = Array.from(scores, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
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
): DiscriminationIntervals {
  const rng = seedrandom(options.seed);
  const groups = tieGroups(scores);
  const classes = [0, 1].map((cls) => Array.from(labels, (y, i) => (y === cls ? i : -1)).filter((i) => i >= 0));
  const n = labels.length;
  const m = Math.min(n, options.drawsPerResample ?? n);
  // Each class keeps its share of the draws (at least one loan), as the whole-tape resample keeps its count.
  const draws = classes.map((members) => (m === n ? members.length : Math.max(1, Math.round((m * members.length) / n))));
  const weights = new Float64Array(n);
  const aucs: number[] = [];
  const kss: number[] = [];
  for (let r = 0; r < options.resamples; r++) {
    weights.fill(0);
    classes.forEach((members, c) => {
      for (let k = 0; k < draws[c]!; k++) {
        const drawn = members[Math.floor(rng() * members.length)]!;
        weights[drawn] = weights[drawn]! + 1;
      }
    });
    const measured = weightedAucKs(groups, labels, weights);
    aucs.push(measured.auc);
    kss.push(measured.ks);
  }
  const drawn = draws[0]! + draws[1]!;
  const full = m === n ? undefined : weightedAucKs(groups, labels, new Float64Array(n).fill(1));
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
