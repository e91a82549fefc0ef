import { forwardRef, Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { QuestionsService } from '../questions/questions.service';
import { AnswerReviewsService } from '../reviews/answer-reviews.service';
import { AbilitiesRepository, difficultyKey, Estimate, thetaKey } from './abilities.repository';
import { AnswersRepository } from './answers.repository';
import { retryWhenBusy } from './busy-retry';
import { PendingEffectRecord, PendingEffectsRepository } from './pending-effects.repository';

/** Effects still pending this long after they were recorded were interrupted (not in flight). */
const REPAIR_AFTER_MS = 30_000;
const SWEEP_BATCH = 100;

/**
 * The side effects of an answer, through an outbox (there are no multi-document transactions):
 * 1. `record` writes what the answer owes to pending_answer_effects, before the answer is stored;
 * 2. the answer is stored;
 * 3. `apply` adds its Elo steps to the student's θ in the topic and to the question's difficulty
 *    (exactly once: each estimate remembers the latest answers it absorbed), has the question bank
 *    count it (at least once), counts it as a review of the student's card for the question if
 *    there is one (once per card and day), then deletes the pending record.
 * A crash leaves a pending record: the repair applies it if the answer was stored, or drops it if
 * not. It runs when a session ends and every minute for older records (idempotent, so every
 * instance may run it).
 */
@Injectable()
export class AnswerEffects {
  private readonly logger = new Logger('AnswerEffects');

  constructor(
    private readonly pending: PendingEffectsRepository,
    private readonly answers: AnswersRepository,
    private readonly abilities: AbilitiesRepository,
    private readonly questions: QuestionsService,
    @Inject(forwardRef(() => AnswerReviewsService))
    private readonly answerReviews: AnswerReviewsService,
    private readonly clock: Clock,
  ) {}

  /** Step 1; false when the same answer already has a pending record (a concurrent duplicate). */
  record(effect: PendingEffectRecord): Promise<boolean> {
    return this.pending.add(effect);
  }

  /** Drops the pending record of an answer that turned out to be a repeat (not stored). */
  discard(answerId: string): Promise<void> {
    return this.pending.remove(answerId);
  }

  /**
   * Step 3. `seen`: the two estimates as read just before the answer was recorded, so they need
   * not be read again; a repair reads them.
   */
  async apply(
    effect: PendingEffectRecord,
    seen?: { theta: Estimate | null; difficulty: Estimate | null },
  ): Promise<void> {
    await Promise.all([
      this.abilities.addStep(
        thetaKey(effect.userId, effect.topic),
        effect.answerId,
        effect.thetaDelta,
        seen?.theta,
      ),
      this.abilities.addStep(
        difficultyKey(effect.questionId),
        effect.answerId,
        effect.difficultyDelta,
        seen?.difficulty,
      ),
    ]);
    try {
      await retryWhenBusy(() => this.questions.recordOutcome(effect.questionId, effect.correct));
    } catch (error) {
      // The question was deleted from the bank since: its statistics went with it.
      if (!(error instanceof NotFoundError)) throw error;
    }
    // Graded answers as spaced-repetition reviews (idempotent per card and day).
    await this.answerReviews.recordGradedAnswer({
      userId: effect.userId,
      sessionId: effect.sessionId,
      questionId: effect.questionId,
      correct: effect.correct,
      responseMs: effect.responseMs ?? null,
      answeredAt: effect.createdAt,
    });
    await this.pending.remove(effect.answerId);
  }

  /** Finishes the interrupted effects of one session (when it ends). */
  async repairSession(sessionId: string): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - REPAIR_AFTER_MS);
    for (const effect of await this.pending.ofSession(sessionId, cutoff)) await this.repair(effect);
  }

  /** Finishes interrupted effects of any session, oldest first. */
  @Interval(60_000)
  async sweep(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - REPAIR_AFTER_MS);
    const stale = await this.pending.olderThan(cutoff, SWEEP_BATCH);
    for (const effect of stale) await this.repair(effect);
    return stale.length;
  }

  private async repair(effect: PendingEffectRecord): Promise<void> {
    const stored = await this.answers.findOne(effect.sessionId, effect.questionId);
    if (stored) {
      this.logger.warn(`Finishing the interrupted effects of answer ${effect.answerId}`);
      await this.apply(effect);
    } else {
      // The answer was never stored: it owes nothing.
      await this.pending.remove(effect.answerId);
    }
  }
}
