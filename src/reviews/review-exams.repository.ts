import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { ReviewExam } from './schemas/review-exam.schema';
import type { ExamSource } from './schemas/review-exam.schema';

export interface ExamRecord {
  id: string;
  topics: string[];
  documentId: string | null;
  examAt: Date;
  targetRecall: number | null;
  source: ExamSource;
  planId: string | null;
  createdAt: Date;
}

type LeanExam = ReviewExam & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toRecord = (exam: LeanExam): ExamRecord => ({
  id: exam._id.toHexString(),
  topics: exam.topics ?? [],
  documentId: exam.documentId ? exam.documentId.toHexString() : null,
  examAt: exam.examAt,
  targetRecall: exam.targetRecall ?? null,
  source: exam.source,
  planId: exam.planId ? exam.planId.toHexString() : null,
  createdAt: exam.createdAt,
});

/** Every query on review_exams. */
@Injectable()
export class ReviewExamsRepository {
  constructor(@InjectModel(ReviewExam.name) private readonly exams: Model<ReviewExam>) {}

  async insert(userId: string, exam: Omit<ExamRecord, 'id'>): Promise<ExamRecord> {
    const created = await this.exams.create({
      ...exam,
      userId: oid(userId),
      documentId: exam.documentId ? oid(exam.documentId) : null,
      planId: exam.planId ? oid(exam.planId) : null,
    });
    return toRecord(created.toObject() as LeanExam);
  }

  /** The student's exams at or after `from`, soonest first (at most `limit`). */
  async upcoming(userId: string, from: Date, limit: number): Promise<ExamRecord[]> {
    const exams = await this.exams
      .find({ userId: oid(userId), examAt: trusted({ $gte: from }) })
      .sort({ examAt: 1, _id: 1 })
      .limit(limit)
      .lean<LeanExam[]>()
      .exec();
    return exams.map(toRecord);
  }

  /** A page of the student's exams in id order (limit + 1 rows, for toPage). */
  async listPage(userId: string, limit: number, cursor?: string): Promise<ExamRecord[]> {
    const filter: Record<string, unknown> = { userId: oid(userId) };
    if (cursor) filter._id = trusted({ $gt: oid(cursor) });
    const exams = await this.exams
      .find(filter)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<LeanExam[]>()
      .exec();
    return exams.map(toRecord);
  }

  async count(userId: string): Promise<number> {
    return this.exams.countDocuments({ userId: oid(userId) }).exec();
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.exams.deleteOne({ _id: oid(id), userId: oid(userId) }).exec();
    return result.deletedCount === 1;
  }
}
