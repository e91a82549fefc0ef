import { Injectable } from '@nestjs/common';
import { seededRandom, seedFromString } from '../common/random/seeded-random';
import { addDays, daysBetween } from '../common/stats';
import { UsersService } from '../users/users.service';
import { localDateFormatter } from './due-calendar';
import { type CardRecord, ReviewCardsRepository } from './review-cards.repository';
import { type ExamRecord, ReviewExamsRepository } from './review-exams.repository';
import { ReviewSettingsService } from './review-settings.service';
import type { AnyScheduler, SchedulerChoice } from './scheduler-registry';
import { applyExamDate } from './schedulers/exam-date';
import { balanceInterval } from './schedulers/load-balance';
import type { MemoryModel, ReviewOutcome } from './schedulers/scheduler';
import type { DueReason } from './schemas/review-card.schema';

export interface PlannedDue {
  state: unknown;
  dueAt: Date;
  dueReason: DueReason | null;
  examAt: Date | null;
}

/** Upcoming exams read per scheduling decision. */
const MAX_EXAMS = 50;
/** Due dates read to weigh the days of a fuzz range. */
const MAX_LOAD_SAMPLE = 20_000;

/**
 * Turns the scheduler's due date into the one stored: pulled in before an exam in the card's scope
 * (exam-date rule), else spread within the fuzz range toward lighter days and away from the
 * student's easy days (load balancing). Only FSRS on day-scale intervals is adjusted; SM-2 and
 * minute-scale learning steps keep the scheduler's date.
 */
@Injectable()
export class DuePlanner {
  constructor(
    private readonly cards: ReviewCardsRepository,
    private readonly exams: ReviewExamsRepository,
    private readonly settings: ReviewSettingsService,
    private readonly users: UsersService,
  ) {}

  async plan(
    card: CardRecord,
    scheduler: AnyScheduler,
    choice: SchedulerChoice,
    outcome: ReviewOutcome<unknown>,
    reviewedAt: Date,
  ): Promise<PlannedDue> {
    const plain: PlannedDue = {
      state: outcome.state,
      dueAt: outcome.dueAt,
      dueReason: null,
      examAt: null,
    };
    const memory = scheduler.memory;
    if (!memory || !memory.isLongTerm(outcome.state)) return plain;

    const exam = this.examFor(card, await this.exams.upcoming(card.userId, reviewedAt, MAX_EXAMS));
    if (exam) {
      const pulled = this.pullInForExam(memory, outcome, reviewedAt, exam, choice);
      if (pulled) return pulled;
    }
    return this.balance(card, memory, outcome, reviewedAt);
  }

  /**
   * The card moved before the exam if the exam-date rule asks for it. The target at the exam is the
   * exam's own (if the student set one) or their desired retention.
   */
  pullInForExam(
    memory: MemoryModel<unknown>,
    outcome: { state: unknown; dueAt: Date },
    reviewedAt: Date,
    exam: Pick<ExamRecord, 'examAt' | 'targetRecall'>,
    choice: SchedulerChoice,
  ): PlannedDue | null {
    const examAt = exam.examAt;
    const result = applyExamDate({
      reviewedAt,
      dueAt: outcome.dueAt,
      examAt,
      stability: memory.stabilityOf(outcome.state),
      desiredRetention: exam.targetRecall ?? choice.desiredRetention,
      recall: (t, s) => memory.recall(t, s),
      stabilityAfterReview: (d) => memory.stabilityAfterGood(outcome.state, addDays(reviewedAt, d)),
    });
    if (!result.shortened) return null;
    return {
      state: memory.withDue(outcome.state, result.dueAt),
      dueAt: result.dueAt,
      dueReason: 'exam',
      examAt,
    };
  }

  /** The soonest upcoming exam whose scope (topics or document) holds the card. */
  examFor(
    card: Pick<CardRecord, 'topic' | 'documentId'>,
    exams: readonly ExamRecord[],
  ): ExamRecord | undefined {
    return exams.find(
      (exam) =>
        exam.topics.includes(card.topic) ||
        (exam.documentId !== null && exam.documentId === card.documentId),
    );
  }

  private async balance(
    card: CardRecord,
    memory: MemoryModel<unknown>,
    outcome: ReviewOutcome<unknown>,
    reviewedAt: Date,
  ): Promise<PlannedDue> {
    const interval = Math.round(outcome.intervalDays);
    const elapsed = card.lastReviewedAt ? daysBetween(card.lastReviewedAt, reviewedAt) : 0;
    const range = memory.fuzzRange(interval, elapsed);
    const plain = { state: outcome.state, dueAt: outcome.dueAt, dueReason: null, examAt: null };
    if (range.max <= range.min) return plain;

    const [{ timezone }, { easyDays }] = await Promise.all([
      this.users.getById(card.userId),
      this.settings.get(card.userId),
    ]);
    const dateOf = localDateFormatter(timezone);
    const due = await this.cards.dueDatesBetween(
      card.userId,
      addDays(reviewedAt, range.min - 1),
      addDays(reviewedAt, range.max + 1),
      MAX_LOAD_SAMPLE,
    );
    const perDate = new Map<string, number>();
    for (const at of due) perDate.set(dateOf(at), (perDate.get(dateOf(at)) ?? 0) + 1);
    const easy = new Set(easyDays);
    const days = balanceInterval({
      minDays: range.min,
      maxDays: range.max,
      dueOn: (d) => perDate.get(dateOf(addDays(reviewedAt, d))) ?? 0,
      isEasyDay: (d) =>
        easy.has(new Date(`${dateOf(addDays(reviewedAt, d))}T12:00:00Z`).getUTCDay()),
      random: seededRandom(seedFromString(`${card.id}:${card.version}`)),
    });
    const dueAt = addDays(reviewedAt, days);
    return { state: memory.withDue(outcome.state, dueAt), dueAt, dueReason: null, examAt: null };
  }
}
