import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const METRIC_KINDS = ['conversion', 'continuous'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/** How a continuous metric's events are combined per user. */
export const METRIC_AGGREGATES = ['sum', 'mean'] as const;
export type MetricAggregate = (typeof METRIC_AGGREGATES)[number];

export const TARGET_ROLES = ['student', 'teacher', 'admin'] as const;
export type TargetRole = (typeof TARGET_ROLES)[number];

@Schema({ _id: false })
export class VariantDoc {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: Number, required: true })
  weight!: number;

  /** What the product reads for this variant (e.g. "0.8" for a target success rate). */
  @Prop({ type: String, default: null })
  value!: string | null;
}
const VariantSchema = SchemaFactory.createForClass(VariantDoc);

@Schema({ _id: false })
export class MetricDoc {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, enum: METRIC_KINDS, required: true })
  kind!: MetricKind;

  @Prop({ type: String, enum: METRIC_AGGREGATES, default: 'sum' })
  aggregate!: MetricAggregate;
}
const MetricSchema = SchemaFactory.createForClass(MetricDoc);

/** An A/B experiment: weighted variants (one the control), declared metrics and a population. */
@Schema({ collection: 'experiments', timestamps: true })
export class Experiment {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  /** Hashed with the user id for assignment; fixed at creation so assignment survives restarts. */
  @Prop({ type: String, required: true })
  salt!: string;

  @Prop({ type: [VariantSchema], required: true })
  variants!: VariantDoc[];

  @Prop({ type: String, required: true })
  control!: string;

  @Prop({ type: [MetricSchema], required: true })
  metrics!: MetricDoc[];

  /** Roles in the population; empty means every role. */
  @Prop({ type: [String], default: [] })
  targetRoles!: TargetRole[];

  /** Percent (0–100) of the matching users in the population, chosen by a second hash. */
  @Prop({ type: Number, default: 100 })
  targetPercent!: number;

  /** Exposed users per variant below which results carry a warning. */
  @Prop({ type: Number, default: 100 })
  minimumSampleSize!: number;

  @Prop({ type: String, enum: EXPERIMENT_STATUSES, required: true })
  status!: ExperimentStatus;

  @Prop({ type: Date, default: null })
  startedAt!: Date | null;

  @Prop({ type: Date, default: null })
  stoppedAt!: Date | null;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  createdAt!: Date;
  updatedAt!: Date;
}

export const ExperimentSchema = SchemaFactory.createForClass(Experiment);

// Lookup by key (GET /api/experiments/:key/..., variantFor), and one experiment per key.
ExperimentSchema.index({ key: 1 }, { unique: true });
// Running experiments that declare a metric the product tracks itself (session completion).
ExperimentSchema.index({ status: 1, _id: 1 });
