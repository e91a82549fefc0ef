import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import type { ReviewGrade } from './schedulers/grades';
import { ReviewItem } from './schemas/review-item.schema';
import type { ItemStatus } from './schemas/review-item.schema';
import type { ReviewKind } from './schemas/review-log.schema';
import { ReviewSession } from './schemas/review-session.schema';

export interface SessionRecord {
  id: string;
  userId: string;
  topic: string | null;
  startedAt: Date;
  lastGradedAt: Date | null;
}

export interface ItemRecord {
  id: string;
  userId: string;
  sessionId: string;
  cardId: string;
  questionId: string;
  topic: string;
  position: number;
  kind: ReviewKind;
  drillOf: string | null;
  cardVersion: number;
  status: ItemStatus;
  grade: ReviewGrade | null;
  gradedAt: Date | null;
  dueAt: Date | null;
  intervalDays: number | null;
}

export type NewItem = Pick<
  ItemRecord,
  'cardId' | 'questionId' | 'topic' | 'position' | 'kind' | 'drillOf' | 'cardVersion'
>;

type LeanSession = ReviewSession & { _id: Types.ObjectId };
type LeanItem = ReviewItem & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toSession = (session: LeanSession): SessionRecord => ({
  id: session._id.toHexString(),
  userId: session.userId.toHexString(),
  topic: session.topic,
  startedAt: session.startedAt,
  lastGradedAt: session.lastGradedAt,
});

const toItem = (item: LeanItem): ItemRecord => ({
  id: item._id.toHexString(),
  userId: item.userId.toHexString(),
  sessionId: item.sessionId.toHexString(),
  cardId: item.cardId.toHexString(),
  questionId: item.questionId.toHexString(),
  topic: item.topic,
  position: item.position,
  kind: item.kind,
  drillOf: item.drillOf ? item.drillOf.toHexString() : null,
  cardVersion: item.cardVersion,
  status: item.status,
  grade: item.grade as ReviewGrade | null,
  gradedAt: item.gradedAt,
  dueAt: item.dueAt,
  intervalDays: item.intervalDays,
});

/** Every query on review_sessions and review_items. Reads by id filter on `_id` alone (see ReviewCardsRepository). */
@Injectable()
export class ReviewSessionsRepository {
  constructor(
    @InjectModel(ReviewSession.name) private readonly sessions: Model<ReviewSession>,
    @InjectModel(ReviewItem.name) private readonly items: Model<ReviewItem>,
  ) {}

  async createSession(
    userId: string,
    topic: string | null,
    startedAt: Date,
  ): Promise<SessionRecord> {
    const created = await this.sessions.create({ userId: oid(userId), topic, startedAt });
    return toSession(created.toObject() as LeanSession);
  }

  async insertItems(
    userId: string,
    sessionId: string,
    items: readonly NewItem[],
  ): Promise<ItemRecord[]> {
    if (items.length === 0) return [];
    const created = await this.items.insertMany(
      items.map((item) => ({
        ...item,
        userId: oid(userId),
        sessionId: oid(sessionId),
        cardId: oid(item.cardId),
        questionId: oid(item.questionId),
        drillOf: item.drillOf ? oid(item.drillOf) : null,
      })),
    );
    return created.map((doc) => toItem(doc.toObject() as LeanItem));
  }

  async findSession(userId: string, id: string): Promise<SessionRecord | null> {
    const session = await this.sessions
      .findOne({ _id: oid(id) })
      .lean<LeanSession>()
      .exec();
    return session && session.userId.toHexString() === userId ? toSession(session) : null;
  }

  /** The student's review sessions started in [since, until), oldest first. */
  async sessionsOf(userId: string, since?: Date, until?: Date): Promise<SessionRecord[]> {
    const filter: Record<string, unknown> = { userId: oid(userId) };
    const range: Record<string, Date> = {};
    if (since) range.$gte = since;
    if (until) range.$lt = until;
    if (Object.keys(range).length > 0) filter.startedAt = trusted(range);
    const sessions = await this.sessions
      .find(filter)
      .sort({ startedAt: 1 })
      .lean<LeanSession[]>()
      .exec();
    return sessions.map(toSession);
  }

  async itemsOf(userId: string, sessionId: string): Promise<ItemRecord[]> {
    const items = await this.items
      .find({ userId: oid(userId), sessionId: oid(sessionId) })
      .sort({ position: 1, _id: 1 })
      .lean<LeanItem[]>()
      .exec();
    return items.map(toItem);
  }

  async findItem(userId: string, sessionId: string, id: string): Promise<ItemRecord | null> {
    const item = await this.items
      .findOne({ _id: oid(id) })
      .lean<LeanItem>()
      .exec();
    if (!item || item.userId.toHexString() !== userId) return null;
    return item.sessionId.toHexString() === sessionId ? toItem(item) : null;
  }

  async findDrillOf(userId: string, sessionId: string, itemId: string): Promise<ItemRecord | null> {
    const item = await this.items
      .findOne({ userId: oid(userId), sessionId: oid(sessionId), drillOf: oid(itemId) })
      .lean<LeanItem>()
      .exec();
    return item ? toItem(item) : null;
  }

  async lastPosition(userId: string, sessionId: string): Promise<number> {
    const last = await this.items
      .findOne({ userId: oid(userId), sessionId: oid(sessionId) })
      .sort({ position: -1 })
      .select({ position: 1 })
      .lean<{ position: number }>()
      .exec();
    return last?.position ?? 0;
  }

  /** Moves a pending item to graded; null if it was not pending (another attempt won). */
  async markGraded(
    userId: string,
    id: string,
    outcome: {
      grade: ReviewGrade;
      gradedAt: Date;
      dueAt: Date | null;
      intervalDays: number | null;
    },
  ): Promise<ItemRecord | null> {
    const item = await this.items
      .findOneAndUpdate(
        { _id: oid(id), userId: oid(userId), status: 'pending' },
        { $set: { status: 'graded', ...outcome } },
        { returnDocument: 'after' },
      )
      .lean<LeanItem>()
      .exec();
    return item ? toItem(item) : null;
  }

  async touchSession(userId: string, id: string, gradedAt: Date): Promise<void> {
    await this.sessions
      .updateOne({ _id: oid(id), userId: oid(userId) }, { $max: { lastGradedAt: gradedAt } })
      .exec();
  }
}
