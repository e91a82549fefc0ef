import { clamp, mean, median, sum } from './descriptive';

describe('descriptive statistics', () => {
  it('sums and averages', () => {
    expect(sum([])).toBe(0);
    expect(sum([1, 2, 3.5])).toBe(6.5);
    expect(mean([])).toBeUndefined();
    expect(mean([2, 4, 9])).toBe(5);
  });

  it('takes the middle value, or the mean of the two middle values, as median', () => {
    expect(median([])).toBeUndefined();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 1, 3, 4])).toBe(3.5);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('clamps into a range', () => {
    expect(clamp(5, 0, 1)).toBe(1);
    expect(clamp(-5, 0, 1)).toBe(0);
    expect(clamp(0.25, 0, 1)).toBe(0.25);
  });
});
