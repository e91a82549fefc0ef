import fc from 'fast-check';
import { percentToBasisPoints, reversal, splitRevenue } from './revenue-share';

describe('splitRevenue', () => {
  const fifteenPercent = { basisPoints: 1500, minimumMinor: 50 };

  it('takes the percentage, rounded half up to the cent', () => {
    // 15 % of 19.99 = 2.9985 → 3.00; of 10.03 = 1.5045 → 1.50; of 10.10 = 1.515 → 1.52.
    expect(splitRevenue(1999, fifteenPercent)).toEqual({
      grossMinor: 1999,
      feeMinor: 300,
      netMinor: 1699,
    });
    expect(splitRevenue(1003, fifteenPercent)).toEqual({
      grossMinor: 1003,
      feeMinor: 150,
      netMinor: 853,
    });
    expect(splitRevenue(1010, fifteenPercent)).toEqual({
      grossMinor: 1010,
      feeMinor: 152,
      netMinor: 858,
    });
  });

  it('takes at least the minimum, but never more than the price', () => {
    expect(splitRevenue(200, fifteenPercent)).toEqual({
      grossMinor: 200,
      feeMinor: 50,
      netMinor: 150,
    });
    expect(splitRevenue(30, fifteenPercent)).toEqual({ grossMinor: 30, feeMinor: 30, netMinor: 0 });
  });

  it('charges nothing on free content', () => {
    expect(splitRevenue(0, fifteenPercent)).toEqual({ grossMinor: 0, feeMinor: 0, netMinor: 0 });
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => splitRevenue(10.5, fifteenPercent)).toThrow(RangeError);
    expect(() => splitRevenue(-1, fifteenPercent)).toThrow(RangeError);
  });

  it('always splits the price exactly, with whole non-negative parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        (gross, basisPoints, minimumMinor) => {
          const split = splitRevenue(gross, { basisPoints, minimumMinor });
          expect(split.feeMinor + split.netMinor).toBe(gross);
          expect(Number.isInteger(split.feeMinor) && split.feeMinor >= 0).toBe(true);
          expect(split.netMinor).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('reverses a sale to the cent', () => {
    const sale = splitRevenue(1999, fifteenPercent);
    const refund = reversal(sale);
    expect(sale.netMinor + refund.netMinor).toBe(0);
    expect(sale.feeMinor + refund.feeMinor).toBe(0);
  });

  it('reads percentages with two decimals as basis points', () => {
    expect(percentToBasisPoints(15)).toBe(1500);
    expect(percentToBasisPoints(12.5)).toBe(1250);
    expect(percentToBasisPoints(0.07)).toBe(7);
  });
});
