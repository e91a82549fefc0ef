import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors';
import { daysBetween } from '../common/stats';
import { QuestionsService } from '../questions/questions.service';
import type { QuestionView } from '../questions/question.types';
import {
  GRADE_NAMES,
  type GradeName,
  type GradeResultDto,
  type ReviewItemDto,
  type ReviewSessionDto,
} from './dto/review-session.dto';
import { LearningChanges } from './learning-changes';
import { ReviewCardsRepository } from './review-cards.repository';
import { type LogRecord, ReviewLogRepository } from './review-log.repository';
import {
  type ItemRecord,
  ReviewSessionsRepository,
  type SessionRecord,
} from './review-sessions.repository';
import { ReviewSettingsService } from './review-settings.service';
import { gradeToSm2Quality, type ReviewGrade } from './schedulers/grades';
import { needsSameDayRepeat } from './schedulers/sm2';

const GRADE_OF: Record<GradeName, ReviewGrade> = { again: 1, hard: 2, good: 3, easy: 4 };
const nameOf = (grade: ReviewGrade): GradeName => GRADE_NAMES[grade - 1];

/** SM-2 drills a failed item until it scores Good; after this many drills it waits for tomorrow. */
const MAX_DRILLS_PER_CARD = 5;
const DEFAULT_SESSION_SIZE = 20;

/**
 * Review sittings and grading. A grade is written in a fixed order, without transactions:
 *   1. the review log (unique per item: the idempotency key),
 *   2. the card's new schedule (compare-and-set on the card version the log names),
 *   3. the item's graded state.
 * A retry of the same review after a crash finds the log and finishes steps 2 and 3; a retry after
 * success finds the item graded and answers what it answered the first time.
 */
@Injectable()
export class ReviewSessionsService {
  constructor(
    private readonly sessions: ReviewSessionsRepository,
    private readonly cards: ReviewCardsRepository,
    private readonly logs: ReviewLogRepository,
    private readonly settings: ReviewSettingsService,
    private readonly questions: QuestionsService,
    private readonly learning: LearningChanges,
    private readonly clock: Clock,
  ) {}

  /** Starts a sitting with the due cards at the head of the queue. */
  async start(
    userId: string,
    options: { limit?: number; topic?: string },
  ): Promise<ReviewSessionDto> {
    const now = this.clock.now();
    const due = await this.cards.duePage(userId, {
      now,
      limit: options.limit ?? DEFAULT_SESSION_SIZE,
      topic: options.topic,
    });
    const cards = due.slice(0, options.limit ?? DEFAULT_SESSION_SIZE);
    if (cards.length === 0) {
      throw new ConflictError(
        options.topic === undefined
          ? 'No review cards are due'
          : `No review cards of the topic "${options.topic}" are due`,
      );
    }
    const session = await this.sessions.createSession(userId, options.topic ?? null, now);
    const items = await this.sessions.insertItems(
      userId,
      session.id,
      cards.map((card, index) => ({
        cardId: card.id,
        questionId: card.questionId,
        topic: card.topic,
        position: index + 1,
        kind: 'review' as const,
        drillOf: null,
        cardVersion: card.version,
      })),
    );
    return this.view(session, items);
  }

  async get(userId: string, id: string): Promise<ReviewSessionDto> {
    const session = await this.requireSession(userId, id);
    return this.view(session, await this.sessions.itemsOf(userId, id));
  }

