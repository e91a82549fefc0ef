import { seededRandom } from '../common/random/seeded-random';
import { ForgettingCurveAccumulator, retrievability, type CurveFit } from './forgetting-curve';
import type { ReviewRecord } from './records';

const AT = new Date(Date.UTC(2024, 0, 1));

function review(days: number, recalled: boolean, topic = 'algebra'): ReviewRecord {
  return { at: AT, topic, recalled, daysSinceLastReview: days };
}

function curveOf(reviews: ReviewRecord[], accumulator = new ForgettingCurveAccumulator()) {
  reviews.forEach((r) => accumulator.add(r));
  return accumulator.result();
}

function fitted(fit: CurveFit) {
  if (fit.status !== 'fitted') throw new Error(`expected a fit, got ${fit.reason}`);
  return fit;
}

describe('retrievability', () => {
  it('is exp(−t/S): ½ at the half-life S·ln 2, 1/e at S', () => {
    expect(retrievability(10 * Math.LN2, 10)).toBeCloseTo(0.5, 12);
    expect(retrievability(10, 10)).toBeCloseTo(Math.exp(-1), 12);
    expect(retrievability(-3, 10)).toBe(1);
    expect(() => retrievability(1, 0)).toThrow(RangeError);
  });
});

describe('ForgettingCurveAccumulator', () => {
  it('fits S = −t / ln(k/n) when every review has the same delay', () => {
    // 3 of 4 recalled after 2 days: e^(−2/S) = 3/4 → S = 2 / ln(4/3) = 6.952.
    const { overall } = curveOf([
      review(2, true),
      review(2, true),
      review(2, true),
      review(2, false),
    ]);
    const fit = fitted(overall.fit);
    expect(fit.stabilityDays).toBeCloseTo(2 / Math.log(4 / 3), 9);
    expect(fit.halfLifeDays).toBeCloseTo((2 / Math.log(4 / 3)) * Math.LN2, 9);
    // Fisher information at λ = ln(4/3)/2: t²/(4 sinh²(λt/2)) = 4 / (4 · 1/48) = 48.
    const rate = Math.log(4 / 3) / 2;
    const margin = 1.959963985 / Math.sqrt(48);
    expect(fit.stabilityInterval.lower).toBeCloseTo(1 / (rate + margin), 6);
    expect(fit.stabilityInterval.upper).toBeUndefined(); // λ − margin < 0: S unbounded above
  });

  it('solves the score equation by hand with two delays', () => {
    // Recalled at t = 1 and t = 3, forgotten at t = 1. Score: −(1 + 3) + 1/(e^λ − 1) = 0
    // → e^λ = 5/4 → S = 1 / ln 1.25.
    const { overall } = curveOf([review(1, true), review(3, true), review(1, false)]);
    expect(fitted(overall.fit).stabilityDays).toBeCloseTo(1 / Math.log(1.25), 9);
  });

  it.each([10, 3])('recovers S = %d days from simulated reviews', (stability) => {
    const random = seededRandom(stability);
    const reviews = Array.from({ length: 5000 }, () => {
      const days = 0.25 + random() * 4 * stability;
      return review(days, random() < Math.exp(-days / stability));
    });
    const fit = fitted(curveOf(reviews).overall.fit);
    expect(Math.abs(fit.stabilityDays - stability) / stability).toBeLessThan(0.05);
    expect(fit.stabilityInterval.lower).toBeLessThan(stability);
    expect(fit.stabilityInterval.upper).toBeGreaterThan(stability);
    expect(fit.reviewsUsed).toBe(5000);
  });

  it('bins observed recall by delay', () => {
    const { overall } = curveOf(
      [
        review(0.5, true),
        review(1.5, false),
        review(1.5, true),
        review(3, true),
        review(200, false),
      ],
      new ForgettingCurveAccumulator({ binEdgesDays: [0, 1, 2, 7] }),
    );
    expect(overall.bins).toEqual([
      { fromDays: 0, toDays: 1, reviews: 1, recalled: 1, observedRecall: 1, meanDays: 0.5 },
      { fromDays: 1, toDays: 2, reviews: 2, recalled: 1, observedRecall: 0.5, meanDays: 1.5 },
      { fromDays: 2, toDays: 7, reviews: 1, recalled: 1, observedRecall: 1, meanDays: 3 },
      { fromDays: 7, toDays: undefined, reviews: 1, recalled: 0, observedRecall: 0, meanDays: 200 },
    ]);
  });

  it('says why it cannot fit', () => {
    expect(curveOf([review(0, false), review(0, true)]).overall.fit).toEqual({
      status: 'not-fittable',
      reason: 'no-reviews',
      reviewsUsed: 0,
    });
    expect(curveOf([review(3, true), review(0, false)]).overall.fit).toMatchObject({
      reason: 'all-recalled',
      reviewsUsed: 1,
    });
    expect(curveOf([review(3, false)]).overall.fit).toMatchObject({ reason: 'none-recalled' });
  });

  it('fits each topic on its own reviews', () => {
    const result = curveOf([
      review(2, true, 'b'),
      review(2, false, 'b'),
      review(1, true, 'a'),
      review(3, true, 'a'),
      review(1, false, 'a'),
    ]);
    expect(result.topics.map((t) => t.topic)).toEqual(['a', 'b']);
    expect(fitted(result.topics[0].fit).stabilityDays).toBeCloseTo(1 / Math.log(1.25), 9);
    // 1 of 2 after 2 days: S = 2 / ln 2, so the half-life is exactly 2 days.
    expect(fitted(result.topics[1].fit).halfLifeDays).toBeCloseTo(2, 9);
    expect(result.overall.fit.reviewsUsed).toBe(5);
  });

  it('rejects bad bins and delays', () => {
    expect(() => new ForgettingCurveAccumulator({ binEdgesDays: [0, 2, 1] })).toThrow(RangeError);
    expect(() => new ForgettingCurveAccumulator({ binEdgesDays: [] })).toThrow(RangeError);
    expect(() => new ForgettingCurveAccumulator({ confidence: 1.2 })).toThrow(RangeError);
    expect(() => new ForgettingCurveAccumulator().add(review(Number.NaN, true))).toThrow(
      RangeError,
    );
  });
});
