import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import type { LocatedQuote } from './providers/provider.types';
import { PersonalExplanation } from './schemas/personal-explanation.schema';

export interface PersonalExplanationRecord {
  text: string;
  citations: LocatedQuote[];
  provider: string;
  generatedAt: Date;
}

type Key = { questionId: string; version: number; bucket: string; documentId: string | null };

const toRecord = (doc: PersonalExplanation): PersonalExplanationRecord => ({
  text: doc.text,
  citations: doc.citations.map((c) => ({
    chunkId: c.chunkId,
    page: c.page,
    start: c.start,
    end: c.end,
    snippet: c.snippet,
  })),
  provider: doc.provider,
  generatedAt: doc.generatedAt,
});

/** Every query on `personal_explanations`. */
@Injectable()
export class PersonalExplanationsRepository {
  constructor(
    @InjectModel(PersonalExplanation.name) private readonly model: Model<PersonalExplanation>,
    private readonly guard: WriteGuard,
  ) {}

  async deleteForDocument(documentId: string): Promise<void> {
    await this.guard.write(() =>
      this.model.deleteMany({ documentId: new Types.ObjectId(documentId) }).exec(),
    );
  }

  async find(key: Omit<Key, 'documentId'>): Promise<PersonalExplanationRecord | null> {
    const doc = await this.model
      .findOne({
        questionId: new Types.ObjectId(key.questionId),
        version: key.version,
        bucket: key.bucket,
      })
      .lean<PersonalExplanation>()
      .exec();
    return doc ? toRecord(doc) : null;
  }

  /** Stores the explanation; when another request stored one for the bucket first, returns that one. */
  async store(
    key: Key,
    record: PersonalExplanationRecord,
  ): Promise<{ value: PersonalExplanationRecord; created: boolean }> {
    return this.guard.insertOrFind(
      async () => {
        await this.model.create({
          questionId: new Types.ObjectId(key.questionId),
          version: key.version,
          bucket: key.bucket,
          documentId: key.documentId ? new Types.ObjectId(key.documentId) : null,
          ...record,
        });
        return record;
      },
      () => this.find(key),
    );
  }
}
