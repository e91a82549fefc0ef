import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

@Schema({ _id: false })
export class PersonalCitation {
  @Prop({ type: String, required: true, maxlength: 64 }) chunkId!: string;
  @Prop({ type: Number, required: true }) page!: number;
  @Prop({ type: Number, required: true }) start!: number;
  @Prop({ type: Number, required: true }) end!: number;
  @Prop({ type: String, required: true, maxlength: 4000 }) snippet!: string;
}
export const PersonalCitationSchema = SchemaFactory.createForClass(PersonalCitation);

/**
 * An explanation of a wrong answer written for a profile bucket (misconception and style) of one
 * question version: shared by every learner in the bucket, never stored per user.
 */
@Schema({ collection: 'personal_explanations', timestamps: true })
export class PersonalExplanation {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  questionId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  version!: number;

  /** The question's document (its passages are quoted), for purging with the document. */
  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  documentId!: Types.ObjectId | null;

  @Prop({ type: String, required: true, maxlength: 200 })
  bucket!: string;

  @Prop({ type: String, required: true, maxlength: 4000 })
  text!: string;

  @Prop({ type: [PersonalCitationSchema], default: [] })
  citations!: PersonalCitation[];

  @Prop({ type: String, required: true, maxlength: 32 })
  provider!: string;

  @Prop({ type: Date, required: true })
  generatedAt!: Date;
}

export const PersonalExplanationSchema = SchemaFactory.createForClass(PersonalExplanation);

// The cache read: one question version's explanation for a bucket; unique so concurrent writers keep one.
PersonalExplanationSchema.index({ questionId: 1, version: 1, bucket: 1 }, { unique: true });
// Deleting a document purges the explanations that quote it.
PersonalExplanationSchema.index({ documentId: 1 });
