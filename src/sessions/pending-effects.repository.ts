import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { retryWhenBusy } from './busy-retry';
import { PendingEffect } from './schemas/pending-effect.schema';

export interface PendingEffectRecord {
  answerId: string;
  sessionId: string;
  userId: string;
  topic: string;
  questionId: string;
  correct: boolean;
  responseMs?: number | null;
  thetaDelta: number;
  difficultyDelta: number;
  createdAt: Date;
}

const toRecord = (row: PendingEffect): PendingEffectRecord => ({
  answerId: row._id,
  sessionId: row.sessionId.toHexString(),
  userId: row.userId.toHexString(),
  topic: row.topic,
  questionId: row.questionId,
  correct: row.correct,
  responseMs: row.responseMs ?? null,
  thetaDelta: row.thetaDelta,
  difficultyDelta: row.difficultyDelta,
  createdAt: row.createdAt,
});

const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

/** Every query on pending_answer_effects. */
@Injectable()
export class PendingEffectsRepository {
  constructor(@InjectModel(PendingEffect.name) private readonly pending: Model<PendingEffect>) {}

  /** Records the effects an answer owes; false if that answer already has a record (in flight). */
  async add(effect: PendingEffectRecord): Promise<boolean> {
    const { answerId, ...rest } = effect;
    try {
      await retryWhenBusy(() =>
        this.pending.create({
          ...rest,
          _id: answerId,
          sessionId: new Types.ObjectId(rest.sessionId),
          userId: new Types.ObjectId(rest.userId),
        }),
      );
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async remove(answerId: string): Promise<void> {
    await retryWhenBusy(() => this.pending.deleteOne({ _id: answerId }).exec());
  }

  async ofSession(sessionId: string, createdBefore: Date): Promise<PendingEffectRecord[]> {
    const rows = await this.pending
      .find({ sessionId, createdAt: trusted({ $lte: createdBefore }) })
      .lean<PendingEffect[]>()
      .exec();
    return rows.map(toRecord);
  }

  async olderThan(createdBefore: Date, limit: number): Promise<PendingEffectRecord[]> {
    const rows = await this.pending
      .find({ createdAt: trusted({ $lte: createdBefore }) })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<PendingEffect[]>()
      .exec();
    return rows.map(toRecord);
  }
}
