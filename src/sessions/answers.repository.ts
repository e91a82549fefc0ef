import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { SessionAnswer } from './schemas/session-answer.schema';

export interface StoredAnswer {
  id: string;
  sessionId: string;
  userId: string;
  questionId: string;
  questionVersion: number;
  documentId: string | null;
  topic: string;
  difficulty: number;
  choiceIds: string[];
  text: string | null;
  value: boolean | null;
  correct: boolean;
  credit: number;
  responseMs: number;
  answeredAt: Date;
  expected: number;
  thetaDelta: number;
  difficultyDelta: number;
}

export type NewAnswer = Omit<StoredAnswer, 'id'>;

/** The `_id` of a session's answer to a question: one per pair. */
export const answerId = (sessionId: string, questionId: string) => `${sessionId}:${questionId}`;

type LeanAnswer = SessionAnswer;

const toStored = (answer: LeanAnswer): StoredAnswer => ({
  id: answer._id,
  sessionId: answer.sessionId.toHexString(),
  userId: answer.userId.toHexString(),
  questionId: answer.questionId,
  questionVersion: answer.questionVersion,
  documentId: answer.documentId,
  topic: answer.topic,
  difficulty: answer.difficulty,
  choiceIds: answer.choiceIds,
  text: answer.text,
  value: answer.value,
  correct: answer.correct,
  credit: answer.credit,
  responseMs: answer.responseMs,
  answeredAt: answer.answeredAt,
  expected: answer.expected,
  thetaDelta: answer.thetaDelta,
  difficultyDelta: answer.difficultyDelta,
});

/** Every query on session_answers. */
@Injectable()
export class AnswersRepository {
  constructor(
    @InjectModel(SessionAnswer.name) private readonly answers: Model<SessionAnswer>,
    private readonly guard: WriteGuard,
  ) {}

  /**
   * Inserts the answer unless the session already has one for this question; either way returns the
   * stored answer and whether this call created it.
   */
  async insertOnce(answer: NewAnswer): Promise<{ answer: StoredAnswer; created: boolean }> {
    const { value, created } = await this.guard.insertOrFind(
      async () => {
        const doc = await this.answers.create({
          ...answer,
          _id: answerId(answer.sessionId, answer.questionId),
          sessionId: new Types.ObjectId(answer.sessionId),
          userId: new Types.ObjectId(answer.userId),
        });
        return toStored(doc.toObject() as LeanAnswer);
      },
      () => this.findOne(answer.sessionId, answer.questionId),
    );
    return { answer: value, created };
  }

  async findOne(sessionId: string, questionId: string): Promise<StoredAnswer | null> {
    const answer = await this.answers
      .findById(answerId(sessionId, questionId))
      .lean<LeanAnswer>()
      .exec();
    return answer ? toStored(answer) : null;
  }

  /** A session's answers in the order they were given (at most the session's question count). */
  async ofSession(sessionId: string): Promise<StoredAnswer[]> {
    const rows = await this.answers
      .find({ sessionId })
      .sort({ answeredAt: 1, _id: 1 })
      .lean<LeanAnswer[]>()
      .exec();
    return rows.map(toStored);
  }

  /** How many answers a session has and the credit they earned, counted in the database. */
  async totalsOf(sessionId: string): Promise<{ answeredCount: number; creditSum: number }> {
    const totals = await this.totalsBySession([sessionId]);
    return totals.get(sessionId) ?? { answeredCount: 0, creditSum: 0 };
  }

  /** A user's answers in time order, read through a cursor so any history size streams in constant memory. */
  async *streamOf(
    userId: string,
    options: { since?: Date; until?: Date; topic?: string },
  ): AsyncGenerator<StoredAnswer> {
    const range: { $gte?: Date; $lt?: Date } = {};
    if (options.since) range.$gte = options.since;
    if (options.until) range.$lt = options.until;
    const filter: Record<string, unknown> = { userId };
    if (options.topic !== undefined) filter.topic = options.topic;
    if (range.$gte || range.$lt) filter.answeredAt = trusted(range);
    const cursor = this.answers
      .find(filter)
      .sort({ answeredAt: 1, _id: 1 })
      .lean<LeanAnswer>()
      .cursor({ batchSize: 500 });
    try {
      for await (const answer of cursor) yield toStored(answer as LeanAnswer);
    } finally {
      await cursor.close();
    }
  }

  /** Answers per session and their credit, for several sessions at once. */
  async totalsBySession(
    sessionIds: string[],
  ): Promise<Map<string, { answeredCount: number; creditSum: number }>> {
    if (sessionIds.length === 0) return new Map();
    const match = { sessionId: { $in: sessionIds.map((id) => new Types.ObjectId(id)) } };
    const [counts, credits] = await Promise.all([
      this.sumBy(match, '$sessionId', 1),
      this.sumBy(match, '$sessionId', '$credit'),
    ]);
    return new Map(
      [...counts].map(([id, count]) => [
        String(id),
        { answeredCount: count, creditSum: credits.get(id) ?? 0 },
      ]),
    );
  }

  /**
   * `$group` with a single `$sum` accumulator: FerretDB 1.24 computes only the first accumulator
   * of a `$group` stage (the others come back 0), so each sum is its own pipeline.
   */
  private async sumBy(
    match: Record<string, unknown>,
    by: string,
    value: 1 | string,
  ): Promise<Map<unknown, number>> {
    const rows = await this.answers.aggregate<{ _id: { toString(): string }; total: number }>([
      { $match: match },
      { $group: { _id: by, total: { $sum: value } } },
    ]);
    return new Map(rows.map((row) => [row._id.toString(), row.total]));
  }
}
