import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { median } from '../common/stats';
import { daysBetween } from '../common/stats';
import { UsersService } from '../users/users.service';
import { localDateFormatter } from './due-calendar';
import { DuePlanner } from './due-planner.service';
import { LearningChanges } from './learning-changes';
import { ReviewCardsRepository } from './review-cards.repository';
import { ReviewLogRepository } from './review-log.repository';
import { ReviewParametersService } from './review-parameters.service';
import { ReviewSettingsService } from './review-settings.service';
import { gradeFromAnswer } from './schedulers/answer-grade';
import type { ReviewGrade } from './schedulers/grades';

/** A graded answer of a practice, exam or adaptive session. */
export interface GradedAnswer {
  userId: string;
  sessionId: string;
  questionId: string;
  correct: boolean;
  responseMs: number | null;
  answeredAt: Date;
}

export type GradedAnswerOutcome =
  | { counted: true; cardId: string; grade: ReviewGrade; dueAt: Date }
  | { counted: false; reason: 'no-card' | 'reviewed-today' | 'already-counted' | 'card-changed' };

/** Graded answers whose response times make the student's median. */
const MEDIAN_WINDOW = 200;

/**
 * Graded answers as reviews: an answer to a question that is one of the student's review cards is
 * a review of that card, at most once per card and local day (a card reviewed that day, either
 * way, is left alone). The log's item id is derived from the card and the day, so a repeated call
 * (the answer outbox applies its effects at least once) writes nothing twice.
 */
@Injectable()
export class AnswerReviewsService {
  constructor(
    private readonly cards: ReviewCardsRepository,
    private readonly logs: ReviewLogRepository,
    private readonly settings: ReviewSettingsService,
    private readonly parameters: ReviewParametersService,
    private readonly planner: DuePlanner,
    private readonly users: UsersService,
    private readonly learning: LearningChanges,
  ) {}

  async recordGradedAnswer(answer: GradedAnswer): Promise<GradedAnswerOutcome> {
    const [found] = await this.cards.findByQuestions(answer.userId, [answer.questionId]);
    if (!found) return { counted: false, reason: 'no-card' };
    const { timezone } = await this.users.getById(answer.userId);
    const dateOf = localDateFormatter(timezone);
    const day = dateOf(answer.answeredAt);
    const itemId = createHash('sha256')
      .update(`graded-answer:${found.id}:${day}`)
      .digest('hex')
      .slice(0, 24);
    if (await this.logs.findByItem(answer.userId, itemId)) {
      return { counted: false, reason: 'already-counted' };
    }
    if (found.lastReviewedAt && dateOf(found.lastReviewedAt) === day) {
      return { counted: false, reason: 'reviewed-today' };
    }
    const choice = await this.settings.choiceOf(answer.userId);
    const card = await this.settings.convertCard(found, choice);
    if (!card) return { counted: false, reason: 'card-changed' };

    const times = await this.logs.recentAnswerTimes(answer.userId, MEDIAN_WINDOW);
    const grade = gradeFromAnswer(answer.correct, answer.responseMs, median(times) ?? null);
    const scheduler = this.settings.registry.get(choice);
    const reviewedAt =
      card.lastReviewedAt && card.lastReviewedAt > answer.answeredAt
        ? card.lastReviewedAt
        : answer.answeredAt;
    const outcome = scheduler.review(card.state, grade, reviewedAt);
    const planned = await this.planner.plan(card, scheduler, choice, outcome, reviewedAt);
    const { log, created } = await this.logs.insertOnce({
      userId: answer.userId,
      cardId: card.id,
      questionId: card.questionId,
      topic: card.topic,
      sessionId: answer.sessionId,
      itemId,
      kind: 'review',
      source: 'answer',
      scheduler: choice.scheduler,
      grade,
      reviewedAt,
      elapsedDays: card.lastReviewedAt ? daysBetween(card.lastReviewedAt, reviewedAt) : null,
      retrievability: scheduler.retrievability(card.state, reviewedAt),
      responseMs: answer.responseMs,
      cardVersion: card.version,
      dueAt: planned.dueAt,
      intervalDays: daysBetween(reviewedAt, planned.dueAt),
    });
    if (!created) return { counted: false, reason: 'already-counted' };
    const applied = await this.cards.applyReview(card, {
      scheduler: choice.scheduler,
      state: planned.state,
      dueAt: planned.dueAt,
      reviewedAt,
      lapse: grade === 1,
      dueReason: planned.dueReason,
      examAt: planned.examAt,
    });
    if (!applied) {
      // Graded or rescheduled meanwhile: that change stands and this answer does not count.
      await this.logs.deleteById(answer.userId, log.id);
      return { counted: false, reason: 'card-changed' };
    }
    await this.learning.changed(answer.userId);
    await this.parameters.noteReview(answer.userId);
    return { counted: true, cardId: card.id, grade, dueAt: planned.dueAt };
  }
}
