import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { type Page, toPage } from '../common/pagination';
import { daysBetween } from '../common/stats';
import { DocumentsService } from '../documents/documents.service';
import { DuePlanner } from './due-planner.service';
import { LearningChanges } from './learning-changes';
import { ReviewCardsRepository } from './review-cards.repository';
import { type ExamRecord, ReviewExamsRepository } from './review-exams.repository';
import { ReviewSettingsService } from './review-settings.service';

const MAX_EXAMS_PER_STUDENT = 50;
const MAX_DAYS_AHEAD = 731;

/**
 * Exam dates a student sets for a topic or a document, or that come from a study plan's deadline. Setting one pulls in at once the due dates
 * of the cards in scope that the exam-date rule moves before it; later reviews of those cards are
 * planned around it (DuePlanner).
 */
@Injectable()
export class ReviewExamsService {
  constructor(
    private readonly exams: ReviewExamsRepository,
    private readonly cards: ReviewCardsRepository,
    private readonly settings: ReviewSettingsService,
    private readonly planner: DuePlanner,
    private readonly documents: DocumentsService,
    private readonly learning: LearningChanges,
    private readonly clock: Clock,
  ) {}

  async create(
    userId: string,
    input: { topic?: string; documentId?: string; examAt: string; targetRecall?: number },
  ): Promise<ExamRecord & { pulledIn: number }> {
    const now = this.clock.now();
    const examAt = new Date(input.examAt);
    if ((input.topic === undefined) === (input.documentId === undefined)) {
      throw new InvalidInputError('Give exactly one of topic and documentId');
    }
    if (!(examAt > now)) throw new InvalidInputError('examAt must be in the future');
    if (daysBetween(now, examAt) > MAX_DAYS_AHEAD) {
      throw new InvalidInputError('examAt must be within two years');
    }
    const documentId = input.documentId?.toLowerCase() ?? null;
    if (documentId !== null) await this.documents.get(userId, documentId);
    if ((await this.exams.count(userId)) >= MAX_EXAMS_PER_STUDENT) {
      throw new ConflictError(
        `At most ${MAX_EXAMS_PER_STUDENT} exam dates; delete a past one first`,
      );
    }
    const exam = await this.exams.insert(userId, {
      topics: input.topic === undefined ? [] : [input.topic],
      documentId,
      examAt,
      targetRecall: input.targetRecall ?? null,
      source: 'manual',
      planId: null,
      createdAt: now,
    });
    return { ...exam, pulledIn: await this.pullIn(userId, exam) };
  }

  /**
   * A study plan's deadline as an exam date for its topics (the student's desired retention as
   * target). The plan module calls this when a plan is generated.
   */
  async setFromStudyPlan(
    userId: string,
    plan: { id: string; topics: readonly string[]; deadline: Date },
  ): Promise<number> {
    if (plan.topics.length === 0 || !(plan.deadline > this.clock.now())) return 0;
    const exam = await this.exams.insert(userId, {
      topics: [...plan.topics],
      documentId: null,
      examAt: plan.deadline,
      targetRecall: null,
      source: 'study-plan',
      planId: plan.id,
      createdAt: this.clock.now(),
    });
    return this.pullIn(userId, exam);
  }

  async list(userId: string, limit: number, cursor?: string): Promise<Page<ExamRecord>> {
    return toPage(await this.exams.listPage(userId, limit, cursor), limit);
  }

  /** Removes the date; due dates already pulled in stay until the cards' next reviews. */
  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.exams.delete(userId, id))) throw new NotFoundError('Exam');
  }

  /** Moves the in-scope cards the rule asks for; a card changed meanwhile is left to its next review. */
  private async pullIn(userId: string, exam: ExamRecord): Promise<number> {
    const choice = await this.settings.choiceOf(userId);
    const now = this.clock.now();
    let moved = 0;
    for await (const card of this.cards.streamDueAfter(userId, exam, exam.examAt)) {
      const scheduler = this.settings.registry.get({ ...choice, scheduler: card.scheduler });
      const memory = scheduler.memory;
      if (!memory || !card.lastReviewedAt || !memory.isLongTerm(card.state)) continue;
      const pulled = this.planner.pullInForExam(
        memory,
        { state: card.state, dueAt: card.dueAt },
        card.lastReviewedAt,
        exam,
        choice,
      );
      if (!pulled) continue;
      const dueAt = pulled.dueAt < now ? now : pulled.dueAt;
      const updated = await this.cards.reschedule(card, {
        state: memory.withDue(pulled.state, dueAt),
        dueAt,
        dueReason: 'exam',
        examAt: exam.examAt,
      });
      if (updated) moved += 1;
    }
    if (moved > 0) await this.learning.changed(userId);
    return moved;
  }
}
