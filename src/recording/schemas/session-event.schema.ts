import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { EVENT_TYPES } from '../event-rules';
import type { EventType } from '../event-rules';

/**
 * One recorded interaction event, flat (no nested arrays). `(sessionId, batchId, seq)` is unique, so
 * a batch the client sends again is stored once.
 */
@Schema({ collection: 'session_events', timestamps: false })
export class SessionEvent {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The client's id for the batch, and the event's place in it. */
  @Prop({ type: String, required: true })
  batchId!: string;

  @Prop({ type: Number, required: true })
  seq!: number;

  @Prop({ type: String, enum: EVENT_TYPES, required: true })
  type!: EventType;

  /** Client timestamp. */
  @Prop({ type: Date, required: true })
  at!: Date;

  @Prop({ type: Date, required: true })
  receivedAt!: Date;

  @Prop({ type: String, default: null })
  questionId!: string | null;

  /** Position within the question's area, 0..1. */
  @Prop({ type: Number, default: null })
  x!: number | null;

  @Prop({ type: Number, default: null })
  y!: number | null;

  /** Heatmap cell of (x, y), computed on arrival. */
  @Prop({ type: Number, default: null })
  cellX!: number | null;

  @Prop({ type: Number, default: null })
  cellY!: number | null;

  @Prop({ type: String, default: null })
  target!: string | null;

  @Prop({ type: String, default: null })
  key!: string | null;

  @Prop({ type: String, default: null })
  value!: string | null;

  @Prop({ type: Boolean, default: null })
  visible!: boolean | null;

  @Prop({ type: Number, default: null })
  scrollY!: number | null;
}

export const SessionEventSchema = SchemaFactory.createForClass(SessionEvent);

// Idempotent batches: a re-sent batch hits this unique key instead of storing its events twice.
SessionEventSchema.index({ sessionId: 1, batchId: 1, seq: 1 }, { unique: true });
// GET replay: a session's events in client-time order (then _id), paged by cursor.
SessionEventSchema.index({ sessionId: 1, at: 1, _id: 1 });
// GET timeline and heatmap: one session's events of given types.
SessionEventSchema.index({ sessionId: 1, type: 1, at: 1, _id: 1 });