  /** Grades one item; the same grade again answers the same, another grade is a conflict. */
  async grade(
    userId: string,
    sessionId: string,
    reviewId: string,
    input: { grade: GradeName; responseMs?: number },
  ): Promise<GradeResultDto> {
    await this.requireSession(userId, sessionId);
    const item = await this.sessions.findItem(userId, sessionId, reviewId);
    if (!item) throw new NotFoundError('Review');
    const grade = GRADE_OF[input.grade];
    if (item.status === 'graded') return this.answered(item, grade);

    const earlier = await this.logs.findByItem(userId, item.id);
    if (earlier) return this.resume(item, earlier, grade);

    let card = await this.cards.findOwned(userId, item.cardId);
    if (!card) throw new ConflictError('The card of this review was deleted');
    if (item.kind === 'review' && card.version !== item.cardVersion) {
      throw new ConflictError('This card was reviewed or rescheduled after the session started');
    }
    const choice = await this.settings.choiceOf(userId);
    card = await this.settings.convertCard(card, choice);
    if (!card) throw new ConflictError('The card changed meanwhile; grade it again');
    const scheduler = this.settings.registry.get(choice);
    const now = this.clock.now();
    const reviewedAt = card.lastReviewedAt && card.lastReviewedAt > now ? card.lastReviewedAt : now;
    const outcome = item.kind === 'review' ? scheduler.review(card.state, grade, reviewedAt) : null;
    const { log, created } = await this.logs.insertOnce({
      userId,
      cardId: card.id,
      questionId: card.questionId,
      topic: card.topic,
      sessionId,
      itemId: item.id,
      kind: item.kind,
      scheduler: choice.scheduler,
      grade,
      reviewedAt,
      elapsedDays: card.lastReviewedAt ? daysBetween(card.lastReviewedAt, reviewedAt) : null,
      retrievability: scheduler.retrievability(card.state, reviewedAt),
      responseMs: input.responseMs ?? null,
      cardVersion: card.version,
      dueAt: outcome?.dueAt ?? null,
      intervalDays: outcome?.intervalDays ?? null,
    });
    if (!created) return this.resume(item, log, grade);
    if (outcome) {
      const applied = await this.cards.applyReview(card, {
        scheduler: choice.scheduler,
        state: outcome.state,
        dueAt: outcome.dueAt,
        reviewedAt,
        lapse: grade === 1,
      });
      if (!applied && !(await this.wasApplied(log))) {
        await this.logs.deleteById(userId, log.id);
        throw new ConflictError('The card changed while grading; read the session again and retry');
      }
    }
    return this.complete(item, log);
  }

  /** Finishes an attempt that wrote its log (an earlier crash, or a concurrent request). */
  private async resume(
    item: ItemRecord,
    log: LogRecord,
    grade: ReviewGrade,
  ): Promise<GradeResultDto> {
    if (log.grade !== grade) throw this.regraded(log.grade);
    if (log.kind === 'review' && !(await this.wasApplied(log))) {
      const card = await this.cards.findOwned(log.userId, log.cardId);
      if (card && card.version === log.cardVersion && card.scheduler === log.scheduler) {
        const choice = await this.settings.choiceOf(log.userId);
        const scheduler = this.settings.registry.get({ ...choice, scheduler: log.scheduler });
        const outcome = scheduler.review(card.state, log.grade, log.reviewedAt);
        const applied = await this.cards.applyReview(card, {
          scheduler: log.scheduler,
          state: outcome.state,
          dueAt: outcome.dueAt,
          reviewedAt: log.reviewedAt,
          lapse: log.grade === 1,
        });
        if (!applied && !(await this.wasApplied(log))) {
          throw new ConflictError('The card changed while grading; retry');
        }
      }
    }
    return this.complete(item, log);
  }

  /** True when the card already carries the review of this log (its version moved past it). */
  private async wasApplied(log: LogRecord): Promise<boolean> {
    const card = await this.cards.findOwned(log.userId, log.cardId);
    return !card || card.version > log.cardVersion;
  }

  /** Step 3: marks the item graded (once), adds SM-2's drill if needed, and answers. */
  private async complete(item: ItemRecord, log: LogRecord): Promise<GradeResultDto> {
    const graded = await this.sessions.markGraded(item.userId, item.id, {
      grade: log.grade,
      gradedAt: log.reviewedAt,
      dueAt: log.dueAt,
      intervalDays: log.intervalDays,
    });
    let drill: ItemRecord | null = null;
    if (graded) {
      await this.sessions.touchSession(item.userId, item.sessionId, log.reviewedAt);
      drill = await this.addDrillIfNeeded(item, log);
      await this.learning.changed(item.userId);
    } else {
      drill = await this.sessions.findDrillOf(item.userId, item.sessionId, item.id);
    }
    return toResult(item, log, drill);
  }

