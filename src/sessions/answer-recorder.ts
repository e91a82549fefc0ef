import { forwardRef, Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors';
import { updateAbility } from '../common/stats';
import { CacheTags } from '../infra/cache/cache-tags.service';
import { Outbox, type PendingEffect } from '../infra/database';
import { QuestionsService } from '../questions/questions.service';
import { AnswerReviewsService } from '../reviews/answer-reviews.service';
import { AbilitiesRepository, difficultyKey, Estimate, thetaKey } from './abilities.repository';
import { AbilityEstimates } from './ability-estimates';
import type { CheckedAnswer } from './answer-check';
import { answerId, AnswersRepository, StoredAnswer } from './answers.repository';
import type { SessionItemRecord } from './sessions.repository';

/** The outbox kind of an answer's effects; the scope is its session. */
const KIND = 'answer';
/** Effects still pending this long after they were recorded were interrupted (not in flight). */
const REPAIR_AFTER_MS = 30_000;
const SWEEP_BATCH = 100;

/**
 * What an answer owes once stored: its Elo steps, the question bank's counters, and a review of the
 * student's card for the question if there is one.
 */
interface AnswerEffect {
  sessionId: string;
  userId: string;
  topic: string;
  questionId: string;
  correct: boolean;
  /** The response time (a graded answer's review grade depends on it). */
  responseMs?: number;
  thetaDelta: number;
  difficultyDelta: number;
}

export interface GradedSubmission {
  session: { id: string; userId: string };
  item: SessionItemRecord;
  documentId: string | null;
  answer: CheckedAnswer;
  correct: boolean;
  credit: number;
  responseMs: number;
}

/**
 * Stores a graded answer with its side effects, through the outbox (there are no multi-document
 * transactions):
 * 1. the Elo step the answer makes to the student's θ in the topic and to the question's
 *    difficulty is computed from the current estimates, and written to the outbox before the answer;
 * 2. the answer is stored (its `_id` is the session and question, so a repeat is refused);
 * 3. the steps are added to both estimates (exactly once: each estimate remembers the latest
 *    answers it absorbed), the question bank counts the answer (at least once), the answer counts
 *    as a review of the student's card for the question (once per card and day), and the outbox
 *    record is removed.
 * A crash leaves an outbox record: the repair applies it if the answer was stored, or drops it if
 * not. It runs when a session ends and every minute for older records (idempotent, so every
 * instance may run it).
 */
@Injectable()
export class AnswerRecorder {
  private readonly logger = new Logger('AnswerRecorder');

  constructor(
    private readonly outbox: Outbox,
    private readonly answers: AnswersRepository,
    private readonly abilities: AbilitiesRepository,
    private readonly estimates: AbilityEstimates,
    private readonly questions: QuestionsService,
    @Inject(forwardRef(() => AnswerReviewsService))
    private readonly answerReviews: AnswerReviewsService,
    private readonly clock: Clock,
    private readonly cacheTags: CacheTags,
  ) {}

  /**
   * Records the answer once: a repeat returns the first answer unchanged (`created: false`) and
   * records nothing.
   */
  async record(submission: GradedSubmission): Promise<{ answer: StoredAnswer; created: boolean }> {
    const { session, item } = submission;
    const before = await this.estimates.forAnswer(session.userId, item);
    const step = updateAbility(before.ability, before.item, submission.credit);
    const id = answerId(session.id, item.questionId);
    const effect: AnswerEffect = {
      sessionId: session.id,
      userId: session.userId,
      topic: item.topic,
      questionId: item.questionId,
      correct: submission.correct,
      responseMs: submission.responseMs,
      thetaDelta: step.student.theta - before.ability.theta,
      difficultyDelta: step.item.difficulty - before.item.difficulty,
    };
    const answeredAt = this.clock.now();
    const pending = {
      key: id,
      kind: KIND,
      scope: session.id,
      payload: effect,
      createdAt: answeredAt,
    };
    if (!(await this.outbox.add(pending))) {
      const earlier = await this.answers.findOne(session.id, item.questionId);
      if (earlier) return { answer: earlier, created: false };
      throw new ConflictError('This answer is being recorded: send it again in a moment');
    }
    const stored = await this.answers.insertOnce({
      sessionId: session.id,
      userId: session.userId,
      questionId: item.questionId,
      questionVersion: item.version,
      documentId: submission.documentId,
      topic: item.topic,
      difficulty: item.difficulty,
      ...submission.answer,
      correct: submission.correct,
      credit: submission.credit,
      responseMs: submission.responseMs,
      answeredAt,
      expected: step.expected,
      thetaDelta: effect.thetaDelta,
      difficultyDelta: effect.difficultyDelta,
    });
    if (stored.created) {
      await this.apply(id, effect, answeredAt, before.stored);
      // Figures cached from the student's answers, this session's and this document's are stale now.
      const tags = [`user:${session.userId}`, `session:${session.id}`];
      if (submission.documentId) tags.push(`document:${submission.documentId}`);
      await this.cacheTags.invalidate(...tags);
    } else await this.outbox.remove(id);
    return stored;
  }

  /** Finishes the interrupted effects of one session (when it ends). */
  async repairSession(sessionId: string): Promise<void> {
    const effects = await this.outbox.ofScope<AnswerEffect>(KIND, sessionId, this.repairCutoff());
    for (const effect of effects) await this.repair(effect);
  }

  /** Finishes interrupted effects of any session, oldest first. */
  @Interval(60_000)
  async sweep(): Promise<number> {
    const stale = await this.outbox.olderThan<AnswerEffect>(KIND, this.repairCutoff(), SWEEP_BATCH);
    for (const effect of stale) await this.repair(effect);
    return stale.length;
  }

  /**
   * Step 3. `seen`: the two estimates as read just before the answer was recorded, so they need
   * not be read again; a repair reads them.
   */
  private async apply(
    id: string,
    effect: AnswerEffect,
    answeredAt: Date,
    seen?: { theta: Estimate | null; difficulty: Estimate | null },
  ): Promise<void> {
    await Promise.all([
      this.abilities.addStep(
        thetaKey(effect.userId, effect.topic),
        id,
        effect.thetaDelta,
        seen?.theta,
      ),
      this.abilities.addStep(
        difficultyKey(effect.questionId),
        id,
        effect.difficultyDelta,
        seen?.difficulty,
      ),
    ]);
    try {
      await this.questions.recordOutcome(effect.questionId, effect.correct);
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
      answeredAt,
    });
    await this.outbox.remove(id);
  }

  private async repair(pending: PendingEffect<AnswerEffect>): Promise<void> {
    const effect = pending.payload;
    const stored = await this.answers.findOne(effect.sessionId, effect.questionId);
    if (stored) {
      this.logger.warn(`Finishing the interrupted effects of answer ${pending.key}`);
      await this.apply(pending.key, effect, pending.createdAt);
    } else {
      // The answer was never stored: it owes nothing.
      await this.outbox.remove(pending.key);
    }
  }

  private repairCutoff(): Date {
    return new Date(this.clock.now().getTime() - REPAIR_AFTER_MS);
  }
}
