import { evaluateParameters, fitParameters, splitByTime, toTrainingItems } from './fsrs-optimiser';

describe('FSRS optimiser input', () => {
  it('turns each card history into one item per review after the first, with day gaps, once a day has passed', () => {
    const items = toTrainingItems([
      [
        { day: 10, grade: 3, at: 1 },
        { day: 10, grade: 1, at: 2 },
        { day: 13, grade: 3, at: 3 },
      ],
      [
        { day: 11, grade: 4, at: 0 },
        { day: 20, grade: 2, at: 4 },
      ],
    ]);
    // The same-day repeat at `at` 2 has no review on a later day yet: fsrs-rs cannot use it.
    expect(items).toEqual([
      {
        at: 3,
        reviews: [
          { rating: 3, deltaT: 0 },
          { rating: 1, deltaT: 0 },
          { rating: 3, deltaT: 3 },
        ],
      },
      {
        at: 4,
        reviews: [
          { rating: 4, deltaT: 0 },
          { rating: 2, deltaT: 9 },
        ],
      },
    ]);
  });

  it('holds out the most recent items', () => {
    const items = [5, 1, 4, 2, 3].map((at) => ({ at, reviews: [] }));
    const { train, test } = splitByTime(items, 0.4);
    expect(train.map((i) => i.at)).toEqual([1, 2, 3]);
    expect(test.map((i) => i.at)).toEqual([4, 5]);
  });
});

describe('FSRS optimiser (fsrs-rs binding)', () => {
  it('fits 21 FSRS-6 parameters that predict their own data better than the defaults', async () => {
    // A learner who forgets fast: every card is recalled after 1 day, forgotten after 4.
    const cards = Array.from({ length: 60 }, (_, c) => {
      const days = [0, 1, 5, 6, 10];
      return days.map((day, i) => ({
        day,
        grade: (i === 2 || i === 4 ? 1 : 3) as 1 | 3,
        at: c * 10 + i,
      }));
    });
    const items = toTrainingItems(cards);
    const fitted = await fitParameters(items);
    expect(fitted).toHaveLength(21);
    const before = evaluateParameters(undefined, items)!;
    const after = evaluateParameters(fitted, items)!;
    expect(after.logLoss).toBeLessThan(before.logLoss);
    expect(evaluateParameters(fitted, [])).toBeNull();
  });
});
