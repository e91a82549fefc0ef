import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** One tracked metric event of an exposed user. */
@Schema({ collection: 'experiment_events', versionKey: false })
export class ExperimentEvent {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  experimentId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  metric!: string;

  @Prop({ type: Number, required: true })
  value!: number;

  /** Given by the caller, or generated: a repeated key is not counted twice. */
  @Prop({ type: String, required: true })
  idempotencyKey!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const ExperimentEventSchema = SchemaFactory.createForClass(ExperimentEvent);

// Idempotency: one event per (experiment, user, key); the unique insert decides races.
ExperimentEventSchema.index({ experimentId: 1, userId: 1, idempotencyKey: 1 }, { unique: true });
// The stream of one metric's events for results.
ExperimentEventSchema.index({ experimentId: 1, metric: 1 });
