import fc from 'fast-check';
import { examReadiness } from './readiness';

describe('examReadiness', () => {
  it('predicts the mean probability with the spread of a sum of Bernoullis', () => {
    // Mean 0.75; Σ p(1 − p) = 0.09 + 0.16 + 0.21 + 0.24 = 0.70; sd = √0.70 / 4 = 0.20917.
    const result = examReadiness([0.9, 0.8, 0.7, 0.6]);
    expect(result?.predictedScore).toBeCloseTo(0.75, 12);
    expect(result?.standardDeviation).toBeCloseTo(Math.sqrt(0.7) / 4, 12);
    expect(result?.lower).toBeCloseTo(0.75 - 1.959963985 * (Math.sqrt(0.7) / 4), 8);
    expect(result?.upper).toBe(1); // 0.75 + 0.41 clipped to the best possible score
    expect(result?.questions).toBe(4);
  });

  it('reduces to the binomial when every question is equally hard', () => {
    // 100 questions at p = 0.6: sd = √(0.6 · 0.4 / 100) = 0.04899; 90% z = 1.644854.
    const result = examReadiness(Array<number>(100).fill(0.6), 0.9);
    expect(result?.standardDeviation).toBeCloseTo(Math.sqrt(0.24 / 100), 12);
    expect(result?.lower).toBeCloseTo(0.6 - 1.644853627 * Math.sqrt(0.0024), 8);
    expect(result?.upper).toBeCloseTo(0.6 + 1.644853627 * Math.sqrt(0.0024), 8);
    expect(result?.confidence).toBe(0.9);
  });

  it('is certain when every answer is certain', () => {
    expect(examReadiness([1, 0, 1, 1])).toMatchObject({
      predictedScore: 0.75,
      standardDeviation: 0,
      lower: 0.75,
      upper: 0.75,
    });
  });

  it('keeps the interval inside [0, 1] around the prediction', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }), (ps) => {
        const result = examReadiness(ps);
        if (!result) throw new Error('expected a result');
        expect(result.lower).toBeGreaterThanOrEqual(0);
        expect(result.upper).toBeLessThanOrEqual(1);
        expect(result.lower).toBeLessThanOrEqual(result.predictedScore + 1e-12);
        expect(result.upper).toBeGreaterThanOrEqual(result.predictedScore - 1e-12);
      }),
    );
  });

  it('has nothing to predict without questions and rejects impossible probabilities', () => {
    expect(examReadiness([])).toBeUndefined();
    expect(() => examReadiness([0.5, 1.2])).toThrow(RangeError);
    expect(() => examReadiness([0.5], 0)).toThrow(RangeError);
  });
});
