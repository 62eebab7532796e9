// Standard normal CDF and quantile from @stdlib (tested against published tables in normal.test.ts).
import cdf from '@stdlib/stats-base-dists-normal-cdf';
import quantile from '@stdlib/stats-base-dists-normal-quantile';

/** Φ(x): standard normal cumulative distribution function. */
export function normalCdf(x: number): number {
  return cdf(x, 0, 1);
}

/** Φ⁻¹(p): standard normal quantile. */
export function normalQuantile(p: number): number {
  return quantile(p, 0, 1);
}
