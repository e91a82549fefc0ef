import { toTrainingItems } from './fsrs-optimiser';
import { fitParametersIsolated } from './isolated-fit';

describe('fitParametersIsolated', () => {
  it('fits in a child process', async () => {
    const cards = Array.from({ length: 30 }, (_, c) =>
      [0, 1, 5, 6, 10].map((day, i) => ({
        day,
        grade: (i === 2 ? 1 : 3) as 1 | 3,
        at: c * 10 + i,
      })),
    );
    expect(await fitParametersIsolated(toTrainingItems(cards))).toHaveLength(21);
  }, 30_000);

  it('turns an abort of the native optimiser into a rejected fit, not a dead server', async () => {
    // fsrs-rs aborts its process on an item without a review on a later day.
    const invalid = [
      {
        at: 1,
        reviews: [
          { rating: 3 as const, deltaT: 0 },
          { rating: 3 as const, deltaT: 0 },
        ],
      },
    ];
    await expect(fitParametersIsolated(invalid)).rejects.toThrow(/stopped/);
  }, 30_000);
});
