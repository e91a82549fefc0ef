import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { duplicateKeyCount } from '../infra/database';
import type { EventType } from './event-rules';
import { SessionEvent } from './schemas/session-event.schema';

export interface StoredEvent {
  id: string;
  batchId: string;
  seq: number;
  type: EventType;
  at: Date;
  receivedAt: Date;
  questionId: string | null;
  x: number | null;
  y: number | null;
  target: string | null;
  key: string | null;
  value: string | null;
  visible: boolean | null;
  scrollY: number | null;
}

export type NewEvent = Omit<StoredEvent, 'id'> & {
  sessionId: string;
  userId: string;
  cellX: number | null;
  cellY: number | null;
};

export interface HeatmapRow {
  questionId: string;
  type: EventType;
  cellX: number;
  cellY: number;
  count: number;
}

type LeanEvent = SessionEvent & { _id: Types.ObjectId };

const toStored = (event: LeanEvent): StoredEvent => ({
  id: event._id.toHexString(),
  batchId: event.batchId,
  seq: event.seq,
  type: event.type,
  at: event.at,
  receivedAt: event.receivedAt,
  questionId: event.questionId,
  x: event.x,
  y: event.y,
  target: event.target,
  key: event.key,
  value: event.value,
  visible: event.visible,
  scrollY: event.scrollY,
});

/** Every query on session_events; all scoped by session id (the service checks the session's owner). */
@Injectable()
export class RecordingRepository {
  constructor(@InjectModel(SessionEvent.name) private readonly events: Model<SessionEvent>) {}

  /** Stores a batch; events already stored under the same (batchId, seq) are skipped, not doubled. */
  async insertBatch(events: NewEvent[]): Promise<{ inserted: number; duplicates: number }> {
    const docs = events.map((event) => ({
      ...event,
      sessionId: new Types.ObjectId(event.sessionId),
      userId: new Types.ObjectId(event.userId),
    }));
    try {
      const inserted = await this.events.insertMany(docs, { ordered: false });
      return { inserted: inserted.length, duplicates: 0 };
    } catch (error) {
      const writeErrors = duplicateKeyCount(error);
      if (writeErrors === null) throw error;
      return { inserted: events.length - writeErrors, duplicates: writeErrors };
    }
  }

  /** A page of a session's events in client-time order, after the event `cursor` (exclusive). */
  async page(sessionId: string, limit: number, cursor?: string): Promise<StoredEvent[] | null> {
    let filter: Record<string, unknown> = { sessionId };
    if (cursor) {
      const last = await this.events
        .findOne({ _id: cursor, sessionId })
        .select({ at: 1 })
        .lean<{ _id: Types.ObjectId; at: Date }>()
        .exec();
      if (!last) return null;
      filter = {
        sessionId,
        $or: [{ at: trusted({ $gt: last.at }) }, { at: last.at, _id: trusted({ $gt: last._id }) }],
      };
    }
    const rows = await this.events
      .find(filter)
      .sort({ at: 1, _id: 1 })
      .limit(limit + 1)
      .lean<LeanEvent[]>()
      .exec();
    return rows.map(toStored);
  }

  /** A session's events of one type in client-time order, through a cursor. */
  async *streamOfType(sessionId: string, type: EventType): AsyncGenerator<StoredEvent> {
    const cursor = this.events
      .find({ sessionId, type })
      .sort({ at: 1, _id: 1 })
      .lean<LeanEvent>()
      .cursor({ batchSize: 500 });
    try {
      for await (const event of cursor) yield toStored(event as LeanEvent);
    } finally {
      await cursor.close();
    }
  }

  /** Pointer events counted per question, type and cell, in the database. */
  async heatmapCounts(sessionId: string, types: readonly EventType[]): Promise<HeatmapRow[]> {
    const rows = await this.events.aggregate<{
      _id: { questionId: string; type: EventType; cellX: number; cellY: number };
      count: number;
    }>([
      {
        $match: {
          sessionId: new Types.ObjectId(sessionId),
          type: { $in: [...types] },
          cellX: { $ne: null },
        },
      },
      {
        $group: {
          _id: { questionId: '$questionId', type: '$type', cellX: '$cellX', cellY: '$cellY' },
          count: { $sum: 1 },
        },
      },
    ]);
    return rows.map((row) => ({ ...row._id, count: row.count }));
  }
}
