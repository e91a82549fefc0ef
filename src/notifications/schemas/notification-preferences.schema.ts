import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** A user's email choices; absent means the defaults (src/notifications/preferences.ts). */
@Schema({ collection: 'notification_preferences', timestamps: true })
export class NotificationPreferences {
  /** The user's id: one document per user, found by _id (the built-in index). */
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: Boolean, required: true })
  reviewReminders!: boolean;

  /** Local time, "HH:MM" (24-hour), in the user's profile time zone. */
  @Prop({ type: String, required: true })
  reminderTime!: string;

  /** A reminder is sent only when at least this many cards are due (1: daily whenever any are due). */
  @Prop({ type: Number, required: true })
  reminderMinDue!: number;

  @Prop({ type: Boolean, required: true })
  weeklyReports!: boolean;

  /** 0 Sunday … 6 Saturday, local. */
  @Prop({ type: Number, required: true })
  weeklyReportDay!: number;

  @Prop({ type: Boolean, required: true })
  milestones!: boolean;

  @Prop({ type: Boolean, required: true })
  streaks!: boolean;

  /** Quiet hours, "HH:MM" local; nothing is sent from start up to end (may wrap past midnight). */
  @Prop({ type: String, default: null })
  quietStart!: string | null;

  @Prop({ type: String, default: null })
  quietEnd!: string | null;

  updatedAt!: Date;
}

export const NotificationPreferencesSchema = SchemaFactory.createForClass(NotificationPreferences);
// Read by _id (one user), and by _id $in a page of user ids in the scheduler pass: the built-in _id index.
