import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';
import { PendingEffectDoc } from './outbox.schema';
import { WriteGuard } from './write-guard';

export interface PendingEffect<P> {
  key: string;
  kind: string;
  scope: string;
  payload: P;
  createdAt: Date;
}

const toEffect = <P>(row: PendingEffectDoc): PendingEffect<P> => ({
  key: row._id,
  kind: row.kind,
  scope: row.scope,
  payload: row.payload as P,
  createdAt: row.createdAt,
});

/**
 * Every query on pending_effects. The owner of a kind records what a write owes before making it,
 * applies it after, removes it, and repairs what a crash left (see the answer recorder).
 */
@Injectable()
export class Outbox {
  constructor(
    @InjectModel(PendingEffectDoc.name) private readonly pending: Model<PendingEffectDoc>,
    private readonly guard: WriteGuard,
  ) {}

  /** Records an effect; false if its key already has one (a concurrent duplicate in flight). */
  async add<P extends object>(effect: PendingEffect<P>): Promise<boolean> {
    const created = await this.guard.insertUnique(() =>
      this.pending.create({
        _id: effect.key,
        kind: effect.kind,
        scope: effect.scope,
        payload: effect.payload,
        createdAt: effect.createdAt,
      }),
    );
    return created !== null;
  }

  async remove(key: string): Promise<void> {
    await this.guard.write(() => this.pending.deleteOne({ _id: key }).exec());
  }

  async ofScope<P>(kind: string, scope: string, createdBefore: Date): Promise<PendingEffect<P>[]> {
    const rows = await this.pending
      .find({ kind, scope, createdAt: trusted({ $lte: createdBefore }) })
      .lean<PendingEffectDoc[]>()
      .exec();
    return rows.map((row) => toEffect<P>(row));
  }

  async olderThan<P>(
    kind: string,
    createdBefore: Date,
    limit: number,
  ): Promise<PendingEffect<P>[]> {
    const rows = await this.pending
      .find({ kind, createdAt: trusted({ $lte: createdBefore }) })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<PendingEffectDoc[]>()
      .exec();
    return rows.map((row) => toEffect<P>(row));
  }
}
