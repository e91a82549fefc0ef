import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { REVIEW_KINDS } from './review-log.schema';
import type { ReviewKind } from './review-log.schema';

export const ITEM_STATUSES = ['pending', 'graded'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** One card to grade inside a review session; its id is the `reviewId` of the grading route. */
@Schema({ collection: 'review_items', timestamps: true })
export class ReviewItem {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  cardId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  questionId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 200 })
  topic!: string;

  /** 1-based order in the session. */
  @Prop({ type: Number, required: true })
  position!: number;

  /** review: changes the schedule; drill: SM-2's same-day repeat, logged only. */
  @Prop({ type: String, enum: REVIEW_KINDS, required: true })
  kind!: ReviewKind;

  /** For a drill, the item whose grade asked for it. */
  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  drillOf!: Types.ObjectId | null;

  /** The card version the item was created against: a card reviewed elsewhere meanwhile is stale. */
  @Prop({ type: Number, required: true })
  cardVersion!: number;

  @Prop({ type: String, enum: ITEM_STATUSES, default: 'pending' })
  status!: ItemStatus;

  @Prop({ type: Number, default: null })
  grade!: number | null;

  @Prop({ type: Date, default: null })
  gradedAt!: Date | null;

  @Prop({ type: Date, default: null })
  dueAt!: Date | null;

  @Prop({ type: Number, default: null })
  intervalDays!: number | null;
}

export const ReviewItemSchema = SchemaFactory.createForClass(ReviewItem);

// A session's items in order (session view, the last position when adding a drill, finding an item's drill).
ReviewItemSchema.index({ userId: 1, sessionId: 1, position: 1, _id: 1 });
