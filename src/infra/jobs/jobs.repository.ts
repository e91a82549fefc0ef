import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../database';
import { Job, JobStatus } from './schemas/job.schema';

export interface JobRecord {
  id: string;
  type: string;
  ownerId: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  progress: { done: number; total: number };
  attempts: number;
  maxAttempts: number;
  failures: string[];
  result: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

type LeanJob = Job & { _id: Types.ObjectId };

const toRecord = (job: LeanJob): JobRecord => ({
  id: job._id.toHexString(),
  type: job.type,
  ownerId: job.ownerId.toHexString(),
  payload: job.payload,
  status: job.status,
  progress: { done: job.progressDone, total: job.progressTotal },
  attempts: job.attempts,
  maxAttempts: job.maxAttempts,
  failures: job.failures,
  result: job.result,
  createdAt: job.createdAt,
  updatedAt: job.updatedAt,
  finishedAt: job.finishedAt,
});

@Injectable()
export class JobsRepository {
  constructor(
    @InjectModel(Job.name) private readonly jobs: Model<Job>,
    private readonly guard: WriteGuard,
  ) {}

  /** Inserts the job, or returns the one already stored under the same dedupe key. */
  async insertOrFind(job: {
    type: string;
    ownerId: string;
    dedupeKey: string;
    payload: Record<string, unknown>;
    maxAttempts: number;
    runAfter: Date;
  }): Promise<{ job: JobRecord; created: boolean }> {
    const { value, created } = await this.guard.insertOrFind(
      async () => toRecord((await this.jobs.create(job)).toObject() as LeanJob),
      async () => {
        const existing = await this.jobs
          .findOne({ dedupeKey: job.dedupeKey })
          .lean<LeanJob>()
          .exec();
        return existing && toRecord(existing);
      },
    );
    return { job: value, created };
  }

  async existsWithKey(dedupeKey: string): Promise<boolean> {
    return (await this.jobs.exists({ dedupeKey }).exec()) !== null;
  }

  async findOwned(id: string, ownerId: string): Promise<JobRecord | null> {
    const job = await this.jobs.findOne({ _id: id, ownerId }).lean<LeanJob>().exec();
    return job ? toRecord(job) : null;
  }

  /** Atomically takes the oldest due job of the given types, or one whose lease expired. */
  async claim(types: string[], now: Date, leaseUntil: Date): Promise<JobRecord | null> {
    const job = await this.jobs
      .findOneAndUpdate(
        {
          type: trusted({ $in: types }),
          $or: [
            { status: 'queued', runAfter: trusted({ $lte: now }) },
            { status: 'running', leaseUntil: trusted({ $lt: now }) },
          ],
        },
        { $set: { status: 'running', leaseUntil }, $inc: { attempts: 1 } },
        { sort: { runAfter: 1 }, returnDocument: 'after' },
      )
      .lean<LeanJob>()
      .exec();
    return job ? toRecord(job) : null;
  }

  async setProgress(id: string, done: number, total: number, leaseUntil: Date): Promise<void> {
    await this.jobs
      .updateOne(
        { _id: id, status: 'running' },
        { $set: { progressDone: done, progressTotal: total, leaseUntil } },
      )
      .exec();
  }

  async succeed(id: string, result: Record<string, unknown>, now: Date): Promise<void> {
    await this.jobs
      .updateOne(
        { _id: id },
        { $set: { status: 'succeeded', result, leaseUntil: null, finishedAt: now } },
      )
      .exec();
  }

  async retryLater(id: string, error: string, runAfter: Date): Promise<void> {
    await this.jobs
      .updateOne(
        { _id: id },
        { $set: { status: 'queued', runAfter, leaseUntil: null }, $push: { failures: error } },
      )
      .exec();
  }

  async fail(id: string, error: string, now: Date): Promise<void> {
    await this.jobs
      .updateOne(
        { _id: id },
        {
          $set: { status: 'failed', leaseUntil: null, finishedAt: now },
          $push: { failures: error },
        },
      )
      .exec();
  }

  async countByTypeAndStatus(): Promise<{ type: string; status: string; count: number }[]> {
    const rows = await this.jobs.aggregate<{
      _id: { type: string; status: string };
      count: number;
    }>([{ $group: { _id: { type: '$type', status: '$status' }, count: { $sum: 1 } } }]);
    return rows.map((row) => ({ ...row._id, count: row.count }));
  }
}
