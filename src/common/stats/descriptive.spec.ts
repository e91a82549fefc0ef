import {
  clamp,
  mean,
  median,
  quantile,
  RunningLinearRegression,
  standardDeviation,
  sum,
  variance,
} from './descriptive';

describe('descriptive statistics', () => {
  it('sums and averages', () => {
    expect(sum([])).toBe(0);
    expect(sum([1, 2, 3.5])).toBe(6.5);
    expect(mean([])).toBeUndefined();
    expect(mean([2, 4, 9])).toBe(5);
  });

  it('takes the middle value, or the mean of the two middle values, as median', () => {
    expect(median([])).toBeUndefined();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 1, 3, 4])).toBe(3.5);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('clamps into a range', () => {
    expect(clamp(5, 0, 1)).toBe(1);
    expect(clamp(-5, 0, 1)).toBe(0);
    expect(clamp(0.25, 0, 1)).toBe(0.25);
  });
});

describe('variance and standardDeviation', () => {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32.
  const values = [2, 4, 4, 4, 5, 5, 7, 9];

  it('divides by n for a population and n − 1 for a sample', () => {
    expect(variance(values, 'population')).toBe(4);
    expect(standardDeviation(values, 'population')).toBe(2);
    expect(variance(values)).toBeCloseTo(32 / 7, 12);
  });

  it('is undefined when the count leaves it undefined', () => {
    expect(variance([])).toBeUndefined();
    expect(variance([3])).toBeUndefined();
    expect(variance([3], 'population')).toBe(0);
  });
});

describe('quantile (Hyndman & Fan type 7)', () => {
  it('matches R quantile(c(1, 2, 3, 4, 10)) at 0, 0.25, 0.5, 0.9, 1', () => {
    const values = [10, 1, 3, 2, 4];
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 0.25)).toBe(2);
    expect(quantile(values, 0.5)).toBe(3);
    expect(quantile(values, 0.9)).toBeCloseTo(7.6, 12);
    expect(quantile(values, 1)).toBe(10);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('RunningLinearRegression', () => {
  it('fits y = 1 + 2x exactly and reports r = 1', () => {
    const regression = new RunningLinearRegression();
    for (const x of [0, 1, 2, 3, 4]) regression.add(x, 1 + 2 * x);
    const fit = regression.fit();
    expect(fit?.slope).toBeCloseTo(2, 12);
    expect(fit?.intercept).toBeCloseTo(1, 12);
    expect(fit?.slopeStandardError).toBeCloseTo(0, 12);
    expect(regression.correlation()).toBeCloseTo(1, 12);
  });

  it('matches the textbook least-squares values for (1,2) (2,3) (3,5) (4,4) (5,6)', () => {
    // Sxx = 10, Sxy = 9, so slope 0.9 and intercept 4 − 0.9·3 = 1.3; Syy = 10, r = 9/√100 = 0.9.
    // RSS = Syy − slope·Sxy = 1.9, so SE(slope) = √(1.9 / 3 / 10).
    const regression = new RunningLinearRegression();
    for (const [x, y] of [
      [1, 2],
      [2, 3],
      [3, 5],
      [4, 4],
      [5, 6],
    ])
      regression.add(x, y);
    const fit = regression.fit();
    expect(fit?.slope).toBeCloseTo(0.9, 12);
    expect(fit?.intercept).toBeCloseTo(1.3, 12);
    expect(fit?.slopeStandardError).toBeCloseTo(Math.sqrt(1.9 / 3 / 10), 12);
    expect(regression.correlation()).toBeCloseTo(0.9, 12);
  });

  it('has no line for fewer than two points or a constant x', () => {
    const regression = new RunningLinearRegression();
    regression.add(1, 1);
    expect(regression.fit()).toBeUndefined();
    regression.add(1, 2);
    expect(regression.fit()).toBeUndefined();
    expect(regression.correlation()).toBeUndefined();
  });
});
