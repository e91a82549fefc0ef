import fc from 'fast-check';
import { probabilityCorrect } from '../common/stats';
import { difficultyForSuccessRate } from './difficulty';

describe('difficultyForSuccessRate', () => {
  it('solves b = θ − ln(p / (1 − p))', () => {
    // θ = 0, p = 0.7: b = −ln(0.7/0.3) = −0.8472979 → easy (below −0.75)
    const easy = difficultyForSuccessRate(0);
    expect(easy.logit).toBeCloseTo(-0.8472979, 7);
    expect(easy.level).toBe('easy');
    // θ = 2, p = 0.5: b = 2 → hard
    expect(difficultyForSuccessRate(2, 0.5)).toEqual({ logit: 2, level: 'hard' });
    // θ = 1, p = 0.7: b = 0.1527021 → medium
    expect(difficultyForSuccessRate(1, 0.7).logit).toBeCloseTo(0.1527021, 7);
    expect(difficultyForSuccessRate(1, 0.7).level).toBe('medium');
  });

  it('rejects success rates of 0 or 1, which no finite difficulty reaches', () => {
    expect(() => difficultyForSuccessRate(0, 1)).toThrow(RangeError);
    expect(() => difficultyForSuccessRate(0, 0)).toThrow(RangeError);
  });

  it('gives back the target when plugged into the Rasch model', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (theta, target) => {
          const { logit } = difficultyForSuccessRate(theta, target);
          expect(probabilityCorrect(theta, logit)).toBeCloseTo(target, 9);
        },
      ),
    );
  });
});
