import { SchedulerRegistry } from './scheduler-registry';
import { sm2Scheduler } from './schedulers/sm2';

describe('SchedulerRegistry', () => {
  const registry = new SchedulerRegistry();
  const now = new Date('2025-01-01T00:00:00.000Z');

  it('gives SM-2 whatever the retention, and one FSRS engine per retention', () => {
    expect(registry.get({ scheduler: 'sm2', desiredRetention: 0.8 })).toBe(sm2Scheduler);
    const at90 = registry.get({ scheduler: 'fsrs', desiredRetention: 0.9 });
    expect(registry.get({ scheduler: 'fsrs', desiredRetention: 0.9 })).toBe(at90);
    expect(registry.get({ scheduler: 'fsrs', desiredRetention: 0.8 })).not.toBe(at90);
  });

  it('schedules longer intervals at a lower desired retention (FSRS)', () => {
    const interval = (retention: number) => {
      const fsrs = registry.get({ scheduler: 'fsrs', desiredRetention: retention });
      let state = fsrs.initialState(now);
      let at = now;
      let days = 0;
      for (let i = 0; i < 3; i++) {
        const outcome = fsrs.review(state, 3, at);
        state = outcome.state;
        days = outcome.intervalDays;
        at = outcome.dueAt;
      }
      return days;
    };
    expect(interval(0.8)).toBeGreaterThan(interval(0.9));
    expect(interval(0.9)).toBeGreaterThan(interval(0.97));
  });
});
