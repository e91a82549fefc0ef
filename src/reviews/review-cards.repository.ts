import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { duplicateKeyCount, WriteGuard } from '../infra/database';
import type { SchedulerName } from './schedulers/scheduler';
import { ReviewCard } from './schemas/review-card.schema';
import type { CardSource } from './schemas/review-card.schema';

export interface CardRecord {
  id: string;
  userId: string;
  questionId: string;
  questionVersion: number;
  topic: string;
  documentId: string | null;
  scheduler: SchedulerName;
  state: unknown;
  dueAt: Date;
  lastReviewedAt: Date | null;
  reviews: number;
  lapses: number;
  version: number;
  source: CardSource;
  sourceSessionId: string | null;
  createdAt: Date;
}

export interface NewCard {
  userId: string;
  questionId: string;
  questionVersion: number;
  topic: string;
  documentId: string | null;
  scheduler: SchedulerName;
  state: unknown;
  dueAt: Date;
  source: CardSource;
  sourceSessionId: string | null;
  createdAt: Date;
}

/** The few fields the forecast and the study planner read, for streaming many cards cheaply. */
export interface CardDue {
  id: string;
  topic: string;
  dueAt: Date;
  lastReviewedAt: Date | null;
  scheduler: SchedulerName;
  state: unknown;
}

export interface DuePageQuery {
  now: Date;
  limit: number;
  topic?: string;
  /** The last card of the previous page. */
  after?: { id: string; dueAt: Date };
}

type LeanCard = ReviewCard & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toRecord = (card: LeanCard): CardRecord => ({
  id: card._id.toHexString(),
  userId: card.userId.toHexString(),
  questionId: card.questionId.toHexString(),
  questionVersion: card.questionVersion,
  topic: card.topic,
  documentId: card.documentId ? card.documentId.toHexString() : null,
  scheduler: card.scheduler,
  state: card.state,
  dueAt: card.dueAt,
  lastReviewedAt: card.lastReviewedAt,
  reviews: card.reviews,
  lapses: card.lapses,
  version: card.version,
  source: card.source,
  sourceSessionId: card.sourceSessionId ? card.sourceSessionId.toHexString() : null,
  createdAt: card.createdAt,
});

const toDocument = (card: NewCard) => ({
  userId: oid(card.userId),
  questionId: oid(card.questionId),
  questionVersion: card.questionVersion,
  topic: card.topic,
  documentId: card.documentId ? oid(card.documentId) : null,
  scheduler: card.scheduler,
  state: card.state as Record<string, unknown>,
  dueAt: card.dueAt,
  source: card.source,
  sourceSessionId: card.sourceSessionId ? oid(card.sourceSessionId) : null,
  // Every field is written here: bulk inserts skip Mongoose defaults.
  lastReviewedAt: null,
  reviews: 0,
  lapses: 0,
  version: 0,
  createdAt: card.createdAt,
});

/**
 * Every query on review_cards. Single-card reads filter on `_id` alone and check the owner here,
 * the one filter FerretDB 1.24 hands to its storage (it still scans, but stops at the match).
 */
@Injectable()
export class ReviewCardsRepository {
  constructor(
    @InjectModel(ReviewCard.name) private readonly cards: Model<ReviewCard>,
    private readonly guard: WriteGuard,
  ) {}

  /** Inserts the card; null when the student already has a card for the question. */
  async insert(card: NewCard): Promise<CardRecord | null> {
    const created = await this.guard.insertUnique(() => this.cards.create(toDocument(card)));
    return created && toRecord(created.toObject() as LeanCard);
  }

  /**
   * Inserts many cards at once, skipping those whose (student, question) already has one (the
   * unique index decides, so concurrent calls never duplicate); returns the ids of those inserted.
   */
  async insertManyIfAbsent(cards: readonly NewCard[]): Promise<string[]> {
    if (cards.length === 0) return [];
    try {
      const inserted = await this.cards.insertMany(cards.map(toDocument), {
        ordered: false,
        lean: true,
      });
      return inserted.map((doc) => (doc as { _id: Types.ObjectId })._id.toHexString());
    } catch (error) {
      if (duplicateKeyCount(error) === null) throw error;
      const inserted = (error as { insertedDocs?: { _id: Types.ObjectId }[] }).insertedDocs ?? [];
      return inserted.map((doc) => doc._id.toHexString());
    }
  }

  async findOwned(userId: string, id: string): Promise<CardRecord | null> {
    const card = await this.cards
      .findOne({ _id: oid(id) })
      .lean<LeanCard>()
      .exec();
    return card && card.userId.toHexString() === userId ? toRecord(card) : null;
  }

  async findByQuestions(userId: string, questionIds: readonly string[]): Promise<CardRecord[]> {
    if (questionIds.length === 0) return [];
    const cards = await this.cards
      .find({ userId: oid(userId), questionId: trusted({ $in: questionIds.map(oid) }) })
      .lean<LeanCard[]>()
      .exec();
    return cards.map(toRecord);
  }

