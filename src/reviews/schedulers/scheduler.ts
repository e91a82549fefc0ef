import type { ReviewGrade } from './grades';

export type SchedulerName = 'sm2' | 'fsrs';

export interface ReviewOutcome<S> {
  state: S;
  dueAt: Date;
  /** Days from the review to `dueAt`; fractional for FSRS learning steps measured in minutes. */
  intervalDays: number;
}

/**
 * A spaced-repetition algorithm as a pure value: states are plain JSON (ISO date strings, finite
 * numbers) so they can be stored in MongoDB as they are, and time always comes in as `now`.
 */
export interface Scheduler<S> {
  readonly name: SchedulerName;
  initialState(now: Date): S;
  review(state: S, grade: ReviewGrade, now: Date): ReviewOutcome<S>;
  /** Estimated probability of recall at `now`; 0 for an item never reviewed. */
  retrievability(state: S, now: Date): number;
}

/** Reviews arrive in time order; a review before the previous one is a caller error. */
export function assertAfterLastReview(lastReview: string | null, now: Date): void {
  if (lastReview !== null && now < new Date(lastReview)) {
    throw new RangeError(
      `review at ${now.toISOString()} precedes the previous one at ${lastReview}`,
    );
  }
}
