import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One row per scheduler slot that an instance claimed: the unique _id ("notifications:<slot start>") makes
 * exactly one instance of the cluster run each slot.
 */
@Schema({ collection: 'notification_scheduler_runs', timestamps: false })
export class SchedulerRun {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  claimedAt!: Date;
}

export const SchedulerRunSchema = SchemaFactory.createForClass(SchedulerRun);
// Claimed by a unique insert on _id; old slots pruned by _id range (both served by the _id index).
