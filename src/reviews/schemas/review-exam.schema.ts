import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** An exam date a student set for a topic or a document: cards in scope are scheduled around it. */
@Schema({ collection: 'review_exams' })
export class ReviewExam {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** Exactly one of topic and documentId names the scope. */
  @Prop({ type: String, default: null, maxlength: 200 })
  topic!: string | null;

  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  documentId!: Types.ObjectId | null;

  @Prop({ type: Date, required: true })
  examAt!: Date;

  /** Recall wanted on the exam day; null: the student's desired retention. */
  @Prop({ type: Number, default: null, min: 0.7, max: 0.99 })
  targetRecall!: number | null;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const ReviewExamSchema = SchemaFactory.createForClass(ReviewExam);

// Listing a student's exam dates page by page.
ReviewExamSchema.index({ userId: 1, _id: 1 });
// The upcoming exams, soonest first, read when a card is scheduled.
ReviewExamSchema.index({ userId: 1, examAt: 1 });
