import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import type { SchedulerName } from '../schedulers/scheduler';
import { SCHEDULER_NAMES } from './review-card.schema';

export const REVIEW_KINDS = ['review', 'drill'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
/** Where a grade came from: the student's own button in a review sitting, or a graded answer. */
export const REVIEW_SOURCES = ['self', 'answer'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/**
 * One document per grade given, never changed afterwards: the history analytics read and the
 * record from which a card's schedule can be rebuilt. Written before the card, so a crash between
 * the two writes is finished by the next attempt of the same review (see ReviewSessionsService).
 */
@Schema({ collection: 'review_logs', timestamps: { createdAt: true, updatedAt: false } })
export class ReviewLog {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  cardId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  questionId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 200 })
  topic!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  /** The review item graded (the `reviewId` of the route): one log per item. */
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  itemId!: Types.ObjectId;

  @Prop({ type: String, enum: REVIEW_KINDS, required: true })
  kind!: ReviewKind;

  /** A graded answer's sessionId is its practice/test session, its itemId a key per card and day. */
  @Prop({ type: String, enum: REVIEW_SOURCES, default: 'self' })
  source!: ReviewSource;

  @Prop({ type: String, enum: SCHEDULER_NAMES, required: true })
  scheduler!: SchedulerName;

  /** Again 1, Hard 2, Good 3, Easy 4. */
  @Prop({ type: Number, required: true, min: 1, max: 4 })
  grade!: number;

  @Prop({ type: Date, required: true })
  reviewedAt!: Date;

  /** Days since the card's previous review; null for its first. */
  @Prop({ type: Number, default: null })
  elapsedDays!: number | null;

  /** The scheduler's recall probability just before the grade (0 for a card never reviewed). */
  @Prop({ type: Number, required: true })
  retrievability!: number;

  @Prop({ type: Number, default: null })
  responseMs!: number | null;

  /** The card's version the grade applies to; the card moves to version + 1. */
  @Prop({ type: Number, required: true })
  cardVersion!: number;

  /** The schedule the grade produced (null for drills, which change nothing). */
  @Prop({ type: Date, default: null })
  dueAt!: Date | null;

  @Prop({ type: Number, default: null })
  intervalDays!: number | null;
}

export const ReviewLogSchema = SchemaFactory.createForClass(ReviewLog);

// Idempotency: one log per review item, whatever the number of attempts.
ReviewLogSchema.index({ itemId: 1 }, { unique: true });
// Analytics stream a student's history in time order (forgetting curve, fingerprint, burnout);
// the optimiser reads it whole; the median response time of graded answers reads the latest.
ReviewLogSchema.index({ userId: 1, reviewedAt: 1 });
// Rebuilding one card's schedule from its history (scheduler conversion).
ReviewLogSchema.index({ userId: 1, cardId: 1, reviewedAt: 1 });
