import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import type { SchedulerName } from '../schedulers/scheduler';

export const SCHEDULER_NAMES = ['sm2', 'fsrs'] as const;
export const CARD_SOURCES = ['manual', 'session-mistake'] as const;
export type CardSource = (typeof CARD_SOURCES)[number];
/** Why a card is due earlier than its memory model alone would ask: an exam in its scope. */
export const DUE_REASONS = ['exam'] as const;
export type DueReason = (typeof DUE_REASONS)[number];

/**
 * A question a student reviews with spaced repetition. The scheduler state is stored as the
 * scheduler core produced it (plain JSON); `dueAt` is copied out of it so the queue can use an index.
 */
@Schema({ collection: 'review_cards' })
export class ReviewCard {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  questionId!: Types.ObjectId;

  @Prop({ type: Number, required: true, min: 1 })
  questionVersion!: number;

  @Prop({ type: String, required: true, maxlength: 200 })
  topic!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  documentId!: Types.ObjectId | null;

  /** The scheduler that wrote `state`; it follows the user's choice (see the conversion job). */
  @Prop({ type: String, enum: SCHEDULER_NAMES, required: true })
  scheduler!: SchedulerName;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  state!: Record<string, unknown>;

  @Prop({ type: Date, required: true })
  dueAt!: Date;

  @Prop({ type: Date, default: null })
  lastReviewedAt!: Date | null;

  /** Set when the due date was pulled in before an exam (`examAt`); null otherwise. */
  @Prop({ type: String, enum: DUE_REASONS, default: null })
  dueReason!: DueReason | null;

  @Prop({ type: Date, default: null })
  examAt!: Date | null;

  /** Grades applied to the schedule, and how many of them were Again. */
  @Prop({ type: Number, default: 0 })
  reviews!: number;

  @Prop({ type: Number, default: 0 })
  lapses!: number;

  /** Raised by every change of the schedule; writes compare it, so two reviews never both apply. */
  @Prop({ type: Number, default: 0 })
  version!: number;

  @Prop({ type: String, enum: CARD_SOURCES, required: true })
  source!: CardSource;

  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  sourceSessionId!: Types.ObjectId | null;

  /** From the injected clock: a card's history (and its replay) starts here. */
  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const ReviewCardSchema = SchemaFactory.createForClass(ReviewCard);

// One card per question and student (never duplicated by from-session); card look-up by question.
ReviewCardSchema.index({ userId: 1, questionId: 1 }, { unique: true });
// The review queue and the forecast: a student's cards in due order (cursor on _id within a due time).
ReviewCardSchema.index({ userId: 1, dueAt: 1, _id: 1 });
// The queue limited to one topic; study plans: a student's cards of some topics, in due order.
ReviewCardSchema.index({ userId: 1, topic: 1, dueAt: 1 });
// Listing a student's cards page by page; the scheduler conversion job's walk over them.
ReviewCardSchema.index({ userId: 1, _id: 1 });
