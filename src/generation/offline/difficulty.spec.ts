import { estimateDifficulty } from './difficulty';

describe('estimateDifficulty', () => {
  it('gives a frequent term in a short true/false statement with no lookalike almost 0', () => {
    // 0.45 × 0.05 + 0.3 × 0 + 0.1 × 0 + 0.15 × 0 = 0.0225
    expect(
      estimateDifficulty({
        type: 'true-false',
        termCount: 10,
        maxTermCount: 10,
        sentenceWords: 8,
        distractorSimilarity: 0,
      }),
    ).toBe(0.02);
  });

  it('rates recalling a rare term from a long sentence as hard', () => {
    // rarity = 1 - ln 2 / ln 16 = 0.75; 0.45 × 1 + 0.3 × 0.75 + 0.1 × 1 + 0.15 × 0.5 = 0.85
    expect(
      estimateDifficulty({
        type: 'short-answer',
        termCount: 1,
        maxTermCount: 15,
        sentenceWords: 40,
      }),
    ).toBe(0.85);
  });

  it('grows with distractor similarity and stays within 0..1', () => {
    const base = {
      type: 'single-choice',
      termCount: 3,
      maxTermCount: 9,
      sentenceWords: 20,
    } as const;
    const loose = estimateDifficulty({ ...base, distractorSimilarity: 0.1 });
    const close = estimateDifficulty({ ...base, distractorSimilarity: 0.9 });
    expect(close - loose).toBeCloseTo(0.12, 2);
    expect(
      estimateDifficulty({ ...base, termCount: 50, sentenceWords: 500, distractorSimilarity: 1 }),
    ).toBeLessThanOrEqual(1);
  });
});
