import { Rating } from 'ts-fsrs';
import {
  gradeToFsrsRating,
  gradeToSm2Quality,
  type ReviewGrade,
  ReviewGrades,
  sm2QualityToGrade,
  type Sm2Quality,
} from './grades';

describe('grade scale', () => {
  const grades: ReviewGrade[] = [1, 2, 3, 4];

  it('uses the FSRS ratings Again = 1 … Easy = 4 (ts-fsrs Rating enum)', () => {
    expect(grades.map(gradeToFsrsRating)).toEqual([
      Rating.Again,
      Rating.Hard,
      Rating.Good,
      Rating.Easy,
    ]);
    expect(ReviewGrades).toEqual({ again: 1, hard: 2, good: 3, easy: 4 });
  });

  it('maps to SM-2 qualities 1, 3, 4, 5 and back', () => {
    expect(grades.map(gradeToSm2Quality)).toEqual([1, 3, 4, 5]);
    for (const grade of grades) expect(sm2QualityToGrade(gradeToSm2Quality(grade))).toBe(grade);
  });

  it('reads every failing SM-2 quality (below 3) as Again', () => {
    const qualities: Sm2Quality[] = [0, 1, 2, 3, 4, 5];
    expect(qualities.map(sm2QualityToGrade)).toEqual([1, 1, 1, 2, 3, 4]);
  });
});