  /** A page of the student's cards in id order (limit + 1 rows, for toPage). */
  async listPage(userId: string, limit: number, cursor?: string): Promise<CardRecord[]> {
    const filter: Record<string, unknown> = { userId: oid(userId) };
    if (cursor) filter._id = trusted({ $gt: oid(cursor) });
    const cards = await this.cards
      .find(filter)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<LeanCard[]>()
      .exec();
    return cards.map(toRecord);
  }

  /** Due cards (dueAt ≤ now), earliest due first, then by id; limit + 1 rows. */
  async duePage(userId: string, query: DuePageQuery): Promise<CardRecord[]> {
    const filter: Record<string, unknown> = {
      userId: oid(userId),
      dueAt: trusted({ $lte: query.now }),
    };
    if (query.topic !== undefined) filter.topic = query.topic;
    if (query.after) {
      // Each operator is trusted on its own: Mongoose clones the $or array (losing a mark on it).
      filter.$or = [
        { dueAt: trusted({ $gt: query.after.dueAt }) },
        { dueAt: query.after.dueAt, _id: trusted({ $gt: oid(query.after.id) }) },
      ];
    }
    const cards = await this.cards
      .find(filter)
      .sort({ dueAt: 1, _id: 1 })
      .limit(query.limit + 1)
      .lean<LeanCard[]>()
      .exec();
    return cards.map(toRecord);
  }

  /** The student's cards due before `until` (all of them without it), streamed in due order. */
  async *streamDue(
    userId: string,
    options: { until?: Date; topics?: readonly string[] } = {},
  ): AsyncIterable<CardDue> {
    const filter: Record<string, unknown> = { userId: oid(userId) };
    if (options.until) filter.dueAt = trusted({ $lt: options.until });
    if (options.topics) filter.topic = trusted({ $in: [...options.topics] });
    const cursor = this.cards
      .find(filter)
      .select({ topic: 1, dueAt: 1, lastReviewedAt: 1, scheduler: 1, state: 1 })
      .sort({ dueAt: 1 })
      .lean<LeanCard[]>()
      .cursor({ batchSize: 1000 });
    for await (const card of cursor as AsyncIterable<LeanCard>) {
      yield {
        id: card._id.toHexString(),
        topic: card.topic,
        dueAt: card.dueAt,
        lastReviewedAt: card.lastReviewedAt,
        scheduler: card.scheduler,
        state: card.state,
      };
    }
  }

  /** The student's cards whose state another scheduler wrote, in id order. */
  async *streamNotScheduledBy(userId: string, scheduler: SchedulerName): AsyncIterable<CardRecord> {
    const cursor = this.cards
      .find({ userId: oid(userId), scheduler: trusted({ $ne: scheduler }) })
      .sort({ _id: 1 })
      .lean<LeanCard[]>()
      .cursor({ batchSize: 500 });
    for await (const card of cursor as AsyncIterable<LeanCard>) yield toRecord(card);
  }

  /** Applies a review if the card is still at its version; null when another write came first. */
  applyReview(
    card: CardRecord,
    change: {
      scheduler: SchedulerName;
      state: unknown;
      dueAt: Date;
      reviewedAt: Date;
      lapse: boolean;
    },
  ): Promise<CardRecord | null> {
    return this.compareAndSet(
      card,
      { version: card.version },
      {
        $set: {
          scheduler: change.scheduler,
          state: change.state,
          dueAt: change.dueAt,
          lastReviewedAt: change.reviewedAt,
        },
        $inc: { version: 1, reviews: 1, lapses: change.lapse ? 1 : 0 },
      },
    );
  }

  /**
   * Swaps the state for one written by another scheduler (same history, new algorithm) if the
   * card is unchanged since it was read. The version stays: reviews already queued remain valid.
   */
  convert(
    card: CardRecord,
    change: { scheduler: SchedulerName; state: unknown; dueAt: Date },
  ): Promise<CardRecord | null> {
    return this.compareAndSet(
      card,
      { version: card.version, scheduler: card.scheduler },
      { $set: change },
    );
  }

  /** Moves the due date by hand; queued reviews of the card become stale. */
  reschedule(
    card: CardRecord,
    change: { state: unknown; dueAt: Date },
  ): Promise<CardRecord | null> {
    return this.compareAndSet(
      card,
      { version: card.version },
      { $set: change, $inc: { version: 1 } },
    );
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.cards.deleteOne({ _id: oid(id), userId: oid(userId) }).exec();
    return result.deletedCount === 1;
  }

  private async compareAndSet(
    card: CardRecord,
    expected: Record<string, unknown>,
    update: Record<string, Record<string, unknown>>,
  ): Promise<CardRecord | null> {
    const updated = await this.cards
      .findOneAndUpdate({ _id: oid(card.id), userId: oid(card.userId), ...expected }, update, {
        returnDocument: 'after',
      })
      .lean<LeanCard>()
      .exec();
    return updated ? toRecord(updated) : null;
  }
}
