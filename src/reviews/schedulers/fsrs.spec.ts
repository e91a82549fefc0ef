import { createFsrsScheduler, type FsrsState } from './fsrs';
import type { ReviewGrade } from './grades';
import type { Scheduler } from './scheduler';

// Expected values below are those documented by ts-fsrs in its FSRS-6 test suite
// (open-spaced-repetition/ts-fsrs, packages/fsrs/__tests__/FSRS-6.test.ts), which it takes from fsrs-rs.
const TRAINED_W = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
  0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];
const DAY_MS = 86_400_000;
const start = new Date('2022-12-29T12:30:00.000Z');

function reviewAll(
  scheduler: Scheduler<FsrsState>,
  grades: ReviewGrade[],
  nextReview: (due: Date, now: Date, index: number) => Date,
): FsrsState[] {
  let state = scheduler.initialState(start);
  let now = start;
  const states: FsrsState[] = [];
  for (const [index, grade] of grades.entries()) {
    now = index === 0 ? now : nextReview(new Date(state.due), now, index);
    state = scheduler.review(state, grade, now).state;
    states.push(state);
  }
  return states;
}

describe('FSRS scheduler (ts-fsrs)', () => {
  it('reproduces the documented interval history when each review happens on the due date', () => {
    const scheduler = createFsrsScheduler({ weights: TRAINED_W });
    const grades: ReviewGrade[] = [3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3];
    const states = reviewAll(scheduler, grades, (due) => due);
    expect(states.map((s) => s.scheduledDays)).toEqual([
      0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21,
    ]);
  });

  it('reproduces the documented first-review outcomes for each grade', () => {
    const scheduler = createFsrsScheduler({ weights: TRAINED_W });
    const fresh = scheduler.initialState(start);
    const outcomes = ([1, 2, 3, 4] as ReviewGrade[]).map((grade) =>
      scheduler.review(fresh, grade, start),
    );
    expect(outcomes.map((o) => o.state.stability)).toEqual([0.212, 1.2931, 2.3065, 8.2956]);
    expect(outcomes.map((o) => o.state.difficulty)).toEqual([6.4133, 5.11217071, 2.11810397, 1]);
    expect(outcomes.map((o) => o.state.scheduledDays)).toEqual([0, 0, 0, 8]);
    expect(outcomes.map((o) => o.state.phase)).toEqual([
      'learning',
      'learning',
      'learning',
      'review',
    ]);
    // default learning steps 1m, 10m: Again 1 min, Hard 6 min, Good 10 min, Easy 8 days
    expect(outcomes.map((o) => Math.round(o.intervalDays * 24 * 60))).toEqual([
      1,
      6,
      10,
      8 * 24 * 60,
    ]);
  });

  it.each([
    // fsrs-rs inference.rs memory-state test, as quoted by ts-fsrs
    [true, 53.62691, 6.3574867],
    [false, 53.335106, 6.3574867],
  ])(
    'reproduces the documented memory state (short-term steps %s)',
    (enableShortTerm, stability, difficulty) => {
      const scheduler = createFsrsScheduler({ weights: TRAINED_W, enableShortTerm });
      const gaps = [0, 0, 1, 3, 8, 21];
      const states = reviewAll(
        scheduler,
        [1, 3, 3, 3, 3, 3],
        (_due, now, index) => new Date(now.getTime() + gaps[index] * DAY_MS),
      );
      const last = states[states.length - 1];
      expect(last.stability).toBeCloseTo(stability, 4);
      expect(last.difficulty).toBeCloseTo(difficulty, 4);
    },
  );

  it('reproduces the documented retrievability at the due date with default parameters', () => {
    const scheduler = createFsrsScheduler();
    const created = new Date('2023-12-01T04:00:00.000Z');
    const reviewed = new Date('2023-12-01T04:05:00.000Z');
    const fresh = scheduler.initialState(created);
    expect(scheduler.retrievability(fresh, reviewed)).toBe(0);
    const r = ([1, 2, 3, 4] as ReviewGrade[]).map((grade) => {
      const outcome = scheduler.review(fresh, grade, reviewed);
      return scheduler.retrievability(outcome.state, outcome.dueAt);
    });
    expect(r).toEqual([1, 1, 1, 0.9024733]);
  });

  it('schedules shorter intervals for a higher desired retention', () => {
    const intervalAt = (desiredRetention: number): number => {
      const scheduler = createFsrsScheduler({ desiredRetention });
      return scheduler.review(scheduler.initialState(start), 4, start).state.scheduledDays;
    };
    expect(intervalAt(0.8)).toBeGreaterThan(intervalAt(0.9));
    expect(intervalAt(0.9)).toBeGreaterThan(intervalAt(0.97));
  });

  it('rejects an impossible desired retention and reviews earlier than the last one', () => {
    expect(() => createFsrsScheduler({ desiredRetention: 0 })).toThrow(RangeError);
    expect(() => createFsrsScheduler({ desiredRetention: 1 })).toThrow(RangeError);
    const scheduler = createFsrsScheduler();
    const { state } = scheduler.review(scheduler.initialState(start), 3, start);
    expect(() => scheduler.review(state, 3, new Date(start.getTime() - 1))).toThrow(RangeError);
  });

  it('keeps the state as plain JSON with ISO dates', () => {
    const scheduler = createFsrsScheduler();
    const { state } = scheduler.review(scheduler.initialState(start), 3, start);
    expect(state).toEqual({
      phase: 'learning',
      due: '2022-12-29T12:40:00.000Z',
      lastReview: '2022-12-29T12:30:00.000Z',
      stability: expect.any(Number),
      difficulty: expect.any(Number),
      scheduledDays: 0,
      learningSteps: 1,
      reps: 1,
      lapses: 0,
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
