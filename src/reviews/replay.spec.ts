import { createFsrsScheduler } from './schedulers/fsrs';
import type { ReviewGrade } from './schedulers/grades';
import type { Sm2State } from './schedulers/sm2';
import { sm2Scheduler } from './schedulers/sm2';
import { type LoggedGrade, replayHistory } from './replay';
import type { AnyScheduler } from './scheduler-registry';

const DAY = 86_400_000;
const created = new Date('2024-01-01T09:00:00.000Z');
const at = (days: number) => new Date(created.getTime() + days * DAY);
const review = (grade: ReviewGrade, days: number): LoggedGrade => ({
  grade,
  reviewedAt: at(days),
  kind: 'review',
});

describe('replayHistory', () => {
  it('gives SM-2 intervals 1, 6 and ⌈6·EF⌉ for three Good grades (EF stays 2.5 at q = 4)', () => {
    const result = replayHistory(sm2Scheduler as AnyScheduler, created, [
      review(3, 0),
      review(3, 1),
      review(3, 7),
    ]);
    const state = result.state as Sm2State;
    expect(state).toMatchObject({ repetitions: 3, easiness: 2.5, intervalDays: 15 });
    expect(result.dueAt).toEqual(at(22));
    expect(result.applied).toBe(3);
  });

  it('sorts the history by time before replaying it', () => {
    const inOrder = replayHistory(sm2Scheduler as AnyScheduler, created, [
      review(3, 0),
      review(4, 1),
      review(2, 7),
    ]);
    const shuffled = replayHistory(sm2Scheduler as AnyScheduler, created, [
      review(2, 7),
      review(3, 0),
      review(4, 1),
    ]);
    expect(shuffled).toEqual(inOrder);
  });

  it('treats SM-2 grades within a day of an Again or Hard as same-day drills', () => {
    const result = replayHistory(sm2Scheduler as AnyScheduler, created, [
      review(1, 0),
      review(3, 10 / 1440),
      review(3, 1),
    ]);
    // Again restarts the run (1 day); the Good ten minutes later is a drill; the next day's Good
    // is the second repetition: 6 days.
    expect((result.state as Sm2State).repetitions).toBe(2);
    expect(result.dueAt).toEqual(at(7));
    expect(result.applied).toBe(2);
  });

  it('skips logged drills and leaves a card without grades due at its creation', () => {
    const drillOnly = replayHistory(sm2Scheduler as AnyScheduler, created, [
      { grade: 4, reviewedAt: at(1), kind: 'drill' },
    ]);
    expect(drillOnly.applied).toBe(0);
    expect(drillOnly.dueAt).toEqual(created);
    expect(drillOnly.state).toEqual(sm2Scheduler.initialState(created));
  });

  it('matches FSRS applied grade by grade, learning steps included', () => {
    const fsrs = createFsrsScheduler({ desiredRetention: 0.9 }) as AnyScheduler;
    const history = [review(1, 0), review(3, 10 / 1440), review(3, 1), review(4, 5)];
    let state = fsrs.initialState(created);
    let dueAt = created;
    for (const entry of history) {
      const outcome = fsrs.review(state, entry.grade, entry.reviewedAt);
      state = outcome.state;
      dueAt = outcome.dueAt;
    }
    const result = replayHistory(fsrs, created, history);
    expect(result.state).toEqual(state);
    expect(result.dueAt).toEqual(dueAt);
    expect(result.applied).toBe(4);
  });
});
