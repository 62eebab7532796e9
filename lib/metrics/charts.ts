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

/** Loans in each PD bucket (edges: PD_BUCKET_EDGES, in percent; each row standing for its model point's weight, where the tape has weights). */
export function pdHistogram(pd: Float64Array, weight?: Float64Array): Float64Array {
  const counts = new Float64Array(PD_BUCKET_EDGES.length);
  for (let i = 0; i < pd.length; i++) {
    const pct = pd[i]! * 100;
    let k = PD_BUCKET_EDGES.length - 1;
    while (k > 0 && pct < PD_BUCKET_EDGES[k]!) k--;
    counts[k]! += weight ? weight[i]! : 1;
  }
  return counts;
}

export function pdDistribution(baseline: ArrayLike<number>, scenario: ArrayLike<number>): PdBucket[] {
  return PD_BUCKET_EDGES.map((from, k) => {
    const to = PD_BUCKET_EDGES[k + 1] ?? null;
    return {
      label: to === null ? `${from}%+` : `${from}–${to}%`,
      from,
      to,
      baselineLoans: baseline[k]!,
      scenarioLoans: scenario[k]!,
    };
  });
}
