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

  it('builds one FSRS engine per set of fitted parameters, which schedules by them', () => {
    const fitted = [
      0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
      0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];
    const own = registry.get({ scheduler: 'fsrs', desiredRetention: 0.9, weights: fitted });
    expect(registry.get({ scheduler: 'fsrs', desiredRetention: 0.9, weights: [...fitted] })).toBe(
      own,
    );
    const defaults = registry.get({ scheduler: 'fsrs', desiredRetention: 0.9 });
    expect(own).not.toBe(defaults);
    // First Easy review: the initial stability is w3 (8.2956 fitted, 8.3 … by default ts-fsrs).
    const easy = own.review(own.initialState(now), 4, now).state as { stability: number };
    expect(easy.stability).toBe(8.2956);
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
