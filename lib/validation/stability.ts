/**
 * Population stability of a tape against the data a model was trained on, input by input: the
 * population stability index PSI = Σ (a − e) · ln(a / e) over bins, where e is a bin's share of the
 * training rows (the model card carries it) and a its share of the tape. A share below 0.01% counts as
 * 0.01%, so an empty bin gives a large but finite term. Usual reading: below 0.1 stable, 0.1–0.25 a
 * moderate shift, above 0.25 a significant one (Siddiqi, Credit Risk Scorecards, 2006; Yurdakul 2018).
 */
import { z } from 'zod';

export const PSI_MODERATE = 0.1;
export const PSI_SIGNIFICANT = 0.25;
const SHARE_FLOOR = 1e-4;

export const TrainingDistributionSchema = z.discriminatedUnion('kind', [
  /** Bins cut at `edges` (a value equal to an edge goes to the bin above); blanks apart. */
  z.object({ kind: z.literal('numeric'), edges: z.array(z.number()), shares: z.array(z.number()), missingShare: z.number() }),
  /** Each category's share; a category the training rows never had is its own bin, expected at the floor. */
  z.object({ kind: z.literal('categorical'), shares: z.record(z.string(), z.number()) }),
]);
export type TrainingDistribution = z.infer<typeof TrainingDistributionSchema>;

export interface InputStability {
  input: string;
  psi: number;
  reading: 'stable' | 'moderate shift' | 'significant shift';
  /** The bins that moved most, for the page: label, training share, tape share. */
  largest: { bin: string; expected: number; actual: number }[];
}

const term = (actual: number, expected: number) => {
  const a = Math.max(actual, SHARE_FLOOR);
  const e = Math.max(expected, SHARE_FLOOR);
  return (a - e) * Math.log(a / e);
};

/** The training distribution of a column: bins at its deciles, or its categories' shares. */
export function trainingDistribution(values: ArrayLike<number> | readonly string[]): TrainingDistribution {
  const n = values.length;
  if (typeof values[0] === 'string') {
    const shares: Record<string, number> = {};
    for (const v of values as readonly string[]) shares[v] = (shares[v] ?? 0) + 1 / n;
    return { kind: 'categorical', shares: Object.fromEntries(Object.entries(shares).sort(([a], [b]) => (a < b ? -1 : 1))) };
  }
  const present = Array.from(values as ArrayLike<number>)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  const edges = [...new Set(Array.from({ length: 9 }, (_, k) => present[Math.floor(((k + 1) * present.length) / 10)]!))];
  const counts = binCounts(present, edges);
  return { kind: 'numeric', edges, shares: counts.map((c) => c / n), missingShare: (n - present.length) / n };
}

function binCounts(values: Iterable<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    let bin = 0;
    while (bin < edges.length && v >= edges[bin]!) bin++;
    counts[bin]!++;
  }
  return counts;
}

const reading = (psi: number): InputStability['reading'] =>
  psi > PSI_SIGNIFICANT ? 'significant shift' : psi > PSI_MODERATE ? 'moderate shift' : 'stable';

/** PSI of one input on the tape against its training distribution. */
export function populationStability(
  input: string,
  expected: TrainingDistribution,
  values: ArrayLike<number> | readonly string[],
): InputStability {
  const n = values.length;
  const bins: { bin: string; expected: number; actual: number }[] = [];
  if (expected.kind === 'categorical') {
    const counts = new Map<string, number>();
    for (const v of values as readonly string[]) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [category, share] of Object.entries(expected.shares))
      bins.push({ bin: category, expected: share, actual: (counts.get(category) ?? 0) / n });
    for (const [category, count] of counts)
      if (!(category in expected.shares)) bins.push({ bin: `${category} (not in training)`, expected: 0, actual: count / n });
  } else {
    const numbers = Array.from(values as ArrayLike<number>);
    const counts = binCounts(numbers, expected.edges);
    const label = (k: number) =>
      k === 0
        ? `< ${expected.edges[0]}`
        : k === expected.edges.length
          ? `≥ ${expected.edges[k - 1]}`
          : `${expected.edges[k - 1]} to < ${expected.edges[k]}`;
    counts.forEach((c, k) => bins.push({ bin: label(k), expected: expected.shares[k]!, actual: c / n }));
    const missing = numbers.filter(Number.isNaN).length / n;
    if (missing > 0 || expected.missingShare > 0) bins.push({ bin: 'blank', expected: expected.missingShare, actual: missing });
  }
  const psi = bins.reduce((s, b) => s + term(b.actual, b.expected), 0);
  const largest = [...bins].sort((a, b) => term(b.actual, b.expected) - term(a.actual, a.expected)).slice(0, 3);
  return { input, psi, reading: reading(psi), largest };
}
