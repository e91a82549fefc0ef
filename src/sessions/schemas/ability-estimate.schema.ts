import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One estimate on the Rasch logit scale, moved by Elo steps: a student's ability θ in a topic
 * (`_id` = `theta:<userId>:<topic>`, value = θ, prior 0) or a question's difficulty
 * (`_id` = `difficulty:<questionId>`, value = the shift from the prior given by its authored 0..1
 * difficulty). Read and written by `_id` only: the one filter FerretDB 1.24 answers without
 * scanning the collection.
 */
@Schema({ collection: 'ability_estimates', timestamps: { createdAt: false, updatedAt: true } })
export class AbilityEstimateDoc {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  value!: number;

  /** Answers absorbed (the n of the Elo uncertainty function). */
  @Prop({ type: Number, required: true })
  answers!: number;

  /** Ids of the latest answers applied (bounded, rewritten whole): a repeated step is skipped. */
  @Prop({ type: [String], default: [] })
  recent!: string[];
}

export const AbilityEstimateSchema = SchemaFactory.createForClass(AbilityEstimateDoc);
// No secondary index: every query is by _id.
