import jStat from 'jstat';

/**
 * Hypothesis tests and confidence intervals for comparing two groups (A/B experiments).
 * The distributions (normal, Student's t, chi-square) come from jStat; only the test statistics
 * are computed here.
 */

export interface Interval {
  low: number;
  high: number;
}

export interface Comparison {
  /** Treatment minus control. */
  difference: number;
  /** Difference divided by the control's value; undefined when the control's value is 0. */
  relative: number | undefined;
  /** Confidence interval of the difference. */
  interval: Interval;
  /** Two-sided p-value of "no difference". */
  pValue: number;
  /** The test statistic (z or t). */
  statistic: number;
}

export interface WelchComparison extends Comparison {
  /** Welch–Satterthwaite degrees of freedom. */
  degreesOfFreedom: number;
}

/** Summary of a sample: count, mean and sample standard deviation (n − 1). */
export interface SampleSummary {
  n: number;
  mean: number;
  sd: number;
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  }
}

/** Two-sided critical value of the standard normal: 1.959964 for 95 %. */
export function normalCritical(confidence = 0.95): number {
  checkConfidence(confidence);
  return jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1)));
}

/** Wald interval of a proportion, p ± z·√(p(1 − p)/n); undefined for n = 0. */
export function proportionInterval(
  successes: number,
  n: number,
  confidence = 0.95,
): Interval | undefined {
  if (n <= 0) return undefined;
  const p = successes / n;
  const half = normalCritical(confidence) * Math.sqrt((p * (1 - p)) / n);
  return { low: p - half, high: p + half };
}

/** t interval of a mean, mean ± t(n−1)·sd/√n; undefined below two values. */
export function meanInterval(sample: SampleSummary, confidence = 0.95): Interval | undefined {
  checkConfidence(confidence);
  if (sample.n < 2) return undefined;
  const t = jStat.studentt.inv(1 - (1 - confidence) / 2, sample.n - 1);
  const half = (t * sample.sd) / Math.sqrt(sample.n);
  return { low: sample.mean - half, high: sample.mean + half };
}

/**
 * Two-proportion z-test of treatment (x2 of n2) against control (x1 of n1). The statistic uses
 * the pooled proportion (the null hypothesis of equal rates); the interval of the difference uses
 * the unpooled standard error, as textbooks do. Undefined when either group is empty or the pooled
 * rate is 0 or 1 (no variation to test).
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): Comparison | undefined {
  if (n1 <= 0 || n2 <= 0) return undefined;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (pooledSe === 0) return undefined;
  const statistic = (p2 - p1) / pooledSe;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const half = normalCritical(confidence) * se;
  const difference = p2 - p1;
  return {
    difference,
    relative: p1 === 0 ? undefined : difference / p1,
    interval: { low: difference - half, high: difference + half },
    pValue: normalTwoSidedP(statistic),
    statistic,
  };
}

/**
 * Welch's unequal-variances t-test of treatment `b` against control `a`, with the
 * Welch–Satterthwaite degrees of freedom. Undefined below two values per group or when both
 * variances are 0.
 */
export function welchTTest(
  a: SampleSummary,
  b: SampleSummary,
  confidence = 0.95,
): WelchComparison | undefined {
  checkConfidence(confidence);
  if (a.n < 2 || b.n < 2) return undefined;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return undefined;
  const degreesOfFreedom = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const difference = b.mean - a.mean;
  const statistic = difference / se;
  const pValue = Math.min(1, 2 * (1 - jStat.studentt.cdf(Math.abs(statistic), degreesOfFreedom)));
  const t = jStat.studentt.inv(1 - (1 - confidence) / 2, degreesOfFreedom);
  return {
    difference,
    relative: a.mean === 0 ? undefined : difference / a.mean,
    interval: { low: difference - t * se, high: difference + t * se },
    pValue,
    statistic,
    degreesOfFreedom,
  };
}

/**
 * Holm–Bonferroni step-down adjusted p-values, in the input's order: sort ascending,
 * adjusted(i) = max over j ≤ i of min(1, (m − j)·p(j)) (0-based j).
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

export interface ChiSquareResult {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
}

/**
 * Pearson's chi-square goodness of fit of observed counts against expected proportions (weights
 * in any scale). Used for the sample-ratio-mismatch check of an experiment. Undefined without
 * observations or with fewer than two categories.
 */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  weights: readonly number[],
): ChiSquareResult | undefined {
  if (observed.length !== weights.length) {
    throw new RangeError('observed and weights must have the same length');
  }
  const total = observed.reduce((s, v) => s + v, 0);
  const weightTotal = weights.reduce((s, v) => s + v, 0);
  if (total <= 0 || observed.length < 2 || weightTotal <= 0) return undefined;
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = (total * weights[i]) / weightTotal;
    if (expected > 0) statistic += (observed[i] - expected) ** 2 / expected;
  }
  const degreesOfFreedom = observed.length - 1;
  return {
    statistic,
    degreesOfFreedom,
    pValue: 1 - jStat.chisquare.cdf(statistic, degreesOfFreedom),
  };
}
