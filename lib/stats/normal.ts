// Standard normal CDF from @stdlib; the quantile by Wichura's AS 241 (see below). Tested in normal.test.ts.
import cdf from '@stdlib/stats-base-dists-normal-cdf';

/** Φ(x): standard normal cumulative distribution function. */
export function normalCdf(x: number): number {
  return cdf(x, 0, 1);
}

// Wichura, "Algorithm AS 241: The Percentage Points of the Normal Distribution", Applied Statistics 37(3),
// 1988, pp. 477-484: PPND16, good to about 1 part in 10^16. Its coefficients are printed to 20 digits;
// here each is the double those digits denote (what the longer literal parsed to). The rational
// functions are written out (Horner's rule, highest power first): twice as fast as read from arrays.

/** |p − ½| ≤ 0.425: q · A(r)/B(r), r = 0.180625 − q². */
const central = (q: number, r: number): number =>
  (q *
    (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r +
      1971.5909503065513) *
      r +
      133.14166789178438) *
      r +
      3.3871328727963665)) /
  (((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r +
    687.1870074920579) *
    r +
    42.31333070160091) *
    r +
    1);

/** The tail with √(−ln p) ≤ 5 (p down to about 1e-11): C(r)/D(r), r = √(−ln p) − 1.6. */
const nearTail = (r: number): number =>
  (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r + 3.6478483247632045) *
    r +
    5.769497221460691) *
    r +
    4.630337846156546) *
    r +
    1.4234371107496835) /
  (((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r + 0.6897673349851) *
    r +
    1.6763848301838038) *
    r +
    2.053191626637759) *
    r +
    1);

/** The far tail: E(r)/F(r), r = √(−ln p) − 5. */
const farTail = (r: number): number =>
  (((((((2.0103343992922881e-7 * r + 0.000027115555687434876) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r +
    0.29656057182850487) *
    r +
    1.7848265399172913) *
    r +
    5.463784911164114) *
    r +
    6.657904643501103) /
  (((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r + 0.000018463183175100548) * r + 0.0007868691311456133) * r +
    0.014875361290850615) *
    r +
    0.1369298809227358) *
    r +
    0.599832206555888) *
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
