import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { default_w } from 'ts-fsrs';
import { Clock } from '../common/clock';
import { ConflictError } from '../common/errors';
import { JobsService, PermanentJobError } from '../infra/jobs/jobs.service';
import { UsersService } from '../users/users.service';
import { localDateFormatter } from './due-calendar';
import { LearningChanges } from './learning-changes';
import {
  type DayReview,
  evaluateParameters,
  splitByTime,
  toTrainingItems,
} from './optimiser/fsrs-optimiser';
import { fitParametersIsolated } from './optimiser/isolated-fit';
import { ReviewLogRepository } from './review-log.repository';
import { type ParametersRecord, ReviewParametersRepository } from './review-parameters.repository';

export const OPTIMIZE_PARAMETERS_JOB = 'reviews.optimize-parameters';

/**
 * Reviews needed before a student's parameters are fitted: Anki's optimiser asks for 400 reviews
 * before it fits all parameters (with fewer it keeps most defaults), and the held-out fifth of 400
 * (80 reviews) is the least that gives a log loss worth comparing.
 */
export const MIN_REVIEWS_TO_OPTIMIZE = 400;
/** The most recent fifth of the reviews is held out to decide adoption. */
const HELD_OUT_FRACTION = 0.2;
/** A periodic refit runs when the log grew by this fraction since the last fit. */
const REFIT_GROWTH = 0.1;
const DAY_MS = 86_400_000;

export interface ParametersView {
  /** The FSRS-6 parameters scheduling the student's cards. */
  parameters: number[];
  isDefault: boolean;
  fittedAt: Date | null;
  /** Reviews in the student's log now. */
  reviewCount: number;
  minReviews: number;
  lastFit: {
    reviewCount: number;
    logLossBefore: number | null;
    logLossAfter: number | null;
    /** Held-out log loss of the default parameters, for reference. */
    logLossDefaults: number | null;
    adopted: boolean;
    checkedAt: Date;
  } | null;
}

/**
 * Per-student FSRS parameters, fitted by the official optimiser (fsrs-rs) in a durable job from the
 * student's review log (self-graded reviews and graded answers alike). New parameters are adopted
 * only when their log loss on the held-out most recent reviews beats that of the parameters in use.
 * A job runs on request and, once a week at most, after a review when the log has grown.
 */
@Injectable()
export class ReviewParametersService implements OnModuleInit {
  private readonly logger = new Logger('ReviewParameters');
  /** Weeks for which this instance already queued a periodic refit, per student. */
  private readonly queuedWeeks = new Map<string, number>();

  constructor(
    private readonly parameters: ReviewParametersRepository,
    private readonly logs: ReviewLogRepository,
    private readonly jobs: JobsService,
    private readonly users: UsersService,
    private readonly learning: LearningChanges,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(OPTIMIZE_PARAMETERS_JOB, async (job) => {
      const userId = job.payload.userId;
      if (typeof userId !== 'string') throw new PermanentJobError('payload.userId is missing');
      return this.optimise(userId, job.payload.periodic === true);
    });
  }

  async get(userId: string): Promise<ParametersView> {
    const [stored, reviewCount] = await Promise.all([
      this.parameters.find(userId),
      this.logs.countOf(userId),
    ]);
    return {
      parameters: stored?.weights ?? [...default_w],
      isDefault: !stored?.weights,
      fittedAt: stored?.weights ? stored.fittedAt : null,
      reviewCount,
      minReviews: MIN_REVIEWS_TO_OPTIMIZE,
      lastFit: stored
        ? {
            reviewCount: stored.reviewCount,
            logLossBefore: stored.logLossBefore,
            logLossAfter: stored.logLossAfter,
            logLossDefaults: stored.logLossDefaults,
            adopted: stored.adopted,
            checkedAt: stored.checkedAt,
          }
        : null,
    };
  }

