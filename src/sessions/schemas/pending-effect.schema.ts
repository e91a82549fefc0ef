import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * The side effects an answer still owes (an outbox: there are no multi-document transactions).
 * Written before the answer and deleted once its effects are applied, so the collection only holds
 * answers in flight, or interrupted by a crash, which the repair finds. `_id` is the answer's.
 * Kept apart from session_answers because FerretDB 1.24 scans a whole collection even to update
 * one document by `_id`: flags on the growing answers collection made every answer slower.
 */
@Schema({ collection: 'pending_answer_effects', timestamps: false })
export class PendingEffect {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  topic!: string;

  @Prop({ type: String, required: true })
  questionId!: string;

  @Prop({ type: Boolean, required: true })
  correct!: boolean;

  /** The answer's response time (a graded answer's review grade depends on it). */
  @Prop({ type: Number, default: null })
  responseMs!: number | null;

  @Prop({ type: Number, required: true })
  thetaDelta!: number;

  @Prop({ type: Number, required: true })
  difficultyDelta!: number;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const PendingEffectSchema = SchemaFactory.createForClass(PendingEffect);

// The repair: a session's interrupted effects when it ends, and the periodic sweep by age.
PendingEffectSchema.index({ sessionId: 1 });
PendingEffectSchema.index({ createdAt: 1 });
