import {
  chiSquareGoodnessOfFit,
  holmAdjust,
  meanInterval,
  normalCritical,
  proportionInterval,
  twoProportionZTest,
  welchTTest,
} from './hypothesis';
import { mean, standardDeviation } from './descriptive';

describe('normalCritical', () => {
  it('is the textbook 1.96 for 95 % and 2.576 for 99 %', () => {
    expect(normalCritical(0.95)).toBeCloseTo(1.959964, 5);
    expect(normalCritical(0.99)).toBeCloseTo(2.575829, 5);
  });
});

describe('twoProportionZTest', () => {
  // 200/1000 control against 250/1000 treatment. Reference values computed independently with
  // Python's statistics.NormalDist: pooled z = 2.677398, p = 0.0074196, unpooled 95 % CI of the
  // difference [0.013464, 0.086536].
  it('matches an independent computation', () => {
    const result = twoProportionZTest(200, 1000, 250, 1000)!;
    expect(result.statistic).toBeCloseTo(2.677398, 5);
    expect(result.pValue).toBeCloseTo(0.0074196, 6);
    expect(result.difference).toBeCloseTo(0.05, 10);
    expect(result.relative).toBeCloseTo(0.25, 10);
    expect(result.interval.low).toBeCloseTo(0.013464, 5);
    expect(result.interval.high).toBeCloseTo(0.086536, 5);
  });

  it('gives p = 1 for equal rates and nothing without variation or users', () => {
    expect(twoProportionZTest(30, 100, 30, 100)!.pValue).toBeCloseTo(1, 10);
    expect(twoProportionZTest(0, 100, 0, 100)).toBeUndefined();
    expect(twoProportionZTest(0, 0, 3, 10)).toBeUndefined();
  });
});

describe('welchTTest', () => {
  // Wikipedia, "Welch's t-test", example 1: t = 2.46, ν ≈ 25.0, p = 0.021.
  const a = [
    27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4,
  ];
  const b = [
    27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4,
  ];
  const summary = (values: number[]) => ({
    n: values.length,
    mean: mean(values)!,
    sd: standardDeviation(values)!,
  });

  it('matches the published example, with the Welch–Satterthwaite degrees of freedom', () => {
    const result = welchTTest(summary(a), summary(b))!;
    expect(result.statistic).toBeCloseTo(2.4554, 3);
    expect(result.degreesOfFreedom).toBeCloseTo(24.9885, 3);
    expect(result.pValue).toBeCloseTo(0.021, 3);
    expect(result.difference).toBeCloseTo(22.986667 - 20.82, 5);
    // The interval excludes 0 exactly when p < 0.05.
    expect(result.interval.low).toBeGreaterThan(0);
  });

  it('needs two values per group and some variation', () => {
    expect(welchTTest({ n: 1, mean: 1, sd: 0 }, summary(b))).toBeUndefined();
    expect(welchTTest({ n: 5, mean: 1, sd: 0 }, { n: 5, mean: 2, sd: 0 })).toBeUndefined();
  });
});

describe('holmAdjust', () => {
  // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
  it('matches R’s p.adjust', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) =>
      expect(adjusted[i]).toBeCloseTo(expected, 12),
    );
  });

  it('leaves a single p-value alone and caps at 1', () => {
    expect(holmAdjust([0.2])).toEqual([0.2]);
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
  });
});

describe('chiSquareGoodnessOfFit', () => {
  // Mendel's peas (round-yellow, round-green, wrinkled-yellow, wrinkled-green) against 9:3:3:1:
  // χ² = 0.470, 3 degrees of freedom, p = 0.925 (the textbook example of the test).
  it('matches Mendel’s dihybrid cross', () => {
    const result = chiSquareGoodnessOfFit([315, 108, 101, 32], [9, 3, 3, 1])!;
    expect(result.statistic).toBeCloseTo(0.47, 2);
    expect(result.degreesOfFreedom).toBe(3);
    expect(result.pValue).toBeCloseTo(0.925, 3);
  });

  it('flags a clear sample-ratio mismatch', () => {
    // 50/50 split observed as 5,300 / 4,700: χ² = 36, p ≈ 2e-9.
    const result = chiSquareGoodnessOfFit([5300, 4700], [50, 50])!;
    expect(result.statistic).toBeCloseTo(36, 10);
    expect(result.pValue).toBeLessThan(0.001);
  });

  it('has nothing to say without observations', () => {
    expect(chiSquareGoodnessOfFit([0, 0], [1, 1])).toBeUndefined();
  });
});

describe('intervals', () => {
  it('gives the Wald interval of a proportion', () => {
    const interval = proportionInterval(50, 100)!;
    expect(interval.low).toBeCloseTo(0.5 - 1.959964 * 0.05, 5);
    expect(interval.high).toBeCloseTo(0.5 + 1.959964 * 0.05, 5);
    expect(proportionInterval(0, 0)).toBeUndefined();
  });

  it('gives the t interval of a mean (t(0.975, 9) = 2.262157)', () => {
    const interval = meanInterval({ n: 10, mean: 5, sd: 2 })!;
    const half = (2.262157 * 2) / Math.sqrt(10);
    expect(interval.low).toBeCloseTo(5 - half, 5);
    expect(interval.high).toBeCloseTo(5 + half, 5);
    expect(meanInterval({ n: 1, mean: 5, sd: 0 })).toBeUndefined();
  });
});
