// Standard normal CDF from @stdlib; the quantile by Wichura's AS 241 (see below). Tested in normal.test.ts.
import cdf from '@stdlib/stats-base-dists-normal-cdf';

/** Φ(x): standard normal cumulative distribution function. */
export function normalCdf(x: number): number {
  return cdf(x, 0, 1);
}

// Wichura, "Algorithm AS 241: The Percentage Points of the Normal Distribution", Applied Statistics 37(3),
// 1988, pp. 477-484: PPND16, good to about 1 part in 10^16. Its rational functions are written out
// (Horner's rule, highest power first): twice as fast as the same coefficients read from arrays.

/** |p − ½| ≤ 0.425: q · A(r)/B(r), r = 0.180625 − q². */
const central = (q: number, r: number): number =>
  (q *
    (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
      13731.693765509461125) *
      r +
      1971.5909503065514427) *
      r +
      133.14166789178437745) *
      r +
      3.387132872796366608)) /
  (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
    5394.1960214247511077) *
    r +
    687.1870074920579083) *
    r +
    42.313330701600911252) *
    r +
    1);

/** The tail with √(−ln p) ≤ 5 (p down to about 1e-11): C(r)/D(r), r = √(−ln p) − 1.6. */
const nearTail = (r: number): number =>
  (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
    3.64784832476320460504) *
    r +
    5.7694972214606914055) *
    r +
    4.6303378461565452959) *
    r +
    1.42343711074968357734) /
  (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
    0.68976733498510000455) *
    r +
    1.6763848301838038494) *
    r +
    2.05319162663775882187) *
    r +
    1);

/** The far tail: E(r)/F(r), r = √(−ln p) − 5. */
const farTail = (r: number): number =>
  (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
    0.29656057182850489123) *
    r +
    1.7848265399172913358) *
    r +
    5.4637849111641143699) *
    r +
    6.6579046435011037772) /
  (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
    0.0148753612908506148525) *
    r +
    0.13692988092273580531) *
    r +
    0.59983220655588793769) *
    r +
    1);

/**
 * Φ⁻¹(p): standard normal quantile, by AS 241 (PPND16). Written here rather than taken from @stdlib,
 * whose quantile computes erfinv(2p − 1): the cancellation loses p's digits (a relative error near
 * 1e-8 at p = 1e-10), and it takes 3-4 times as long (a JavaScript logarithm): every lever move
 * computes one per loan for its capital.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return central(q, 0.180625 - q * q);
  const tail = q < 0 ? p : 1 - p;
  if (tail === 0) return q < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const r = Math.sqrt(-Math.log(tail));
  const z = r <= 5 ? nearTail(r - 1.6) : farTail(r - 5);
  return q < 0 ? -z : z;
}
