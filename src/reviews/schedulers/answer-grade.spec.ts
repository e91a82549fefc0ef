import { gradeFromAnswer } from './answer-grade';

describe('gradeFromAnswer', () => {
  const median = 10_000;

  it('grades a wrong answer Again whatever its speed', () => {
    expect(gradeFromAnswer(false, 1_000, median)).toBe(1);
    expect(gradeFromAnswer(false, 60_000, median)).toBe(1);
    expect(gradeFromAnswer(false, null, null)).toBe(1);
  });

  it('grades a right answer by its time relative to the median: > 1.5× Hard, < 0.5× Easy', () => {
    expect(gradeFromAnswer(true, 15_001, median)).toBe(2);
    expect(gradeFromAnswer(true, 15_000, median)).toBe(3);
    expect(gradeFromAnswer(true, 10_000, median)).toBe(3);
    expect(gradeFromAnswer(true, 5_000, median)).toBe(3);
    expect(gradeFromAnswer(true, 4_999, median)).toBe(4);
  });

  it('grades a right answer Good when its time or the median is unknown', () => {
    expect(gradeFromAnswer(true, null, median)).toBe(3);
    expect(gradeFromAnswer(true, 2_000, null)).toBe(3);
    expect(gradeFromAnswer(true, 2_000, 0)).toBe(3);
  });
});
