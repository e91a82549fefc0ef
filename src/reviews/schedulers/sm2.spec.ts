import {
  needsSameDayRepeat,
  nextEasiness,
  sm2InitialState,
  sm2Retrievability,
  sm2Review,
  sm2Scheduler,
  type Sm2State,
} from './sm2';
import type { Sm2Quality } from './grades';

const start = new Date('2024-01-01T09:00:00.000Z');

function replay(qualities: Sm2Quality[]): Sm2State[] {
  const states: Sm2State[] = [];
  let state = sm2InitialState();
  let now = start;
  for (const quality of qualities) {
    const outcome = sm2Review(state, quality, now);
    state = outcome.state;
    now = outcome.dueAt;
    states.push(state);
  }
  return states;
}

describe('SM-2 (Woźniak 1990)', () => {
  it('changes EF by +0.1, 0 and −0.14 for q = 5, 4, 3', () => {
    // 0.1 − (5−q)(0.08 + (5−q)·0.02): q=5 → 0.1; q=4 → 0.1 − 0.1 = 0; q=3 → 0.1 − 2·0.12 = −0.14
    expect(nextEasiness(2.5, 5)).toBe(2.6);
    expect(nextEasiness(2.5, 4)).toBe(2.5);
    expect(nextEasiness(2.5, 3)).toBe(2.36);
  });

  it('never lets EF fall below 1.3', () => {
    // 1.36 − 0.14 = 1.22 → 1.3
    expect(nextEasiness(1.36, 3)).toBe(1.3);
    const efs = replay([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]).map((s) => s.easiness);
    // 2.5 − 0.14·k: 2.36 2.22 2.08 1.94 1.8 1.66 1.52 1.38, then 1.24 → 1.3
    expect(efs).toEqual([2.36, 2.22, 2.08, 1.94, 1.8, 1.66, 1.52, 1.38, 1.3, 1.3]);
  });

  it('follows a hand-computed sequence with a lapse', () => {
    // q  rep  interval                       EF used → EF after
    // 5  1    I(1) = 1                        2.5 → 2.6
    // 5  2    I(2) = 6                        2.6 → 2.7
    // 4  3    ⌈6 × 2.7⌉ = ⌈16.2⌉ = 17          2.7 → 2.7
    // 3  4    ⌈17 × 2.7⌉ = ⌈45.9⌉ = 46         2.7 → 2.56
    // 2  1    restart: I(1) = 1               EF unchanged 2.56
    // 4  2    I(2) = 6                        2.56 → 2.56
    // 5  3    ⌈6 × 2.56⌉ = ⌈15.36⌉ = 16        2.56 → 2.66
    // 3  4    ⌈16 × 2.66⌉ = ⌈42.56⌉ = 43       2.66 → 2.52
    const states = replay([5, 5, 4, 3, 2, 4, 5, 3]);
    expect(states.map((s) => s.intervalDays)).toEqual([1, 6, 17, 46, 1, 6, 16, 43]);
    expect(states.map((s) => s.repetitions)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(states.map((s) => s.easiness)).toEqual([2.6, 2.7, 2.7, 2.56, 2.56, 2.56, 2.66, 2.52]);
  });

  it('rounds an exact product without floating-point drift', () => {
    // 25 × 2.2 = 55 exactly, but in binary floating point 25 * 2.2 = 55.00000000000001 (→ 56)
    const state: Sm2State = {
      repetitions: 3,
      easiness: 2.2,
      intervalDays: 25,
      lastReviewedAt: null,
    };
    expect(sm2Review(state, 4, start).intervalDays).toBe(55);
  });

  it('schedules the due date whole days after the review and stores plain JSON', () => {
    const outcome = sm2Review(sm2InitialState(), 5, start);
    expect(outcome.dueAt.toISOString()).toBe('2024-01-02T09:00:00.000Z');
    expect(outcome.state.lastReviewedAt).toBe('2024-01-01T09:00:00.000Z');
    expect(JSON.parse(JSON.stringify(outcome.state))).toEqual(outcome.state);
  });

  it('rejects a review earlier than the previous one', () => {
    const { state } = sm2Review(sm2InitialState(), 5, start);
    expect(() => sm2Review(state, 5, new Date(start.getTime() - 1))).toThrow(RangeError);
  });

  it('maps common grades through the scheduler interface', () => {
    expect(sm2Scheduler.name).toBe('sm2');
    const first = sm2Scheduler.review(sm2Scheduler.initialState(start), 4, start);
    expect(first.state.easiness).toBe(2.6);
    const again = sm2Scheduler.review(first.state, 1, first.dueAt);
    expect(again.state).toMatchObject({ repetitions: 1, intervalDays: 1, easiness: 2.6 });
  });

  it('asks for a same-day repeat below quality 4 (step 7)', () => {
    expect([0, 1, 2, 3, 4, 5].map((q) => needsSameDayRepeat(q as Sm2Quality))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('estimates recall as 0.9^(t / I)', () => {
    const state: Sm2State = {
      repetitions: 2,
      easiness: 2.5,
      intervalDays: 6,
      lastReviewedAt: start.toISOString(),
    };
    expect(sm2Retrievability(sm2InitialState(), start)).toBe(0);
    expect(sm2Retrievability(state, start)).toBe(1);
    // t = 6 = I: 0.9; t = 12: 0.81
    expect(sm2Retrievability(state, new Date('2024-01-07T09:00:00.000Z'))).toBeCloseTo(0.9, 12);
    expect(sm2Retrievability(state, new Date('2024-01-13T09:00:00.000Z'))).toBeCloseTo(0.81, 12);
  });
});
