import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { pickContent, type QuestionContent, type QuestionView } from './question.types';
import {
  CachedExplanation,
  Question,
  QuestionContentFields,
  QuestionSource,
} from './schemas/question.schema';
import { QuestionVersion, VersionReason } from './schemas/question-version.schema';

export interface QuestionRecord extends QuestionView {
  source: QuestionSource;
  fingerprint: string;
  dedupeKey: string;
  usedInTests: number;
  archivedAt: Date | null;
  cachedExplanation: CachedExplanation | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VersionRecord extends QuestionContent {
  questionId: string;
  ownerId: string;
  documentId: string | null;
  version: number;
  reason: VersionReason;
  revertedFrom: number | null;
  createdAt: Date;
}

export interface NewQuestion extends QuestionContent {
  ownerId: string;
  documentId: string | null;
  source: QuestionSource;
  dedupeKey: string;
  fingerprint: string;
  topicKey: string;
  generationJobId?: string;
}

type LeanQuestion = Question & { _id: Types.ObjectId };
type LeanVersion = QuestionVersion & { _id: Types.ObjectId };

const content = (q: QuestionContentFields): QuestionContent => ({
  type: q.type,
  stem: q.stem,
  choices: (q.choices ?? []).map((c) => ({ id: c.id, text: c.text })),
  correctChoiceIds: [...(q.correctChoiceIds ?? [])],
  answer: q.answer ?? null,
  acceptedAnswers: [...(q.acceptedAnswers ?? [])],
  topic: q.topic,
  difficulty: q.difficulty,
  explanation: q.explanation ?? '',
  citation: q.citation
    ? {
        chunkId: q.citation.chunkId,
        page: q.citation.page,
        start: q.citation.start,
        end: q.citation.end,
        snippet: q.citation.snippet,
      }
    : null,
});

const toRecord = (q: LeanQuestion): QuestionRecord => ({
  id: q._id.toHexString(),
  ownerId: q.ownerId.toHexString(),
  documentId: q.documentId ? q.documentId.toHexString() : null,
  version: q.version,
  ...content(q),
  answerCount: q.answerCount ?? 0,
  correctCount: q.correctCount ?? 0,
  source: q.source,
  fingerprint: q.fingerprint,
  dedupeKey: q.dedupeKey,
  usedInTests: q.usedInTests ?? 0,
  archivedAt: q.archivedAt ?? null,
  cachedExplanation: q.cachedExplanation ?? null,
  createdAt: q.createdAt,
  updatedAt: q.updatedAt,
});

const toVersion = (v: LeanVersion): VersionRecord => ({
  questionId: v.questionId.toHexString(),
  ownerId: v.ownerId.toHexString(),
  documentId: v.documentId ? v.documentId.toHexString() : null,
  version: v.version,
  ...content(v),
  reason: v.reason,
  revertedFrom: v.revertedFrom ?? null,
  createdAt: v.createdAt,
});

const oid = (id: string) => new Types.ObjectId(id);

/** Every query on `questions` and `question_versions`. */
@Injectable()
export class QuestionsRepository {
  constructor(
    @InjectModel(Question.name) private readonly questions: Model<Question>,
    @InjectModel(QuestionVersion.name) private readonly versions: Model<QuestionVersion>,
    private readonly guard: WriteGuard,
  ) {}

  /**
   * Inserts a question at version 1, or returns the one already stored under the same dedupe key
   * (a retried generation or import). The version-1 snapshot is written after the question; a crash in
   * between is repaired by `ensureVersionSnapshot` on the next read of the versions.
   */
  async insert(
    question: NewQuestion,
    now: Date,
  ): Promise<{ record: QuestionRecord; created: boolean }> {
    const { value: record, created } = await this.guard.insertOrFind(
      async () => {
        const doc = await this.questions.create({
          ...question,
          ownerId: oid(question.ownerId),
          documentId: question.documentId ? oid(question.documentId) : null,
          generationJobId: question.generationJobId ? oid(question.generationJobId) : null,
          version: 1,
        });
        return toRecord(doc.toObject() as LeanQuestion);
      },
      async () => {
        const existing = await this.questions
          .findOne({ dedupeKey: question.dedupeKey })
          .lean<LeanQuestion>()
          .exec();
        return existing && toRecord(existing);
      },
    );
    await this.ensureVersionSnapshot(record, 'created', now);
    return { record, created };
  }

