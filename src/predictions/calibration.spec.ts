import fc from 'fast-check';
import { auc, brierScore, logLoss, type Prediction } from './calibration';

const predictions = (probabilities: number[], outcomes: boolean[]): Prediction[] =>
  probabilities.map((probability, i) => ({ probability, outcome: outcomes[i] }));

describe('logLoss', () => {
  it('matches the scikit-learn log_loss documentation example (0.21616…)', () => {
    // y = spam, ham, ham, spam with P(spam) = .9, .1, .2, .65:
    // −(ln .9 + ln .9 + ln .8 + ln .65) / 4 = (0.1053605 + 0.1053605 + 0.2231436 + 0.4307829) / 4
    expect(logLoss(predictions([0.9, 0.1, 0.2, 0.65], [true, false, false, true]))).toBeCloseTo(
      0.2161619,
      7,
    );
  });

  it('clips certain mistakes to a finite cost and is undefined without data', () => {
    // −ln(1e−15) = 34.538776
    expect(logLoss(predictions([0], [true]))).toBeCloseTo(34.538776, 5);
    expect(logLoss([])).toBeUndefined();
  });
});

describe('brierScore', () => {
  it('matches the scikit-learn brier_score_loss documentation example (0.0375)', () => {
    // ((0.1)² + (0.1)² + (0.2)² + (0.3)²) / 4 = 0.15 / 4
    expect(brierScore(predictions([0.1, 0.9, 0.8, 0.3], [false, true, true, false]))).toBeCloseTo(
      0.0375,
      12,
    );
    expect(brierScore([])).toBeUndefined();
  });
});

describe('auc', () => {
  it('matches the scikit-learn roc_auc_score documentation example (0.75)', () => {
    // y = 0, 0, 1, 1 with scores 0.1, 0.4, 0.35, 0.8: 3 of the 4 positive–negative pairs are ordered
    expect(auc(predictions([0.1, 0.4, 0.35, 0.8], [false, false, true, true]))).toBe(0.75);
  });

  it('counts ties as one half', () => {
    // pairs (0.5+, 0.5−) = ½, (0.9+, 0.5−) = 1 → 1.5 / 2
    expect(auc(predictions([0.5, 0.5, 0.9], [true, false, true]))).toBe(0.75);
  });

  it('is undefined with only one kind of outcome', () => {
    expect(auc(predictions([0.2, 0.7], [true, true]))).toBeUndefined();
    expect(auc([])).toBeUndefined();
  });

  it('is 1 for perfect ranking, 0.5 for all-equal, and flips to 1 − AUC for reversed scores', () => {
    // Probabilities on a 0.01 grid, so 1 − p cannot merge two distinct values by rounding.
    const probability = fc.integer({ min: 0, max: 100 }).map((k) => k / 100);
    const sample = fc.array(fc.tuple(probability, fc.boolean()), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(sample, (pairs) => {
        const given = pairs.map(([probability, outcome]) => ({ probability, outcome }));
        const value = auc(given);
        if (value === undefined) return;
        const reversed = auc(given.map((p) => ({ ...p, probability: 1 - p.probability })));
        expect(reversed).toBeCloseTo(1 - value, 10);
        expect(auc(given.map((p) => ({ ...p, probability: p.outcome ? 1 : 0 })))).toBe(1);
        expect(auc(given.map((p) => ({ ...p, probability: 0.3 })))).toBe(0.5);
      }),
    );
  });
});
