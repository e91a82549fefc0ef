import { auc, logLoss, rmseBins } from './classification';

describe('classification figures', () => {
  it('computes log loss by its definition', () => {
    // −(ln 0.8 + ln(1 − 0.4)) / 2 = (0.22314 + 0.51083) / 2 = 0.36698
    expect(logLoss([0.8, 0.4], [1, 0])).toBeCloseTo(0.36698, 5);
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.LN2, 12);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true);
  });

  it('computes RMSE over equal-width bins of the prediction', () => {
    // Bin [0.9, 0.95): predictions 0.9, 0.9 → mean 0.9, observed 1/2 → error 0.4, n = 2;
    // bin [0.1, 0.15): prediction 0.1, observed 0 → error 0.1, n = 1. √((2·0.16 + 0.01)/3) = 0.33166
    expect(rmseBins([0.9, 0.9, 0.1], [1, 0, 0])).toBeCloseTo(0.33166, 5);
    expect(rmseBins([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBeCloseTo(0, 12);
  });

  it('computes the AUC as the Mann–Whitney probability, ties counting half', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(auc([0.9, 0.2], [1, 0])).toBe(1);
    expect(auc([0.3, 0.4], [1, 1])).toBeUndefined();
  });
});