  /** Writes the snapshot of the question's current version if it is missing (idempotent). */
  async ensureVersionSnapshot(
    record: QuestionRecord,
    reason: VersionReason,
    now: Date,
    revertedFrom: number | null = null,
  ): Promise<void> {
    await this.versions
      .updateOne(
        { questionId: oid(record.id), version: record.version },
        {
          $setOnInsert: {
            ownerId: oid(record.ownerId),
            documentId: record.documentId ? oid(record.documentId) : null,
            ...pickContent(record),
            reason,
            revertedFrom,
            createdAt: now,
          },
        },
        { upsert: true },
      )
      .exec();
  }

  /**
   * Moves a question to its next version if it is still at `fromVersion` (optimistic concurrency).
   * The snapshot of the new version is written first and overwritten by a retry: a crash between the two
   * writes leaves a snapshot above the current version, which nothing reads.
   */
  async updateContent(
    id: string,
    fromVersion: number,
    next: QuestionContent & { fingerprint: string; topicKey: string },
    reason: VersionReason,
    now: Date,
    revertedFrom: number | null = null,
  ): Promise<QuestionRecord | null> {
    const current = await this.questions.findById(id).lean<LeanQuestion>().exec();
    if (!current || current.version !== fromVersion) return null;
    const version = fromVersion + 1;
    await this.versions
      .replaceOne(
        { questionId: oid(id), version },
        {
          questionId: oid(id),
          ownerId: current.ownerId,
          documentId: current.documentId,
          version,
          ...pickContent(next),
          reason,
          revertedFrom,
          createdAt: now,
        },
        { upsert: true },
      )
      .exec();
    const updated = await this.questions
      .findOneAndUpdate(
        { _id: id, version: fromVersion },
        { $set: { ...next, version } },
        { returnDocument: 'after', runValidators: true },
      )
      .lean<LeanQuestion>()
      .exec();
    return updated ? toRecord(updated) : null;
  }

  async findOwned(ownerId: string, id: string): Promise<QuestionRecord | null> {
    const q = await this.questions
      .findOne({ _id: id, ownerId, archivedAt: null })
      .lean<LeanQuestion>()
      .exec();
    return q ? toRecord(q) : null;
  }

  async findById(id: string): Promise<QuestionRecord | null> {
    const q = await this.questions.findById(id).lean<LeanQuestion>().exec();
    return q ? toRecord(q) : null;
  }

