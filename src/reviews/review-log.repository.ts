import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import type { ReviewGrade } from './schedulers/grades';
import type { SchedulerName } from './schedulers/scheduler';
import { ReviewLog } from './schemas/review-log.schema';
import type { ReviewKind } from './schemas/review-log.schema';

export interface LogRecord {
  id: string;
  userId: string;
  cardId: string;
  questionId: string;
  topic: string;
  sessionId: string;
  itemId: string;
  kind: ReviewKind;
  scheduler: SchedulerName;
  grade: ReviewGrade;
  reviewedAt: Date;
  elapsedDays: number | null;
  retrievability: number;
  responseMs: number | null;
  cardVersion: number;
  dueAt: Date | null;
  intervalDays: number | null;
}

export type NewLog = Omit<LogRecord, 'id'>;

export interface LogStreamOptions {
  since?: Date;
  until?: Date;
  topic?: string;
}

type LeanLog = ReviewLog & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toRecord = (log: LeanLog): LogRecord => ({
  id: log._id.toHexString(),
  userId: log.userId.toHexString(),
  cardId: log.cardId.toHexString(),
  questionId: log.questionId.toHexString(),
  topic: log.topic,
  sessionId: log.sessionId.toHexString(),
  itemId: log.itemId.toHexString(),
  kind: log.kind,
  scheduler: log.scheduler,
  grade: log.grade as ReviewGrade,
  reviewedAt: log.reviewedAt,
  elapsedDays: log.elapsedDays,
  retrievability: log.retrievability,
  responseMs: log.responseMs,
  cardVersion: log.cardVersion,
  dueAt: log.dueAt,
  intervalDays: log.intervalDays,
});

/** Every query on review_logs. Logs are only ever inserted (and removed when a grade is undone). */
@Injectable()
export class ReviewLogRepository {
  constructor(
    @InjectModel(ReviewLog.name) private readonly logs: Model<ReviewLog>,
    private readonly guard: WriteGuard,
  ) {}

  /** Inserts the log of an item; `created: false` returns the log an earlier attempt wrote. */
  async insertOnce(log: NewLog): Promise<{ log: LogRecord; created: boolean }> {
    const { value, created } = await this.guard.insertOrFind(
      async () => {
        const doc = await this.logs.create({
          ...log,
          userId: oid(log.userId),
          cardId: oid(log.cardId),
          questionId: oid(log.questionId),
          sessionId: oid(log.sessionId),
          itemId: oid(log.itemId),
        });
        return toRecord(doc.toObject() as LeanLog);
      },
      () => this.findByItem(log.userId, log.itemId),
    );
    return { log: value, created };
  }

  async findByItem(userId: string, itemId: string): Promise<LogRecord | null> {
    const log = await this.logs
      .findOne({ itemId: oid(itemId), userId: oid(userId) })
      .lean<LeanLog>()
      .exec();
    return log ? toRecord(log) : null;
  }

  /** Undoes a log whose grade could not be applied (the card changed in between). */
  async deleteById(userId: string, id: string): Promise<void> {
    await this.logs.deleteOne({ _id: oid(id), userId: oid(userId) }).exec();
  }

  /** A card's logged grades in time order (to rebuild its schedule under another scheduler). */
  async historyOfCard(userId: string, cardId: string): Promise<LogRecord[]> {
    const logs = await this.logs
      .find({ userId: oid(userId), cardId: oid(cardId) })
      .sort({ reviewedAt: 1 })
      .lean<LeanLog[]>()
      .exec();
    return logs.map(toRecord);
  }

  /** The student's reviews in time order; `since` inclusive, `until` exclusive. */
  async *streamOf(userId: string, options: LogStreamOptions = {}): AsyncIterable<LogRecord> {
    const filter: Record<string, unknown> = { userId: oid(userId) };
    const range: Record<string, Date> = {};
    if (options.since) range.$gte = options.since;
    if (options.until) range.$lt = options.until;
    if (Object.keys(range).length > 0) filter.reviewedAt = trusted(range);
    if (options.topic !== undefined) filter.topic = options.topic;
    const cursor = this.logs
      .find(filter)
      .sort({ reviewedAt: 1 })
      .lean<LeanLog[]>()
      .cursor({ batchSize: 1000 });
    for await (const log of cursor as AsyncIterable<LeanLog>) yield toRecord(log);
  }
}
