import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { toPage } from '../common/pagination';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { daysBetween } from '../common/stats';
import { QuestionsService } from '../questions/questions.service';
import { SessionHistoryService } from '../sessions/session-history.service';
import { UsersService } from '../users/users.service';
import { type DueCalendar, DueCalendarBuilder } from './due-calendar';
import type { CardDto, FromSessionDto, QueueItemDto, QueuePageDto } from './dto/card.dto';
import { LearningChanges } from './learning-changes';
import { type CardRecord, type NewCard, ReviewCardsRepository } from './review-cards.repository';
import { type LogStreamOptions, ReviewLogRepository } from './review-log.repository';
import { ReviewSessionsRepository } from './review-sessions.repository';
import { ReviewSettingsService } from './review-settings.service';
import type { SchedulerChoice } from './scheduler-registry';
import type { ReviewGrade } from './schedulers/grades';
import type { CardSource } from './schemas/review-card.schema';
import type { ReviewKind } from './schemas/review-log.schema';

/** One logged review, as other modules (analytics, predictions) read it. */
export interface ReviewEvent {
  cardId: string;
  topic: string;
  kind: ReviewKind;
  grade: ReviewGrade;
  /** Grades Hard, Good and Easy mean the item was recalled; Again that it was not. */
  recalled: boolean;
  reviewedAt: Date;
  /** Days since the card's previous review; null for its first. */
  elapsedDays: number | null;
  retrievability: number;
  responseMs: number | null;
  sessionId: string;
}

/** A student's cards of one topic, for the study planner. */
export interface TopicCards {
  topic: string;
  cards: number;
  /** Mean probability of recall now over the topic's reviewed cards; undefined if none was reviewed. */
  meanRetrievability: number | undefined;
  /** Due dates up to the horizon asked for, earliest first (at most `maxDueDates` in all). */
  dueDates: Date[];
}

/** A finished or ongoing review sitting (its end is the last grade). */
export interface ReviewSitting {
  id: string;
  startedAt: Date;
  endedAt: Date;
}

const MAX_RESCHEDULE_DAYS = 36500;