  async findMany(ids: string[]): Promise<QuestionRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.questions
      .find({ _id: trusted({ $in: ids.map(oid) }) })
      .lean<LeanQuestion[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** The owner's live questions, optionally of one document and/or topics, in id order. */
  async findForOwner(
    ownerId: string,
    filter: { documentId?: string; topicKeys?: string[]; type?: string; cursor?: string },
    limit: number,
  ): Promise<QuestionRecord[]> {
    const query: Record<string, unknown> = { ownerId: oid(ownerId), archivedAt: null };
    if (filter.documentId) query.documentId = oid(filter.documentId);
    if (filter.topicKeys?.length) query.topicKey = trusted({ $in: filter.topicKeys });
    if (filter.type) query.type = filter.type;
    if (filter.cursor) query._id = trusted({ $gt: oid(filter.cursor) });
    const rows = await this.questions
      .find(query)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanQuestion[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** Streams the owner's live questions in id order (export, similarity). */
  async *streamForOwner(ownerId: string, documentId?: string): AsyncGenerator<QuestionRecord> {
    const query: Record<string, unknown> = { ownerId: oid(ownerId), archivedAt: null };
    if (documentId) query.documentId = oid(documentId);
    const cursor = this.questions.find(query).sort({ _id: 1 }).lean<LeanQuestion>().cursor();
    try {
      for await (const row of cursor) yield toRecord(row as LeanQuestion);
    } finally {
      await cursor.close();
    }
  }

  /** The owner's live questions with one of these fingerprints. */
  async findForFingerprints(ownerId: string, fingerprints: string[]): Promise<QuestionRecord[]> {
    if (fingerprints.length === 0) return [];
    const rows = await this.questions
      .find({
        ownerId: oid(ownerId),
        archivedAt: null,
        fingerprint: trusted({ $in: fingerprints }),
      })
      .lean<LeanQuestion[]>()
      .exec();
    return rows.map(toRecord);
  }

  async findVersion(questionId: string, version: number): Promise<VersionRecord | null> {
    const v = await this.versions
      .findOne({ questionId: oid(questionId), version })
      .lean<LeanVersion>()
      .exec();
    return v ? toVersion(v) : null;
  }

  /** Versions 1..upTo, oldest first (snapshots above the current version are leftovers of a crash). */
  async listVersions(questionId: string, upTo: number): Promise<VersionRecord[]> {
    const rows = await this.versions
      .find({ questionId: oid(questionId), version: trusted({ $lte: upTo }) })
      .sort({ version: 1 })
      .lean<LeanVersion[]>()
      .exec();
    return rows.map(toVersion);
  }

  /** The questions a generation job stored so far, oldest first. */
  async findByGenerationJob(jobId: string): Promise<QuestionRecord[]> {
    const rows = await this.questions
      .find({ generationJobId: oid(jobId) })
      .sort({ _id: 1 })
      .lean<LeanQuestion[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** The owner's questions stored under these dedupe keys (a retried or failed import). */
  async findByDedupeKeys(ownerId: string, keys: string[]): Promise<QuestionRecord[]> {
    if (keys.length === 0) return [];
    const rows = await this.questions
      .find({ ownerId: oid(ownerId), dedupeKey: trusted({ $in: keys }) })
      .lean<LeanQuestion[]>()
      .exec();
    return rows.map(toRecord);
  }

  async recordOutcome(id: string, correct: boolean): Promise<boolean> {
    const result = await this.guard.exclusive(`question:${id}`, () =>
      this.guard.write(() =>
        this.questions
          .updateOne({ _id: id }, { $inc: { answerCount: 1, correctCount: correct ? 1 : 0 } })
          .exec(),
      ),
    );
    return result.matchedCount > 0;
  }

  async markUsedInTest(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.questions
      .updateMany({ _id: trusted({ $in: ids.map(oid) }) }, { $inc: { usedInTests: 1 } })
      .exec();
    return result.matchedCount;
  }

  async countUsedInTestsForDocument(ownerId: string, documentId: string): Promise<number> {
    return this.questions
      .countDocuments({
        ownerId: oid(ownerId),
        documentId: oid(documentId),
        usedInTests: trusted({ $gt: 0 }),
      })
      .exec();
  }

  /** Deletes a document's questions that no test uses, and their versions; returns how many. */
  async deleteUnusedForDocument(ownerId: string, documentId: string): Promise<number> {
    const rows = await this.questions
      .find({ ownerId: oid(ownerId), documentId: oid(documentId), usedInTests: 0 }, { _id: 1 })
      .lean<{ _id: Types.ObjectId }[]>()
      .exec();
    return this.deleteByIds(rows.map((row) => row._id.toHexString()));
  }

  /** Deletes questions, then their versions (orphan versions are harmless: nothing reads them). */
  async deleteByIds(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.questions
      .deleteMany({ _id: trusted({ $in: ids.map(oid) }), usedInTests: 0 })
      .exec();
    const kept = await this.questions
      .find({ _id: trusted({ $in: ids.map(oid) }) }, { _id: 1 })
      .lean<{ _id: Types.ObjectId }[]>()
      .exec();
    const keptIds = new Set(kept.map((row) => row._id.toHexString()));
    const gone = ids.filter((id) => !keptIds.has(id)).map(oid);
    if (gone.length) await this.versions.deleteMany({ questionId: trusted({ $in: gone }) }).exec();
    return result.deletedCount;
  }

  async archive(id: string, now: Date): Promise<void> {
    await this.questions.updateOne({ _id: id }, { $set: { archivedAt: now } }).exec();
  }

  async setCachedExplanation(
    id: string,
    version: number,
    cached: CachedExplanation,
  ): Promise<void> {
    await this.questions
      .updateOne({ _id: id, version }, { $set: { cachedExplanation: cached } })
      .exec();
  }
}
