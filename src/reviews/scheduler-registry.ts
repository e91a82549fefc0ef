import { createFsrsScheduler } from './schedulers/fsrs';
import type { Scheduler, SchedulerName } from './schedulers/scheduler';
import { sm2Scheduler } from './schedulers/sm2';

/**
 * What a user chose: the algorithm, FSRS's target recall (SM-2 has no such setting), and the
 * student's fitted FSRS parameters (null: the defaults).
 */
export interface SchedulerChoice {
  scheduler: SchedulerName;
  desiredRetention: number;
  weights?: readonly number[] | null;
}

/** A scheduler over opaque stored states: the card remembers which scheduler wrote its state. */
export type AnyScheduler = Scheduler<unknown>;

/** Engines kept at most; fitted parameters make one per student, so the oldest are dropped. */
const MAX_ENGINES = 2000;

/**
 * One scheduler instance per (algorithm, retention, parameters): FSRS engines are pure values, so
 * they are built once and shared. Unknown retentions are validated by the FSRS core (0 < r < 1).
 */
export class SchedulerRegistry {
  private readonly fsrs = new Map<string, AnyScheduler>();

  get(choice: SchedulerChoice): AnyScheduler {
    if (choice.scheduler === 'sm2') return sm2Scheduler as AnyScheduler;
    const key = `${choice.desiredRetention}|${choice.weights ? choice.weights.join(',') : ''}`;
    let scheduler = this.fsrs.get(key);
    if (!scheduler) {
      scheduler = createFsrsScheduler({
        desiredRetention: choice.desiredRetention,
        ...(choice.weights ? { weights: choice.weights } : {}),
      }) as AnyScheduler;
      if (this.fsrs.size >= MAX_ENGINES) this.fsrs.delete(this.fsrs.keys().next().value!);
      this.fsrs.set(key, scheduler);
    }
    return scheduler;
  }
}