/**
 * Cards, the queue, the forecast and the hand-made changes of a schedule; also the read side other
 * modules use (review history, cards per topic, review sittings).
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly cards: ReviewCardsRepository,
    private readonly logs: ReviewLogRepository,
    private readonly sittings: ReviewSessionsRepository,
    private readonly settings: ReviewSettingsService,
    private readonly questions: QuestionsService,
    private readonly sessions: SessionHistoryService,
    private readonly users: UsersService,
    private readonly learning: LearningChanges,
    private readonly clock: Clock,
  ) {}

  async createCard(userId: string, questionId: string): Promise<CardDto> {
    const question = await this.questions.getById(userId, questionId);
    const choice = await this.settings.choiceOf(userId);
    const card = await this.cards.insert(
      this.newCard(userId, choice, {
        questionId: question.id,
        questionVersion: question.version,
        topic: question.topic,
        documentId: question.documentId,
        source: 'manual',
        sourceSessionId: null,
      }),
    );
    if (!card) {
      const [existing] = await this.cards.findByQuestions(userId, [question.id]);
      throw new ConflictError('This question already has a review card', {
        cardId: existing?.id,
      });
    }
    await this.learning.changed(userId);
    return this.toDto(card, choice);
  }

  /**
   * Cards for the questions the student got wrong (or only partly right) in one of their test or
   * practice sessions; a question that already has a card keeps it (the unique index decides).
   */
  async createFromSession(userId: string, sessionId: string): Promise<FromSessionDto> {
    const mistakes = await this.sessions.mistakesOf(userId, sessionId);
    const byQuestion = new Map(mistakes.map((m) => [m.questionId, m]));
    const questions = await this.questions.getManyUnchecked([...byQuestion.keys()]);
    const documents = new Map(questions.map((q) => [q.id, q.documentId]));
    const choice = await this.settings.choiceOf(userId);
    const fresh = [...byQuestion.values()]
      .filter((m) => documents.has(m.questionId))
      .map((m) =>
        this.newCard(userId, choice, {
          questionId: m.questionId,
          questionVersion: m.questionVersion,
          topic: m.topic,
          documentId: documents.get(m.questionId) ?? null,
          source: 'session-mistake',
          sourceSessionId: sessionId,
        }),
      );
    const inserted = await this.cards.insertManyIfAbsent(fresh);
    const cards = await this.cards.findByQuestions(
      userId,
      fresh.map((card) => card.questionId),
    );
    if (inserted.length > 0) await this.learning.changed(userId);
    return {
      created: inserted.length,
      existing: cards.length - inserted.length,
      cards: cards.map((card) => this.toDto(card, choice)),
    };
  }

  async getCard(userId: string, id: string): Promise<CardDto> {
    const card = await this.requireCard(userId, id);
    return this.toDto(card, await this.settings.choiceOf(userId));
  }

  async listCards(userId: string, limit: number, cursor?: string) {
    const page = toPage(await this.cards.listPage(userId, limit, cursor), limit);
    const choice = await this.settings.choiceOf(userId);
    return { items: page.items.map((card) => this.toDto(card, choice)), next: page.next };
  }

  async deleteCard(userId: string, id: string): Promise<void> {
    if (!(await this.cards.delete(userId, id))) throw new NotFoundError('Review card');
    await this.learning.changed(userId);
  }

  /** Due cards, earliest due first; the cursor holds the due time and id of the last card seen. */
  async queue(
    userId: string,
    query: { limit: number; cursor?: string; topic?: string },
  ): Promise<QueuePageDto> {
    const now = this.clock.now();
    const rows = await this.cards.duePage(userId, {
      now,
      limit: query.limit,
      topic: query.topic,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const choice = await this.settings.choiceOf(userId);
    const page = toPage(rows, query.limit, encodeCursor);
    const items: QueueItemDto[] = page.items.map((card) => ({
      ...this.toDto(card, choice, now),
      overdueDays: Math.max(0, daysBetween(card.dueAt, now)),
    }));
    return { items, next: page.next };
  }

  /** How many cards fall due on each of the next `days` local days (today first), and overdue. */
  async schedule(userId: string, days: number, topic?: string): Promise<DueCalendar> {
    const { timezone } = await this.users.getById(userId);
    const now = this.clock.now();
    const calendar = new DueCalendarBuilder(timezone, now, days);
    // A local day lasts at most 25 hours, so this bound covers the last day whatever the zone.
    const until = new Date(now.getTime() + (days + 2) * 86_400_000);
    for await (const card of this.cards.streamDue(userId, {
      until,
      topics: topic === undefined ? undefined : [topic],
    })) {
      calendar.add(card.dueAt);
    }
    return calendar.result();
  }

  /** Moves a card's due date by hand (not a review: nothing is logged and the state is kept). */
  async reschedule(userId: string, id: string, dueAtText: string): Promise<CardDto> {
    const dueAt = new Date(dueAtText);
    const now = this.clock.now();
    if (!Number.isFinite(dueAt.getTime()))
      throw new InvalidInputError('dueAt must be a valid date');
    if (dueAt < now) throw new InvalidInputError('dueAt must not be in the past');
    if (daysBetween(now, dueAt) > MAX_RESCHEDULE_DAYS) {
      throw new InvalidInputError('dueAt must be within 100 years');
    }
    const card = await this.requireCard(userId, id);
    const state =
      card.scheduler === 'fsrs'
        ? { ...(card.state as Record<string, unknown>), due: dueAt.toISOString() }
        : card.state;
    const updated = await this.cards.reschedule(card, { state, dueAt });
    if (!updated) throw new ConflictError('The card changed meanwhile; read it again and retry');
    await this.learning.changed(userId);
    return this.toDto(updated, await this.settings.choiceOf(userId));
  }

  /** The student's logged reviews in time order ("since" inclusive, "until" exclusive). */
  async *streamReviews(userId: string, options: LogStreamOptions = {}): AsyncIterable<ReviewEvent> {
    for await (const log of this.logs.streamOf(userId, options)) {
      yield {
        cardId: log.cardId,
        topic: log.topic,
        kind: log.kind,
        grade: log.grade,
        recalled: log.grade >= 2,
        reviewedAt: log.reviewedAt,
        elapsedDays: log.elapsedDays,
        retrievability: log.retrievability,
        responseMs: log.responseMs,
        sessionId: log.sessionId,
      };
    }
  }

  /**
   * Per topic: the number of cards, their mean probability of recall now, and the due dates up
   * to `until` (all topics' dates together capped at `maxDueDates`, earliest first).
   */
  async cardsByTopic(
    userId: string,
    topics: readonly string[],
    until: Date,
    maxDueDates = 5000,
  ): Promise<TopicCards[]> {
    const now = this.clock.now();
    const choice = await this.settings.choiceOf(userId);
    const summary = new Map(
      topics.map((topic) => [topic, { cards: 0, reviewed: 0, recall: 0, dueDates: [] as Date[] }]),
    );
    let dates = 0;
    for await (const card of this.cards.streamDue(userId, { topics })) {
      const entry = summary.get(card.topic);
      if (!entry) continue;
      entry.cards += 1;
      const scheduler = this.settings.registry.get({ ...choice, scheduler: card.scheduler });
      if (card.lastReviewedAt) {
        entry.reviewed += 1;
        entry.recall += scheduler.retrievability(card.state, now);
      }
      if (card.dueAt < until && dates < maxDueDates) {
        entry.dueDates.push(card.dueAt);
        dates += 1;
      }
    }
    return topics.map((topic) => {
      const entry = summary.get(topic)!;
      return {
        topic,
        cards: entry.cards,
        meanRetrievability: entry.reviewed > 0 ? entry.recall / entry.reviewed : undefined,
        dueDates: entry.dueDates,
      };
    });
  }

  /** The student's review sittings with at least one grade, started in [since, until). */
  async sittingsOf(userId: string, since?: Date, until?: Date): Promise<ReviewSitting[]> {
    const sessions = await this.sittings.sessionsOf(userId, since, until);
    return sessions.flatMap((s) =>
      s.lastGradedAt ? [{ id: s.id, startedAt: s.startedAt, endedAt: s.lastGradedAt }] : [],
    );
  }

  toDto(card: CardRecord, choice: SchedulerChoice, now = this.clock.now()): CardDto {
    const scheduler = this.settings.registry.get({ ...choice, scheduler: card.scheduler });
    return {
      id: card.id,
      questionId: card.questionId,
      questionVersion: card.questionVersion,
      topic: card.topic,
      documentId: card.documentId,
      scheduler: card.scheduler,
      dueAt: card.dueAt,
      lastReviewedAt: card.lastReviewedAt,
      reviews: card.reviews,
      lapses: card.lapses,
      retrievability: scheduler.retrievability(card.state, now),
      source: card.source,
      sourceSessionId: card.sourceSessionId,
      createdAt: card.createdAt,
    };
  }

  private async requireCard(userId: string, id: string): Promise<CardRecord> {
    const card = await this.cards.findOwned(userId, id);
    if (!card) throw new NotFoundError('Review card');
    return card;
  }

  private newCard(
    userId: string,
    choice: SchedulerChoice,
    fields: {
      questionId: string;
      questionVersion: number;
      topic: string;
      documentId: string | null;
      source: CardSource;
      sourceSessionId: string | null;
    },
  ): NewCard {
    const now = this.clock.now();
    return {
      userId,
      ...fields,
      scheduler: choice.scheduler,
      state: this.settings.registry.get(choice).initialState(now),
      dueAt: now,
      createdAt: now,
    };
  }
}

function encodeCursor(card: CardRecord): string {
  return `${card.dueAt.getTime().toString(36)}.${card.id}`;
}

function decodeCursor(cursor: string): { dueAt: Date; id: string } {
  const [time, id] = cursor.split('.');
  const dueAt = new Date(parseInt(time, 36));
  if (!Number.isFinite(dueAt.getTime())) {
    throw new InvalidInputError('cursor must be the `next` value of a previous page');
  }
  return { dueAt, id };
}
