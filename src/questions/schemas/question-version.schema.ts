import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { QuestionContentFields } from './question.schema';

export const VERSION_REASONS = ['created', 'edited', 'reverted', 'recalibrated'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

/** An immutable snapshot of a question's content at one version; answers point at these. */
@Schema({ collection: 'question_versions' })
export class QuestionVersion extends QuestionContentFields {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  questionId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  documentId!: Types.ObjectId | null;

  @Prop({ type: Number, required: true, min: 1 })
  version!: number;

  @Prop({ type: String, enum: VERSION_REASONS, required: true })
  reason!: VersionReason;

  /** For a revert: the version whose content was restored. */
  @Prop({ type: Number, default: null })
  revertedFrom!: number | null;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const QuestionVersionSchema = SchemaFactory.createForClass(QuestionVersion);

// getVersion and the version list; unique so a version number is written once per question.
QuestionVersionSchema.index({ questionId: 1, version: 1 }, { unique: true });
