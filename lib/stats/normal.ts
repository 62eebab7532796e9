// The standard normal CDF by Cody's ANORM, the quantile by Wichura's AS 241 (below). Tested in normal.test.ts.

// W. J. Cody, "Algorithm 715: SPECFUN", ACM TOMS 19(1), 1993 (ANORM; the rational Chebyshev
// approximations of Cody, Math. Comp. 23, 1969), as R's pnorm evaluates it: good to about 1 part in
// 10^16 in either tail. Each coefficient is the double its 20 printed digits denote. Written here
// rather than taken from @stdlib, whose Φ is erfc on a JavaScript exponential: twice as long (every
// lever move takes one per loan for capital, and the unemployment lever one more), and off by 1e-14
// of Φ(−10) and 4e-14 of Φ(−20) where this is within an ulp or two.

const SQRT_32 = 5.656854248;
const INV_SQRT_2PI = 0.3989422804014327;

/** |x| ≤ 0.66291: Φ(x) − ½ = x · A(x²)/B(x²). */
const centre = (x: number, s: number): number =>
  (x * ((((0.06568233791820745 * s + 2.2352520354606837) * s + 161.02823106855587) * s + 1067.6894854603709) * s + 18154.98125334356)) /
  ((((s + 47.202581904688245) * s + 976.0985517377767) * s + 10260.932208618979) * s + 45507.78933502673);

/** 0.66291 < y ≤ √32: Φ(−y) · e^(y²/2) = C(y)/D(y). */
const middle = (y: number): number =>
  ((((((((1.0765576773720192e-8 * y + 0.39894151208813466) * y + 8.883149794388377) * y + 93.50665613217785) * y + 597.2702763948002) * y +
    2494.5375852903726) *
    y +
    6848.190450536283) *
    y +
    11602.65143764735) *
    y +
    9842.714838383978) /
  ((((((((y + 22.266688044328117) * y + 235.387901782625) * y + 1519.3775994075547) * y + 6485.558298266761) * y + 18615.571640885097) * y +
    34900.95272114598) *
    y +
    38912.00328609327) *
    y +
    19685.429676859992);

/** y > √32: Φ(−y) · e^(y²/2) = (1/√(2π) − s · P(s)/Q(s)) / y, s = 1/y². */
const far = (y: number): number => {
  const s = 1 / (y * y);
  const ratio =
    (s *
      (((((0.023073441764940174 * s + 0.215898534057957) * s + 0.12740116116024736) * s + 0.022235277870649807) * s +
        0.0014216191932278934) *
        s +
        0.000029112874951168793)) /
    (((((s + 1.284260096144911) * s + 0.4682382124808651) * s + 0.06598813786892856) * s + 0.0037823963320275824) * s +
      0.00007297515550839662);
  return (INV_SQRT_2PI - ratio) / y;
};

/** e^(−y²/2), with y² split at a multiple of 1/16 so the square loses no digits (Cody's device). */
function gaussianFactor(y: number): number {
  const rounded = Math.trunc(y * 16) / 16;
  const rest = (y - rounded) * (y + rounded);
  return Math.exp(-rounded * rounded * 0.5) * Math.exp(-rest * 0.5);
}

/** Φ(x): standard normal cumulative distribution function. */
export function normalCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.66291) return 0.5 + centre(x, x * x);
  if (!(y <= 40)) return Number.isNaN(x) ? x : x > 0 ? 1 : 0; // beyond 40, Φ(−y) is below the smallest double
  const lower = gaussianFactor(y) * (y <= SQRT_32 ? middle(y) : far(y));
  return x > 0 ? 1 - lower : lower;
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
