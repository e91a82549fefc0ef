import fc from 'fast-check';
import { seededRandom } from '../../common/random/seeded-random';
import { balanceInterval } from './load-balance';

describe('balanceInterval', () => {
  it('never leaves the fuzz range, whatever the loads, easy days and draws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 41, maxLength: 41 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (min, width, loads, easy, draw) => {
          const day = balanceInterval({
            minDays: min,
            maxDays: min + width,
            dueOn: (d) => loads[(d - min) % loads.length],
            isEasyDay: (d) => easy[d % 7],
            random: () => draw,
          });
          expect(Number.isInteger(day)).toBe(true);
          expect(day).toBeGreaterThanOrEqual(min);
          expect(day).toBeLessThanOrEqual(min + width);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sends most cards to the lighter days', () => {
    const random = seededRandom(7);
    const picks = Array.from({ length: 1000 }, () =>
      balanceInterval({
        minDays: 10,
        maxDays: 12,
        dueOn: (d) => (d === 11 ? 0 : 20),
        isEasyDay: () => false,
        random,
      }),
    );
    // Weights 1/(21²·10), 1/(1²·11), 1/(21²·12): day 11 takes 99.6 % of the draws.
    expect(picks.filter((d) => d === 11).length).toBeGreaterThan(980);
  });

  it('gives easy days a reduced load unless every day of the range is easy', () => {
    const random = seededRandom(11);
    const draw = (easy: (d: number) => boolean) =>
      Array.from({ length: 1000 }, () =>
        balanceInterval({ minDays: 20, maxDays: 21, dueOn: () => 5, isEasyDay: easy, random }),
      );
    // Day 20 easy: weights 0.1/20 vs 1/21 → day 20 gets 0.005/(0.005+0.0476) = 9.5 %.
    const easy20 = draw((d) => d === 20).filter((d) => d === 20).length;
    expect(easy20).toBeGreaterThan(50);
    expect(easy20).toBeLessThan(150);
    // Both easy: plain weights 1/20 vs 1/21 → day 20 about 51 %.
    const both = draw(() => true).filter((d) => d === 20).length;
    expect(both).toBeGreaterThan(440);
    expect(both).toBeLessThan(580);
  });
});
