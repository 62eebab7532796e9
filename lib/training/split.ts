import seedrandom from 'seedrandom';

/**
 * Stratified hold-out: within each outcome class, a seeded Fisher–Yates shuffle picks
 * round(fraction · class size) rows. Returns sorted row indices of both parts.
 */
export function stratifiedSplit(labels: readonly number[], fraction: number, seed: string) {
  const rng = seedrandom(seed);
  const holdout: number[] = [];
  for (const cls of [0, 1]) {
    const idx = labels.flatMap((y, i) => (y === cls ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    holdout.push(...idx.slice(0, Math.round(fraction * idx.length)));
  }
  const inHoldout = new Set(holdout);
  return {
    train: labels.flatMap((_, i) => (inHoldout.has(i) ? [] : [i])),
    holdout: [...inHoldout].sort((a, b) => a - b),
  };
}
