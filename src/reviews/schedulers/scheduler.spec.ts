import fc from 'fast-check';
import { createFsrsScheduler } from './fsrs';
import type { ReviewGrade } from './grades';
import type { Scheduler } from './scheduler';
import { sm2Scheduler } from './sm2';

const MINUTE_MS = 60_000;
const GRADES: readonly ReviewGrade[] = [1, 2, 3, 4];
const grade = fc.constantFrom(...GRADES);
/** Time to the next review: minutes (same-session), or up to a year and a half. */
const gap = fc.oneof(
  fc.integer({ min: 1, max: 600 }),
  fc.integer({ min: 0, max: 550 }).map((days) => days * 1440),
);
const history = fc.array(fc.tuple(grade, gap), { maxLength: 25 });
const start = new Date('2024-01-01T00:00:00.000Z');

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

function checkEveryReview<S>(scheduler: Scheduler<S>, check: (state: S, now: Date) => void): void {
  fc.assert(
    fc.property(history, (steps) => {
      let state = scheduler.initialState(start);
      let now = start;
      for (const [stepGrade, minutes] of steps) {
        check(state, now);
        state = scheduler.review(state, stepGrade, now).state;
        now = new Date(now.getTime() + minutes * MINUTE_MS);
      }
      check(state, now);
    }),
    { numRuns: 100 },
  );
}

function describeSchedulerProperties<S>(name: string, scheduler: Scheduler<S>): void {
  describe(`${name} scheduler properties`, () => {
    it('never schedules a negative interval and always puts the due date after now', () => {
      checkEveryReview(scheduler, (state, now) => {
        for (const g of GRADES) {
          const outcome = scheduler.review(state, g, now);
          expect(outcome.intervalDays).toBeGreaterThan(0);
          expect(outcome.dueAt.getTime()).toBeGreaterThan(now.getTime());
        }
      });
    });

    it('never gives a shorter interval for a higher grade from the same state', () => {
      checkEveryReview(scheduler, (state, now) => {
        const intervals = GRADES.map((g) => scheduler.review(state, g, now).intervalDays);
        for (let i = 1; i < intervals.length; i++)
          expect(intervals[i]).toBeGreaterThanOrEqual(intervals[i - 1]);
      });
    });

    it('keeps states as finite plain JSON and recall in [0, 1]', () => {
      checkEveryReview(scheduler, (state, now) => {
        expect(allFinite(state)).toBe(true);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
        const recall = scheduler.retrievability(state, now);
        expect(recall).toBeGreaterThanOrEqual(0);
        expect(recall).toBeLessThanOrEqual(1);
      });
    });
  });
}

describeSchedulerProperties('sm2', sm2Scheduler);
describeSchedulerProperties('fsrs', createFsrsScheduler());
describeSchedulerProperties(
  'fsrs without learning steps',
  createFsrsScheduler({ enableShortTerm: false }),
);
