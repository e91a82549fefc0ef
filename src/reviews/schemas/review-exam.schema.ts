import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const EXAM_SOURCES = ['manual', 'study-plan'] as const;
export type ExamSource = (typeof EXAM_SOURCES)[number];

/**
 * An exam date for some topics or a document, set by the student or taken from a study plan's
 * deadline: cards in scope are scheduled around it.
 */
@Schema({ collection: 'review_exams' })
export class ReviewExam {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The scope: these topics, or (when empty) the document. */
  @Prop({ type: [String], default: [] })
  topics!: string[];

  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  documentId!: Types.ObjectId | null;

  @Prop({ type: Date, required: true })
  examAt!: Date;

  /** Recall wanted on the exam day; null: the student's desired retention. */
  @Prop({ type: Number, default: null, min: 0.7, max: 0.99 })
  targetRecall!: number | null;

  @Prop({ type: String, enum: EXAM_SOURCES, required: true })
  source!: ExamSource;

  /** The study plan whose deadline this is (source "study-plan"). */
  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  planId!: Types.ObjectId | null;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const ReviewExamSchema = SchemaFactory.createForClass(ReviewExam);

// Listing a student's exam dates page by page.
ReviewExamSchema.index({ userId: 1, _id: 1 });
// The upcoming exams, soonest first, read when a card is scheduled.
ReviewExamSchema.index({ userId: 1, examAt: 1, _id: 1 });
