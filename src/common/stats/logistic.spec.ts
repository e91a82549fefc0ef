import fc from 'fast-check';
import { logit, sigmoid } from './logistic';

describe('sigmoid', () => {
  it('matches the definition 1 / (1 + e^(−x)) at known points', () => {
    expect(sigmoid(0)).toBe(0.5);
    // 1 / (1 + e^(−1)) = 1 / 1.3678794 = 0.7310586
    expect(sigmoid(1)).toBeCloseTo(0.7310586, 7);
    expect(sigmoid(-1)).toBeCloseTo(0.2689414, 7);
  });

  it('stays finite and inside [0, 1] for extreme inputs', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
  });
});

describe('logit', () => {
  it('is ln(p / (1 − p))', () => {
    expect(logit(0.5)).toBe(0);
    // ln(0.7 / 0.3) = ln(2.3333333) = 0.8472979
    expect(logit(0.7)).toBeCloseTo(0.8472979, 7);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => logit(0)).toThrow(RangeError);
    expect(() => logit(1)).toThrow(RangeError);
    expect(() => logit(Number.NaN)).toThrow(RangeError);
  });

  // Over ±15 the subtraction 1 − p keeps enough digits for a round trip to 6 places.
  it('is the inverse of sigmoid', () => {
    fc.assert(
      fc.property(fc.double({ min: -15, max: 15, noNaN: true }), (x) => {
        expect(logit(sigmoid(x))).toBeCloseTo(x, 6);
      }),
    );
  });
});
