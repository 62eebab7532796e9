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

const LAST_BUCKET = PD_BUCKET_EDGES.length - 1;
const TOP_EDGE = PD_BUCKET_EDGES[LAST_BUCKET]!;
/**
 * The bucket of each whole percent below the top edge: the edges are whole percents, so a PD's bucket
 * is its whole percent's (a look-up for each of a big book's loans on every lever move, not a scan).
 */
const BUCKET_OF_WHOLE_PERCENT = Uint8Array.from({ length: TOP_EDGE }, (_, pct) => PD_BUCKET_EDGES.findLastIndex((edge) => edge <= pct));

/** The bucket of a PD in percent: the last whose edge is at or below it (the first below 0, the open-ended one for NaN). */
function pdBucket(pct: number): number {
  if (pct < 0) return 0;
  return pct < TOP_EDGE ? BUCKET_OF_WHOLE_PERCENT[Math.floor(pct)]! : LAST_BUCKET;
}

/** Loans in each PD bucket (edges: PD_BUCKET_EDGES, in percent; each row standing for its model point's weight, where the tape has weights). */
export function pdHistogram(pd: Float64Array, weight?: Float64Array): Float64Array {
  const counts = new Float64Array(PD_BUCKET_EDGES.length);
  for (let i = 0; i < pd.length; i++) counts[pdBucket(pd[i]! * 100)]! += weight ? weight[i]! : 1;
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