  /** SM-2, step 7: an item graded below 4 is repeated in the same sitting until it scores 4. */
  private async addDrillIfNeeded(item: ItemRecord, log: LogRecord): Promise<ItemRecord | null> {
    if (log.scheduler !== 'sm2' || !needsSameDayRepeat(gradeToSm2Quality(log.grade))) return null;
    const items = await this.sessions.itemsOf(item.userId, item.sessionId);
    const drills = items.filter((i) => i.cardId === item.cardId && i.kind === 'drill').length;
    if (drills >= MAX_DRILLS_PER_CARD) return null;
    const last = items.reduce((highest, i) => Math.max(highest, i.position), 0);
    const [drill] = await this.sessions.insertItems(item.userId, item.sessionId, [
      {
        cardId: item.cardId,
        questionId: item.questionId,
        topic: item.topic,
        position: last + 1,
        kind: 'drill',
        drillOf: item.id,
        cardVersion: log.cardVersion + (log.kind === 'review' ? 1 : 0),
      },
    ]);
    return drill;
  }

  private async answered(item: ItemRecord, grade: ReviewGrade): Promise<GradeResultDto> {
    if (item.grade !== grade) throw this.regraded(item.grade ?? grade);
    const log = await this.logs.findByItem(item.userId, item.id);
    if (!log) throw new ConflictError('This review was graded but its log is missing');
    const drill = await this.sessions.findDrillOf(item.userId, item.sessionId, item.id);
    return toResult(item, log, drill);
  }

  private regraded(grade: ReviewGrade): ConflictError {
    return new ConflictError(`This review was already graded "${nameOf(grade)}"`);
  }

  private async requireSession(userId: string, id: string): Promise<SessionRecord> {
    const session = await this.sessions.findSession(userId, id);
    if (!session) throw new NotFoundError('Review session');
    return session;
  }

  private async view(
    session: SessionRecord,
    items: readonly ItemRecord[],
  ): Promise<ReviewSessionDto> {
    const questions = await this.questions.getManyUnchecked([
      ...new Set(items.map((i) => i.questionId)),
    ]);
    const byId = new Map(questions.map((q) => [q.id, q]));
    const graded = items.filter((i) => i.status === 'graded').length;
    return {
      id: session.id,
      topic: session.topic,
      startedAt: session.startedAt,
      status: graded === items.length ? 'completed' : 'active',
      total: items.length,
      graded,
      items: items.map((item) => toItemDto(item, byId.get(item.questionId))),
    };
  }
}

function toItemDto(item: ItemRecord, question: QuestionView | undefined): ReviewItemDto {
  return {
    reviewId: item.id,
    cardId: item.cardId,
    position: item.position,
    kind: item.kind,
    topic: item.topic,
    status: item.status,
    grade: item.grade ? nameOf(item.grade) : null,
    gradedAt: item.gradedAt,
    dueAt: item.dueAt,
    question: question
      ? {
          id: question.id,
          type: question.type,
          stem: question.stem,
          choices: question.choices.map((c) => ({ id: c.id, text: c.text })),
          back: {
            correctChoiceIds: question.correctChoiceIds,
            answer: question.answer,
            acceptedAnswers: question.acceptedAnswers,
            explanation: question.explanation,
          },
        }
      : null,
  };
}

function toResult(item: ItemRecord, log: LogRecord, drill: ItemRecord | null): GradeResultDto {
  return {
    reviewId: item.id,
    cardId: item.cardId,
    kind: log.kind,
    grade: nameOf(log.grade),
    scheduler: log.scheduler,
    reviewedAt: log.reviewedAt,
    retrievabilityBefore: log.retrievability,
    dueAt: log.dueAt,
    intervalDays: log.intervalDays,
    drillReviewId: drill ? drill.id : null,
  };
}
