import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** The first time a user in the population was shown their variant: one per user and experiment. */
@Schema({ collection: 'experiment_exposures', versionKey: false })
export class ExperimentExposure {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  experimentId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  variant!: string;

  @Prop({ type: Date, required: true })
  exposedAt!: Date;
}

export const ExperimentExposureSchema = SchemaFactory.createForClass(ExperimentExposure);

// One exposure per user (the unique insert decides races); the user's exposure before tracking;
// and the stream of an experiment's exposures for results.
ExperimentExposureSchema.index({ experimentId: 1, userId: 1 }, { unique: true });
// Exposed users per variant (results, sample-ratio check).
ExperimentExposureSchema.index({ experimentId: 1, variant: 1 });
