import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const SESSION_KINDS = ['practice', 'review', 'test'] as const;

/** One planned sitting; `n` is stable for completed sessions across replanning. */
@Schema({ _id: false })
export class PlannedSessionEntry {
  @Prop({ type: Number, required: true })
  n!: number;

  /** Local date, YYYY-MM-DD. */
  @Prop({ type: String, required: true })
  date!: string;

  @Prop({ type: Date, required: true })
  startAt!: Date;

  @Prop({ type: Date, required: true })
  endAt!: Date;

  @Prop({ type: String, enum: SESSION_KINDS, required: true })
  kind!: (typeof SESSION_KINDS)[number];

  @Prop({ type: [String], default: [] })
  topics!: string[];

  @Prop({ type: Number, required: true })
  minutes!: number;
}
export const PlannedSessionEntrySchema = SchemaFactory.createForClass(PlannedSessionEntry);

@Schema({ _id: false })
export class CompletionEntry {
  @Prop({ type: Number, required: true })
  n!: number;

  @Prop({ type: Date, required: true })
  at!: Date;
}
export const CompletionEntrySchema = SchemaFactory.createForClass(CompletionEntry);

/**
 * A study plan: the planner's settings (its inputs, as plain JSON with dates) and the sessions it
 * laid out. Replanning rewrites `sessions` whole; completions only grow. Every change raises
 * `revision`, and a replan writes only if the revision it read is still current.
 */
@Schema({ collection: 'study_plans' })
export class StudyPlan {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: [String], default: [] })
  documentIds!: string[];

  @Prop({ type: [String], required: true })
  topics!: string[];

  @Prop({ type: String, required: true, maxlength: 64 })
  timeZone!: string;

  /** The planner's PlanSettings (topics with mastery, recall, due reviews, velocity; times). */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  settings!: Record<string, unknown>;

  @Prop({ type: [PlannedSessionEntrySchema], default: [] })
  sessions!: PlannedSessionEntry[];

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  unscheduled!: { practiceMinutes: number; reviewMinutes: number; tests: number };

  @Prop({ type: [CompletionEntrySchema], default: [] })
  completions!: CompletionEntry[];

  @Prop({ type: Date, required: true })
  generatedAt!: Date;

  @Prop({ type: Number, default: 0 })
  replans!: number;

  @Prop({ type: Number, default: 0 })
  revision!: number;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const StudyPlanSchema = SchemaFactory.createForClass(StudyPlan);

// A student's plans, page by page (GET /api/study-plans); single plans are read by _id.
StudyPlanSchema.index({ userId: 1, _id: 1 });
