import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import type { SchedulerName } from '../schedulers/scheduler';
import { SCHEDULER_NAMES } from './review-card.schema';

/** A student's choice of scheduler; absent means the defaults (FSRS at the configured retention). */
@Schema({ collection: 'review_settings', timestamps: true })
export class ReviewSettings {
  /** The student's id: one document per student, found by _id alone (the look-up every engine serves fastest). */
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: String, enum: SCHEDULER_NAMES, required: true })
  scheduler!: SchedulerName;

  @Prop({ type: Number, required: true, min: 0.7, max: 0.99 })
  desiredRetention!: number;

  /** Weekdays (0 Sunday … 6 Saturday, the student's time zone) that get a reduced review load. */
  @Prop({ type: [Number], default: [] })
  easyDays!: number[];

  updatedAt!: Date;
}

export const ReviewSettingsSchema = SchemaFactory.createForClass(ReviewSettings);
// Read before every scheduling decision by _id (the student's id): the built-in _id index serves it.
