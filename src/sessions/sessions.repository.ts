import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { Session } from './schemas/session.schema';
import type { ScoringPolicy, SessionMode, SessionStatus } from './session.types';

export interface SessionItemRecord {
  questionId: string;
  version: number;
  topic: string;
  difficulty: number;
}

export interface SessionRecord {
  id: string;
  userId: string;
  documentId: string | null;
  topics: string[];
  mode: SessionMode;
  status: SessionStatus;
  scoring: ScoringPolicy;
  questionCount: number;
  items: SessionItemRecord[];
  timeLimitMs: number | null;
  startedAt: Date;
  deadlineAt: Date | null;
  finishedAt: Date | null;
  answeredCount: number;
  creditSum: number;
  score: number | null;
}

export interface NewSession {
  userId: string;
  documentId: string | null;
  topics: string[];
  mode: SessionMode;
  scoring: ScoringPolicy;
  questionCount: number;
  items: SessionItemRecord[];
  timeLimitMs: number | null;
  startedAt: Date;
  deadlineAt: Date | null;
}

type LeanSession = Session & { _id: Types.ObjectId };

const toRecord = (session: LeanSession): SessionRecord => ({
  id: session._id.toHexString(),
  userId: session.userId.toHexString(),
  documentId: session.documentId,
  topics: session.topics,
  mode: session.mode,
  status: session.status,
  scoring: session.scoring,
  questionCount: session.questionCount,
  items: session.items.map((item) => ({
    questionId: item.questionId,
    version: item.version,
    topic: item.topic,
    difficulty: item.difficulty,
  })),
  timeLimitMs: session.timeLimitMs,
  startedAt: session.startedAt,
  deadlineAt: session.deadlineAt,
  finishedAt: session.finishedAt,
  answeredCount: session.answeredCount,
  creditSum: session.creditSum,
  score: session.score,
});

/** Every query on the sessions collection. Each one is scoped by user id, except the cohort read. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectModel(Session.name) private readonly sessions: Model<Session>) {}

  async create(session: NewSession): Promise<SessionRecord> {
    const created = await this.sessions.create({
      ...session,
      userId: new Types.ObjectId(session.userId),
      status: 'active',
    });
    return toRecord(created.toObject() as LeanSession);
  }

  /**
   * The session if it is the user's. Read by `_id` alone and checked here: on FerretDB 1.24 any
   * other filter scans the whole collection.
   */
  async findOwned(id: string, userId: string): Promise<SessionRecord | null> {
    const session = await this.sessions.findById(id).lean<LeanSession>().exec();
    return session && session.userId.toHexString() === userId ? toRecord(session) : null;
  }

  /** A page of the user's sessions, newest first; `limit + 1` rows so the caller knows if more follow. */
  async pageOf(userId: string, limit: number, cursor?: string): Promise<SessionRecord[]> {
    const filter = cursor
      ? { userId, _id: trusted({ $lt: new Types.ObjectId(cursor) }) }
      : { userId };
    const rows = await this.sessions
      .find(filter)
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean<LeanSession[]>()
      .exec();
    return rows.map(toRecord);
  }

  async listOf(userId: string, since?: Date): Promise<SessionRecord[]> {
    const filter = since ? { userId, startedAt: trusted({ $gte: since }) } : { userId };
    const rows = await this.sessions
      .find(filter)
      .sort({ startedAt: 1 })
      .lean<LeanSession[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** Active sessions whose deadline has passed, of one user or on one document. */
  async findOverdue(
    scope: { userId: string } | { documentId: string },
    now: Date,
  ): Promise<SessionRecord[]> {
    const rows = await this.sessions
      .find({ ...scope, status: 'active', deadlineAt: trusted({ $lte: now }) })
      .lean<LeanSession[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** Sessions on a document that have ended (finished, or expired at their time limit). */
  async findEndedOnDocument(documentId: string): Promise<SessionRecord[]> {
    const rows = await this.sessions
      .find({ documentId, status: trusted({ $in: ['finished', 'expired'] }) })
      .sort({ finishedAt: 1 })
      .lean<LeanSession[]>()
      .exec();
    return rows.map(toRecord);
  }

  /**
   * Ends an active session; null if it had already ended. (Two concurrent ends may both pass the
   * status filter on FerretDB, which does not make conditional updates atomic; both write totals
   * counted from the same answers, so the outcome is the same.)
   */
  async end(
    id: string,
    status: Exclude<SessionStatus, 'active'>,
    finishedAt: Date,
    totals: { answeredCount: number; creditSum: number; score: number },
  ): Promise<SessionRecord | null> {
    const session = await this.sessions
      .findOneAndUpdate(
        { _id: id, status: 'active' },
        {
          $set: {
            status,
            finishedAt,
            score: totals.score,
            answeredCount: totals.answeredCount,
            creditSum: totals.creditSum,
          },
        },
        { returnDocument: 'after' },
      )
      .lean<LeanSession>()
      .exec();
    return session ? toRecord(session) : null;
  }
}
