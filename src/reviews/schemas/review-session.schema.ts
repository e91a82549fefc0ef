import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * A sitting in which a student works through due cards. Its items live in review_items (a session
 * grows when SM-2 asks for same-day drills, and items change state one by one).
 */
@Schema({ collection: 'review_sessions', timestamps: true })
export class ReviewSession {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The topic the session was limited to, if any. */
  @Prop({ type: String, default: null, maxlength: 200 })
  topic!: string | null;

  @Prop({ type: Date, required: true })
  startedAt!: Date;

  /** When the last item was graded; the session's end for study-time statistics. */
  @Prop({ type: Date, default: null })
  lastGradedAt!: Date | null;
}

export const ReviewSessionSchema = SchemaFactory.createForClass(ReviewSession);

// A student's sessions in start order (fingerprint, burnout, listing).
ReviewSessionSchema.index({ userId: 1, startedAt: 1 });
