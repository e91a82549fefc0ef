import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config';
import { JobsService, PermanentJobError } from '../infra/jobs/jobs.service';
import { type CardRecord, ReviewCardsRepository } from './review-cards.repository';
import { ReviewLogRepository } from './review-log.repository';
import { ReviewSettingsRepository } from './review-settings.repository';
import { replayHistory } from './replay';
import { type SchedulerChoice, SchedulerRegistry } from './scheduler-registry';
import { LearningChanges } from './learning-changes';

export const CONVERT_SCHEDULES_JOB = 'reviews.convert-schedules';

export interface ReviewSettingsView extends SchedulerChoice {
  /** True while the student has not chosen (the defaults apply). */
  isDefault: boolean;
}

/**
 * The per-student scheduler choice, and the rebuilding of card schedules when it changes: each
 * card's logged grades are replayed through the new scheduler, so the switch keeps the history.
 * A background job converts every card; a card graded before the job reaches it is converted on
 * the spot.
 */
@Injectable()
export class ReviewSettingsService implements OnModuleInit {
  private readonly logger = new Logger('ReviewSettings');
  readonly registry = new SchedulerRegistry();

  constructor(
    private readonly settings: ReviewSettingsRepository,
    private readonly cards: ReviewCardsRepository,
    private readonly logs: ReviewLogRepository,
    private readonly jobs: JobsService,
    private readonly learning: LearningChanges,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(CONVERT_SCHEDULES_JOB, async (job, context) => {
      const userId = job.payload.userId;
      if (typeof userId !== 'string') throw new PermanentJobError('payload.userId is missing');
      const choice = await this.choiceOf(userId);
      let seen = 0;
      let converted = 0;
      for await (const card of this.cards.streamNotScheduledBy(userId, choice.scheduler)) {
        if (await this.convertCard(card, choice)) converted += 1;
        seen += 1;
        if (seen % 100 === 0) await context.progress(seen, seen + 1);
      }
      await this.learning.changed(userId);
      return { converted };
    });
  }

  async get(userId: string): Promise<ReviewSettingsView> {
    const stored = await this.settings.find(userId);
    return stored
      ? { scheduler: stored.scheduler, desiredRetention: stored.desiredRetention, isDefault: false }
      : { ...this.defaults(), isDefault: true };
  }

  async choiceOf(userId: string): Promise<SchedulerChoice> {
    const { scheduler, desiredRetention } = await this.get(userId);
    return { scheduler, desiredRetention };
  }

  /** Saves the choice; a change of algorithm queues the conversion of the student's cards. */
  async update(
    userId: string,
    change: { scheduler: SchedulerChoice['scheduler']; desiredRetention?: number },
  ): Promise<ReviewSettingsView & { conversionJobId: string | null }> {
    const before = await this.choiceOf(userId);
    const saved = await this.settings.save(userId, {
      scheduler: change.scheduler,
      desiredRetention: change.desiredRetention ?? before.desiredRetention,
    });
    let conversionJobId: string | null = null;
    if (saved.scheduler !== before.scheduler) {
      const { job } = await this.jobs.enqueue({
        type: CONVERT_SCHEDULES_JOB,
        ownerId: userId,
        payload: { userId },
        idempotencyKey: `${saved.scheduler}:${this.clock.now().toISOString()}`,
      });
      conversionJobId = job.id;
      this.logger.log(`Converting the cards of ${userId} to ${saved.scheduler}`);
    }
    await this.learning.changed(userId);
    return {
      scheduler: saved.scheduler,
      desiredRetention: saved.desiredRetention,
      isDefault: false,
      conversionJobId,
    };
  }

  /**
   * The card under the chosen scheduler: as it is if that scheduler wrote it, else rebuilt from
   * its logged grades. Null when the card changed meanwhile (the caller re-reads it).
   */
  async convertCard(card: CardRecord, choice: SchedulerChoice): Promise<CardRecord | null> {
    if (card.scheduler === choice.scheduler) return card;
    const history = await this.logs.historyOfCard(card.userId, card.id);
    const replayed = replayHistory(this.registry.get(choice), card.createdAt, history);
    return this.cards.convert(card, {
      scheduler: choice.scheduler,
      state: replayed.state,
      dueAt: replayed.dueAt,
    });
  }

  private defaults(): SchedulerChoice {
    return { scheduler: 'fsrs', desiredRetention: this.config.learning.fsrsDesiredRetention };
  }
}
