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

/** Loans per PD bucket (edges: PD_BUCKET_EDGES, in percent). */
export function pdHistogram(pd: Float64Array): Uint32Array {
  const counts = new Uint32Array(PD_BUCKET_EDGES.length);
  for (let i = 0; i < pd.length; i++) {
    const pct = pd[i]! * 100;
    let k = PD_BUCKET_EDGES.length - 1;
    while (k > 0 && pct < PD_BUCKET_EDGES[k]!) k--;
    counts[k]!++;
  }
  return counts;
}

export function pdDistribution(baseline: Uint32Array, scenario: Uint32Array): PdBucket[] {
  return PD_BUCKET_EDGES.map((from, k) => {
    const to = PD_BUCKET_EDGES[k + 1] ?? null;
    return {
      label: to === null ? `${from}%+` : `${from}–${to}%`, from, to, baselineLoans: baseline[k]!, scenarioLoans: scenario[k]!,
    };
  });
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

/**
 * Approval rate against expected bad rate as the cut-off moves (the "strategy curve"). One pass:
 * each loan is counted in the first grid cut-off that approves it, then counts are accumulated.
 */
export function cutoffCurve(pd: Float64Array): CutoffPoint[] {
  const limits = CUTOFF_GRID.map((c) => c / 100);
  const count = new Float64Array(limits.length);
  const sum = new Float64Array(limits.length);
  for (let i = 0; i < pd.length; i++) {
    const p = pd[i]!;
    let lo = 0;
    let hi = limits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p <= limits[mid]!) hi = mid;
      else lo = mid + 1;
    }
    if (lo < limits.length) {
      count[lo]!++;
      sum[lo]! += p;
    }
  }
  let approved = 0;
  let pdSum = 0;
  return CUTOFF_GRID.map((cutoff, k) => {
    approved += count[k]!;
    pdSum += sum[k]!;
    return { cutoff, approvalRate: pd.length ? approved / pd.length : 0, expectedBadRate: approved ? pdSum / approved : 0 };
  });
}
