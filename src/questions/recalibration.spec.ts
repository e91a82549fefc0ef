import { empiricalDifficulty } from './recalibration';

describe('empiricalDifficulty', () => {
  it('is the share of wrong answers once the sample is large enough', () => {
    expect(empiricalDifficulty(20, 15, 20)).toBe(0.25);
    expect(empiricalDifficulty(30, 30, 20)).toBe(0);
    expect(empiricalDifficulty(25, 0, 20)).toBe(1);
    expect(empiricalDifficulty(3, 1, 1)).toBe(0.667);
  });

  it('is undefined below the minimum sample', () => {
    expect(empiricalDifficulty(19, 10, 20)).toBeUndefined();
    expect(empiricalDifficulty(0, 0, 0)).toBeUndefined();
  });

  it('stays within 0..1 even with inconsistent counters', () => {
    expect(empiricalDifficulty(20, 25, 20)).toBe(0);
    expect(empiricalDifficulty(20, -3, 20)).toBe(1);
  });
});
