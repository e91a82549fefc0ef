import { difficultyLevel, fractionToLogit, levelToLogit, logitToLevel } from './difficulty-scale';

describe('difficultyLevel', () => {
  it('bands the 0..1 difficulty by its logit: below −0.75 easy, above +0.75 hard', () => {
    // logit(0.32) = −0.754, logit(0.33) = −0.708, logit(0.67) = 0.708, logit(0.68) = 0.754.
    expect([0, 0.1, 0.32, 0.33, 0.5, 0.67, 0.68, 1].map(difficultyLevel)).toEqual([
      'easy',
      'easy',
      'easy',
      'medium',
      'medium',
      'medium',
      'hard',
      'hard',
    ]);
  });

  it('agrees with the logit bands for every hundredth', () => {
    for (let i = 0; i <= 100; i++)
      expect(difficultyLevel(i / 100)).toBe(logitToLevel(fractionToLogit(i / 100)));
  });

  it('maps each level to a logit inside its own band', () => {
    for (const level of ['easy', 'medium', 'hard'] as const)
      expect(logitToLevel(levelToLogit(level))).toBe(level);
  });
});