  /** Queues a fit now; one job per size of the log, so repeated requests share it. */
  async requestOptimisation(userId: string): Promise<{ jobId: string }> {
    const count = await this.logs.countOf(userId);
    if (count < MIN_REVIEWS_TO_OPTIMIZE) {
      throw new ConflictError(
        `Fitting your parameters needs at least ${MIN_REVIEWS_TO_OPTIMIZE} reviews; you have ${count}`,
        { reviewCount: count, minReviews: MIN_REVIEWS_TO_OPTIMIZE },
      );
    }
    const { job } = await this.jobs.enqueue({
      type: OPTIMIZE_PARAMETERS_JOB,
      ownerId: userId,
      payload: { userId },
      idempotencyKey: `reviews:${count}`,
    });
    return { jobId: job.id };
  }

  /** After a review: queues this week's periodic refit (the job decides whether it is due). */
  async noteReview(userId: string): Promise<void> {
    const week = Math.floor(this.clock.now().getTime() / (7 * DAY_MS));
    if (this.queuedWeeks.get(userId) === week) return;
    await this.jobs.enqueue({
      type: OPTIMIZE_PARAMETERS_JOB,
      ownerId: userId,
      payload: { userId, periodic: true },
      idempotencyKey: `week:${week}`,
    });
    if (this.queuedWeeks.size > 100_000) this.queuedWeeks.clear();
    this.queuedWeeks.set(userId, week);
  }

  /** Back to the default parameters (the fit history goes too). */
  async reset(userId: string): Promise<ParametersView> {
    await this.parameters.remove(userId);
    await this.learning.changed(userId);
    return this.get(userId);
  }

  private async optimise(userId: string, periodic: boolean): Promise<Record<string, unknown>> {
    const { timezone } = await this.users.getById(userId);
    const dayOf = localDateFormatter(timezone);
    const byCard = new Map<string, DayReview[]>();
    let count = 0;
    for await (const log of this.logs.streamOf(userId)) {
      if (log.kind !== 'review') continue;
      const day = Date.parse(`${dayOf(log.reviewedAt)}T00:00:00Z`) / DAY_MS;
      const reviews = byCard.get(log.cardId) ?? [];
      reviews.push({ day, grade: log.grade, at: log.reviewedAt.getTime() });
      byCard.set(log.cardId, reviews);
      count += 1;
    }
    if (count < MIN_REVIEWS_TO_OPTIMIZE) return { skipped: 'too few reviews', reviewCount: count };
    const stored = await this.parameters.find(userId);
    if (periodic && stored && count < stored.reviewCount * (1 + REFIT_GROWTH)) {
      return { skipped: 'too few new reviews', reviewCount: count };
    }

    const { train, test } = splitByTime(toTrainingItems([...byCard.values()]), HELD_OUT_FRACTION);
    if (train.length === 0) return { skipped: 'no reviews on a later day yet', reviewCount: count };
    const fitted = await fitParametersIsolated(train);
    const current = stored?.weights ?? undefined;
    const before = evaluateParameters(current, test);
    const after = evaluateParameters(fitted, test);
    const defaults = current ? evaluateParameters(undefined, test) : before;
    if (!before || !after || !defaults)
      return { skipped: 'no held-out reviews on a later day', reviewCount: count };
    const adopted = after.logLoss < before.logLoss;
    const now = this.clock.now();
    const record: ParametersRecord = {
      weights: adopted ? fitted : (current ?? null),
      fittedAt: adopted ? now : (stored?.fittedAt ?? null),
      reviewCount: count,
      logLossBefore: before.logLoss,
      logLossAfter: after.logLoss,
      logLossDefaults: defaults.logLoss,
      adopted,
      checkedAt: now,
    };
    await this.parameters.save(userId, record);
    if (adopted) await this.learning.changed(userId);
    this.logger.log(
      `Fitted FSRS parameters for ${userId} on ${count} reviews: log loss ${before.logLoss.toFixed(4)} → ${after.logLoss.toFixed(4)} (${adopted ? 'adopted' : 'kept the current ones'})`,
    );
    return {
      reviewCount: count,
      logLossBefore: before.logLoss,
      logLossAfter: after.logLoss,
      adopted,
    };
  }
}
