/**
 * The few distribution functions the analytics need, written out because no maintained, typed
 * package offers them small: the standard normal quantile and the Beta distribution's CDF and
 * quantile (for credible intervals of a Beta posterior).
 */

const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
];
const ACKLAM_B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
];
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACKLAM_TAIL = 0.02425;

/** Horner evaluation of c[0]·x^(k−1) + … + c[k−1]. */
function polynomial(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((total, c) => total * x + c, 0);
}

/** The lower-tail rational approximation, for p below {@link ACKLAM_TAIL}. */
function normalTailQuantile(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  return polynomial(ACKLAM_C, q) / (polynomial(ACKLAM_D, q) * q + 1);
}

/**
 * Φ⁻¹(p), the standard normal quantile, by Acklam's rational approximation (relative error
 * below 1.2·10⁻⁹), e.g. normalQuantile(0.975) = 1.959964.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  if (p < ACKLAM_TAIL) return normalTailQuantile(p);
  if (p > 1 - ACKLAM_TAIL) return -normalTailQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (polynomial(ACKLAM_A, r) * q) / (polynomial(ACKLAM_B, r) * r + 1);
}

/** The z with P(|Z| ≤ z) = confidence for a standard normal Z, e.g. 1.96 for 0.95. */
export function twoSidedZ(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must lie strictly between 0 and 1, got ${confidence}`);
  }
  return normalQuantile((1 + confidence) / 2);
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, nine terms), with reflection below ½. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let series = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

const CONTINUED_FRACTION_STEPS = 300;
const CONTINUED_FRACTION_EPSILON = 1e-15;
const TINY = 1e-300;

/** Keeps a Lentz denominator away from zero. */
function awayFromZero(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}

/** The continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes §6.4). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 / awayFromZero(1 - ((a + b) * x) / (a + 1));
  let result = d;
  for (let m = 1; m <= CONTINUED_FRACTION_STEPS; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / awayFromZero(1 + even * d);
    c = awayFromZero(1 + even / c);
    result *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / awayFromZero(1 + odd * d);
    c = awayFromZero(1 + odd / c);
    const step = d * c;
    result *= step;
    if (Math.abs(step - 1) < CONTINUED_FRACTION_EPSILON) break;
  }
  return result;
}

/** I_x(a, b), the regularized incomplete beta function: the CDF of Beta(a, b) at x. */
export function betaCdf(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`Beta needs a, b > 0, got ${a}, ${b}`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  // The fraction converges fast on the side of the mean; use symmetry on the other side.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

const BISECTION_STEPS = 200;

/**
 * The p-quantile of Beta(a, b), by bisection on its CDF (monotone, so it always converges), until
 * the bracket shrinks to neighbouring doubles.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`betaQuantile needs 0 ≤ p ≤ 1, got ${p}`);
  let low = 0;
  let high = 1;
  for (let step = 0; step < BISECTION_STEPS; step++) {
    const middle = (low + high) / 2;
    if (middle === low || middle === high) break;
    if (betaCdf(middle, a, b) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
