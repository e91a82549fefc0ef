import { createFsrsScheduler } from './schedulers/fsrs';
import type { Scheduler, SchedulerName } from './schedulers/scheduler';
import { sm2Scheduler } from './schedulers/sm2';

/** What a user chose: the algorithm, and FSRS's target recall (SM-2 has no such setting). */
export interface SchedulerChoice {
  scheduler: SchedulerName;
  desiredRetention: number;
}

/** A scheduler over opaque stored states: the card remembers which scheduler wrote its state. */
export type AnyScheduler = Scheduler<unknown>;

/**
 * One scheduler instance per (algorithm, retention): FSRS engines are pure values, so they are
 * built once and shared. Unknown retentions are validated by the FSRS core (0 < r < 1).
 */
export class SchedulerRegistry {
  private readonly fsrs = new Map<number, AnyScheduler>();

  get(choice: SchedulerChoice): AnyScheduler {
    if (choice.scheduler === 'sm2') return sm2Scheduler as AnyScheduler;
    let scheduler = this.fsrs.get(choice.desiredRetention);
    if (!scheduler) {
      scheduler = createFsrsScheduler({
        desiredRetention: choice.desiredRetention,
      }) as AnyScheduler;
      this.fsrs.set(choice.desiredRetention, scheduler);
    }
    return scheduler;
  }
}
