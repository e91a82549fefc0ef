/** Sum of the values (0 for none). */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Arithmetic mean; undefined for an empty list, because no value would be honest. */
export function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : sum(values) / values.length;
}

/** Median (the mean of the two middle values for an even count); undefined for an empty list. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value limited to [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Variance around the mean: `sample` divides by n − 1 (the unbiased estimate from a sample),
 * `population` by n. Undefined when the count leaves it undefined (no values; one value for `sample`).
 */
export function variance(
  values: readonly number[],
  kind: 'sample' | 'population' = 'sample',
): number | undefined {
  const divisor = kind === 'sample' ? values.length - 1 : values.length;
  const centre = mean(values);
  if (centre === undefined || divisor <= 0) return undefined;
  let squares = 0;
  for (const value of values) squares += (value - centre) ** 2;
  return squares / divisor;
}

/** Square root of {@link variance}, with the same `kind` and the same undefined cases. */
export function standardDeviation(
  values: readonly number[],
  kind: 'sample' | 'population' = 'sample',
): number | undefined {
  const v = variance(values, kind);
  return v === undefined ? undefined : Math.sqrt(v);
}

/**
 * The p-quantile (0 ≤ p ≤ 1) by linear interpolation between order statistics: Hyndman & Fan's
 * type 7, the default of R's `quantile`, NumPy's `percentile` and Excel's PERCENTILE.INC.
 * Undefined for an empty list; p = 0.5 gives the median.
 */
export function quantile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile needs 0 ≤ p ≤ 1, got ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** An ordinary least-squares line y = intercept + slope·x, with its uncertainty. */
export interface LinearFit {
  count: number;
  slope: number;
  intercept: number;
  /** Standard error of the slope, √(RSS / (n − 2) / Sxx); undefined below three points. */
  slopeStandardError: number | undefined;
}

/**
 * Least squares and Pearson correlation over a stream of (x, y) pairs in constant memory, using
 * Welford's updates of the means and co-moments (numerically stable, unlike raw sums of squares).
 */
export class RunningLinearRegression {
  private n = 0;
  private meanX = 0;
  private meanY = 0;
  private sxx = 0;
  private syy = 0;
  private sxy = 0;

  add(x: number, y: number): void {
    this.n += 1;
    const dx = x - this.meanX;
    this.meanX += dx / this.n;
    const dy = y - this.meanY;
    this.meanY += dy / this.n;
    this.sxx += dx * (x - this.meanX);
    this.syy += dy * (y - this.meanY);
    this.sxy += dx * (y - this.meanY);
  }

  get count(): number {
    return this.n;
  }

  /** The least-squares line; undefined below two points or when every x is the same. */
  fit(): LinearFit | undefined {
    if (this.n < 2 || this.sxx <= 0) return undefined;
    const slope = this.sxy / this.sxx;
    const residualSquares = Math.max(0, this.syy - slope * this.sxy);
    return {
      count: this.n,
      slope,
      intercept: this.meanY - slope * this.meanX,
      slopeStandardError:
        this.n > 2 ? Math.sqrt(residualSquares / (this.n - 2) / this.sxx) : undefined,
    };
  }

  /**
   * Pearson's r (the point-biserial correlation when one variable is 0/1); undefined below two
   * points or when either variable is constant.
   */
  correlation(): number | undefined {
    if (this.n < 2 || this.sxx <= 0 || this.syy <= 0) return undefined;
    return this.sxy / Math.sqrt(this.sxx * this.syy);
  }
}
