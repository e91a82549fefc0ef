import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from './retry-schedule';

describe('webhook retry schedule', () => {
  it('keeps trying for about a day', () => {
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeCloseTo(27.6, 1);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('spreads each delay by ±20 %', () => {
    expect(retryDelayMs(1, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(1, () => 0.999999)).toBe(6_000);
    expect(retryDelayMs(7, () => 0.5)).toBe(36_000_000);
    for (let attempt = 1; attempt <= 7; attempt++) {
      const delay = retryDelayMs(attempt);
      expect(delay).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[attempt - 1] * 0.8);
      expect(delay).toBeLessThanOrEqual(RETRY_DELAYS_MS[attempt - 1] * 1.2);
    }
  });
});
