import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

@Schema({ _id: false })
export class RunEvent {
  @Prop({ type: Date, required: true })
  at!: Date;

  /** The job attempt the call belonged to. */
  @Prop({ type: Number, required: true })
  jobAttempt!: number;

  /** The HTTP attempt within the call (retries with backoff). */
  @Prop({ type: Number, required: true })
  attempt!: number;

  @Prop({ type: String, required: true, maxlength: 32 })
  kind!: string;

  @Prop({ type: Number, default: null })
  status!: number | null;

  @Prop({ type: Number, required: true })
  durationMs!: number;

  @Prop({ type: String, default: null, maxlength: 1000 })
  message!: string | null;
}
export const RunEventSchema = SchemaFactory.createForClass(RunEvent);

/** What a generation job spent and went through, across its attempts: token usage, calls, timeouts, retries. */
@Schema({ collection: 'generation_runs', timestamps: true })
export class GenerationRun {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  jobId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 32 })
  provider!: string;

  @Prop({ type: String, default: null, maxlength: 200 })
  model!: string | null;

  @Prop({ type: Number, default: 0 })
  inputTokens!: number;

  @Prop({ type: Number, default: 0 })
  outputTokens!: number;

  @Prop({ type: Number, default: 0 })
  calls!: number;

  @Prop({ type: [RunEventSchema], default: [] })
  events!: RunEvent[];
}

export const GenerationRunSchema = SchemaFactory.createForClass(GenerationRun);

// The job status route reads a job's run; unique so concurrent attempts add to one record.
GenerationRunSchema.index({ jobId: 1 }, { unique: true });
