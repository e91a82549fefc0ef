import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A durable background job: claimed with a lease, retried with backoff, visible to its owner and operators. */
@Schema({ collection: 'jobs', timestamps: true })
export class Job {
  @Prop({ type: String, required: true, maxlength: 64 })
  type!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  /** `type:owner:idempotency-key`, or a random value: a retried request finds the job it already created. */
  @Prop({ type: String, required: true })
  dedupeKey!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  payload!: Record<string, unknown>;

  @Prop({ type: String, enum: JOB_STATUSES, required: true, default: 'queued' })
  status!: JobStatus;

  @Prop({ type: Number, default: 0 })
  progressDone!: number;

  @Prop({ type: Number, default: 0 })
  progressTotal!: number;

  @Prop({ type: Number, default: 0 })
  attempts!: number;

  @Prop({ type: Number, required: true })
  maxAttempts!: number;

  @Prop({ type: Date, required: true })
  runAfter!: Date;

  @Prop({ type: Date, default: null })
  leaseUntil!: Date | null;

  @Prop({ type: [String], default: [] })
  failures!: string[];

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  result!: Record<string, unknown> | null;

  @Prop({ type: Date, default: null })
  finishedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const JobSchema = SchemaFactory.createForClass(Job);

// Idempotent enqueue: one job per dedupe key.
JobSchema.index({ dedupeKey: 1 }, { unique: true });
// Workers claim the oldest due job.
JobSchema.index({ status: 1, runAfter: 1 });
// Workers reclaim jobs whose lease ran out (a crashed instance).
JobSchema.index({ status: 1, leaseUntil: 1 });
// A worker's claim: the oldest due (or lease-expired) job of one type.
JobSchema.index({ type: 1, runAfter: 1 });
