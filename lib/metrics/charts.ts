/** Small, chart-ready summaries of PD vectors (computed in the engine, drawn by the page). */

/** PD bucket edges in percent; the last bucket is open-ended. */
export const PD_BUCKET_EDGES = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40];

export interface PdBucket {
  /** "4–5%" */
  label: string;
  from: number;
  to: number | null;
  baselineLoans: number;
  scenarioLoans: number;
}

export function pdDistribution(baseline: Float64Array, scenario: Float64Array): PdBucket[] {
  const buckets: PdBucket[] = PD_BUCKET_EDGES.map((from, k) => {
    const to = PD_BUCKET_EDGES[k + 1] ?? null;
    return { label: to === null ? `${from}%+` : `${from}–${to}%`, from, to, baselineLoans: 0, scenarioLoans: 0 };
  });
  const bucketOf = (pd: number) => {
    const pct = pd * 100;
    let k = PD_BUCKET_EDGES.length - 1;
    while (k > 0 && pct < PD_BUCKET_EDGES[k]!) k--;
    return k;
  };
  baseline.forEach((pd) => { buckets[bucketOf(pd)]!.baselineLoans++; });
  scenario.forEach((pd) => { buckets[bucketOf(pd)]!.scenarioLoans++; });
  return buckets;
}

export interface CutoffPoint {
  /** Cut-off PD, percent. */
  cutoff: number;
  approvalRate: number;
  /** Expected bad rate of the loans approved at this cut-off. */
  expectedBadRate: number;
}

export const CUTOFF_GRID = [
  ...Array.from({ length: 60 }, (_, k) => (k + 1) * 0.5),
  35, 40, 45, 50, 60, 70, 80, 90, 100,
];

/** Approval rate against expected bad rate as the cut-off moves (the "strategy curve"). */
export function cutoffCurve(pd: Float64Array): CutoffPoint[] {
  const sorted = Float64Array.from(pd).sort();
  const prefix = new Float64Array(sorted.length + 1);
  sorted.forEach((p, i) => { prefix[i + 1] = prefix[i]! + p; });
  return CUTOFF_GRID.map((cutoff) => {
    const limit = cutoff / 100;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= limit) lo = mid + 1;
      else hi = mid;
    }
    return { cutoff, approvalRate: lo / sorted.length, expectedBadRate: lo ? prefix[lo]! / lo : 0 };
  });
}
