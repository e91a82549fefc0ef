import { addDays, daysBetween } from '../../common/stats';
import { gradeToSm2Quality, type ReviewGrade, type Sm2Quality } from './grades';
import { assertAfterLastReview, type ReviewOutcome, type Scheduler } from './scheduler';

/**
 * SM-2 as published by P. A. Woźniak (1990, "Optimization of learning", §3.2; the "Algorithm SM-2"
 * text on supermemo.com), step by step:
 * - every item starts with E-Factor EF = 2.5;
 * - intervals I(1) = 1, I(2) = 6 and I(n) = I(n−1)·EF for n > 2, in days, a fraction rounded up;
 * - after each repetition with quality q ≥ 3, EF' = EF + (0.1 − (5−q)·(0.08 + (5−q)·0.02)),
 *   and EF is never below 1.3;
 * - a quality below 3 starts the repetitions from the beginning *without changing the E-Factor*:
 *   the intervals that follow are I(1), I(2), … "as if the item was memorized anew", so the failed
 *   repetition counts as the first one of the new run (interval 1 day, then 6, then 6·EF);
 * - items scoring below 4 are repeated again the same day until they score at least 4
 *   ({@link needsSameDayRepeat}); those drill answers are not fed to {@link sm2Review}.
 *
 * Where the text leaves a choice we took the reading of its step order: I(n) uses the E-Factor the
 * item had when the repetition began; the grade's EF change applies from the next interval on. I(n−1)
 * is the interval actually scheduled (already rounded up).
 *
 * E-Factor changes are multiples of 0.02 (+0.1, 0, −0.14), so EF is kept rounded to hundredths and
 * intervals are computed in hundredths too, which keeps "round up" exact in floating point.
 */
export interface Sm2State {
  /** Position in the current run of repetitions (0 before the first review). */
  repetitions: number;
  easiness: number;
  /** The last interval scheduled, in whole days (0 before the first review). */
  intervalDays: number;
  lastReviewedAt: string | null;
}

const INITIAL_EASINESS = 2.5;
const MIN_EASINESS = 1.3;
const FIRST_INTERVAL = 1;
const SECOND_INTERVAL = 6;
const PASSING_QUALITY = 3;
const SAME_DAY_TARGET_QUALITY = 4;
/**
 * SM-2 has no forgetting curve of its own. For `retrievability` we assume exponential forgetting
 * that reaches 90 % recall when the scheduled interval has elapsed (SuperMemo's default 10 %
 * forgetting index): R(t) = 0.9^(t / I).
 */
const RECALL_AT_DUE = 0.9;

export function sm2InitialState(): Sm2State {
  return { repetitions: 0, easiness: INITIAL_EASINESS, intervalDays: 0, lastReviewedAt: null };
}

/** EF' = EF + (0.1 − (5−q)(0.08 + (5−q)·0.02)), floored at 1.3 and kept in hundredths. */
export function nextEasiness(easiness: number, quality: Sm2Quality): number {
  const miss = 5 - quality;
  const raw = easiness + (0.1 - miss * (0.08 + miss * 0.02));
  return Math.max(MIN_EASINESS, roundToHundredths(raw));
}

/** Step 7 of SM-2: an item graded below 4 is drilled again in the same day's session. */
export function needsSameDayRepeat(quality: Sm2Quality): boolean {
  return quality < SAME_DAY_TARGET_QUALITY;
}

/** One SM-2 repetition with the full 0–5 quality scale. */
export function sm2Review(
  state: Sm2State,
  quality: Sm2Quality,
  now: Date,
): ReviewOutcome<Sm2State> {
  assertAfterLastReview(state.lastReviewedAt, now);
  const passed = quality >= PASSING_QUALITY;
  const repetitions = passed ? state.repetitions + 1 : 1;
  const intervalDays = intervalFor(repetitions, state.intervalDays, state.easiness);
  const easiness = passed ? nextEasiness(state.easiness, quality) : state.easiness;
  return {
    state: { repetitions, easiness, intervalDays, lastReviewedAt: now.toISOString() },
    dueAt: addDays(now, intervalDays),
    intervalDays,
  };
}

/** I(1) = 1, I(2) = 6, I(n) = ⌈I(n−1)·EF⌉. */
function intervalFor(repetition: number, previousInterval: number, easiness: number): number {
  if (repetition === 1) return FIRST_INTERVAL;
  if (repetition === 2) return SECOND_INTERVAL;
  return Math.ceil((previousInterval * Math.round(easiness * 100)) / 100);
}

function roundToHundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

/** R(t) = 0.9^(t / I) since the last review (see RECALL_AT_DUE); 0 before the first review. */
export function sm2Retrievability(state: Sm2State, now: Date): number {
  if (state.lastReviewedAt === null || state.intervalDays <= 0) return 0;
  const elapsed = Math.max(0, daysBetween(new Date(state.lastReviewedAt), now));
  return RECALL_AT_DUE ** (elapsed / state.intervalDays);
}

export const sm2Scheduler: Scheduler<Sm2State> = {
  name: 'sm2',
  initialState: () => sm2InitialState(),
  review: (state: Sm2State, grade: ReviewGrade, now: Date) =>
    sm2Review(state, gradeToSm2Quality(grade), now),
  retrievability: sm2Retrievability,
};
