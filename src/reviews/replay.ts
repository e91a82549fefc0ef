import { gradeToSm2Quality, type ReviewGrade } from './schedulers/grades';
import { needsSameDayRepeat } from './schedulers/sm2';
import type { AnyScheduler } from './scheduler-registry';

/** One logged grade of a card, in the order it was given. */
export interface LoggedGrade {
  grade: ReviewGrade;
  reviewedAt: Date;
  /** Same-day SM-2 drill answers are logged but never fed to a scheduler. */
  kind: 'review' | 'drill';
}

export interface ReplayResult<S = unknown> {
  state: S;
  /** When the card is next due: its creation time if it was never reviewed. */
  dueAt: Date;
  /** Grades the scheduler took (drills and SM-2 same-day repeats are skipped). */
  applied: number;
}

const DAY_MS = 86_400_000;

/**
 * The state a card would have if `scheduler` had scheduled it from its creation: the card's logged
 * grades replayed in time order. Used when a student switches algorithm, so the new one starts
 * from the student's real history instead of from scratch.
 *
 * Replaying into SM-2 applies its same-day rule: after a grade of quality below 4 (Again, Hard),
 * further grades within the next 24 hours are drills of that repetition, not new repetitions.
 */
export function replayHistory(
  scheduler: AnyScheduler,
  createdAt: Date,
  history: readonly LoggedGrade[],
): ReplayResult {
  const ordered = [...history].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  let state = scheduler.initialState(createdAt);
  let dueAt = createdAt;
  let applied = 0;
  let drillUntilMs = -Infinity;
  for (const entry of ordered) {
    if (entry.kind === 'drill') continue;
    const atMs = entry.reviewedAt.getTime();
    if (scheduler.name === 'sm2' && atMs < drillUntilMs) continue;
    const outcome = scheduler.review(state, entry.grade, entry.reviewedAt);
    state = outcome.state;
    dueAt = outcome.dueAt;
    applied += 1;
    drillUntilMs = needsSameDayRepeat(gradeToSm2Quality(entry.grade)) ? atMs + DAY_MS : -Infinity;
  }
  return { state, dueAt, applied };
}
