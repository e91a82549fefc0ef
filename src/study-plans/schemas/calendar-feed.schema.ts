import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * A student's calendar subscription. `_id` is the SHA-256 of the secret token in the feed URL, so a
 * request finds its feed by `_id` and a database leak gives no working URL. One feed per student:
 * creating a new one revokes the old.
 */
@Schema({ collection: 'calendar_feeds', versionKey: false })
export class CalendarFeed {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const CalendarFeedSchema = SchemaFactory.createForClass(CalendarFeed);

// The student's feed, to show or revoke it.
CalendarFeedSchema.index({ userId: 1 });
