import { Rating, type Grade } from 'ts-fsrs';

/**
 * The common grade scale of every scheduler: the four FSRS/Anki buttons
 * Again = 1, Hard = 2, Good = 3, Easy = 4.
 */
export type ReviewGrade = 1 | 2 | 3 | 4;

export const ReviewGrades = { again: 1, hard: 2, good: 3, easy: 4 } as const;

/** SM-2 response quality (Wozniak 1990): 5 perfect … 3 recalled with serious difficulty … 0 blackout. */
export type Sm2Quality = 0 | 1 | 2 | 3 | 4 | 5;

/**
 * Again → 1 ("incorrect response; the correct one remembered"), Hard → 3 ("correct response
 * recalled with serious difficulty"), Good → 4 ("correct response after a hesitation"),
 * Easy → 5 ("perfect response"). Under SM-2 every quality below 3 schedules the same way, so the
 * choice of 1 for Again only shows in logs.
 */
const SM2_QUALITY: Record<ReviewGrade, Sm2Quality> = { 1: 1, 2: 3, 3: 4, 4: 5 };

/** Qualities 0–2 (failed recall) → Again, 3 → Hard, 4 → Good, 5 → Easy. */
const GRADE_OF_SM2_QUALITY: Record<Sm2Quality, ReviewGrade> = {
  0: 1,
  1: 1,
  2: 1,
  3: 2,
  4: 3,
  5: 4,
};

const FSRS_RATING: Record<ReviewGrade, Grade> = {
  1: Rating.Again,
  2: Rating.Hard,
  3: Rating.Good,
  4: Rating.Easy,
};

export function gradeToSm2Quality(grade: ReviewGrade): Sm2Quality {
  return SM2_QUALITY[grade];
}

export function sm2QualityToGrade(quality: Sm2Quality): ReviewGrade {
  return GRADE_OF_SM2_QUALITY[quality];
}

/** The grades are the FSRS ratings themselves: Again = 1 … Easy = 4. */
export function gradeToFsrsRating(grade: ReviewGrade): Grade {
  return FSRS_RATING[grade];
}
