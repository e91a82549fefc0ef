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
  /** The memory model behind the schedule, for exam dates and load balancing (FSRS only). */
  readonly memory?: MemoryModel<S>;
}

export interface MemoryModel<S> {
  /** The forgetting curve R(t, S), t in days. */
  recall(elapsedDays: number, stability: number): number;
  stabilityOf(state: S): number;
  /** Stability after a Good review at `at`. */
  stabilityAfterGood(state: S, at: Date): number;
  /** True for a state on day-scale intervals (not in minute-scale learning steps). */
  isLongTerm(state: S): boolean;
  /** The whole-day range the interval may be fuzzed within (ts-fsrs / Anki fuzz). */
  fuzzRange(intervalDays: number, elapsedDays: number): { min: number; max: number };
  /** The state with another due date (a schedule moved without a review). */
  withDue(state: S, dueAt: Date): S;
}

/** Reviews arrive in time order; a review before the previous one is a caller error. */
export function assertAfterLastReview(lastReview: string | null, now: Date): void {
  if (lastReview !== null && now < new Date(lastReview)) {
    throw new RangeError(
      `review at ${now.toISOString()} precedes the previous one at ${lastReview}`,
    );
  }
}
