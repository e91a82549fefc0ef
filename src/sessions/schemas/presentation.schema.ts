import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * A question shown to the student in a practice or adaptive session. `_id` is
 * `<sessionId>:<questionId>`, so checking that an answered question was shown is one lookup by
 * `_id`. `slot` is the number of answers the session had when it was shown; the unique
 * (sessionId, slot) key lets exactly one of two concurrent `next` calls choose the question (an
 * insert is atomic on FerretDB, a conditional update is not), and the other serves its choice.
 */
@Schema({ collection: 'session_presentations', timestamps: false })
export class SessionPresentation {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  slot!: number;

  @Prop({ type: String, required: true })
  questionId!: string;

  @Prop({ type: Date, required: true })
  presentedAt!: Date;
}

export const SessionPresentationSchema = SchemaFactory.createForClass(SessionPresentation);

// One question per slot; also lists a session's presentations in order.
SessionPresentationSchema.index({ sessionId: 1, slot: 1 }, { unique: true });
