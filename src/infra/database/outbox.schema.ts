import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * Side effects a write still owes (an outbox: there are no multi-document transactions). Written
 * before the write and deleted once its effects are applied, so the collection only holds effects
 * in flight, or interrupted by a crash, which a repair finds. Kept apart from the collections the
 * effects belong to because FerretDB 1.24 scans a whole collection even to update one document.
 */
@Schema({ collection: 'pending_effects', timestamps: false })
export class PendingEffectDoc {
  /** The effect's key: one pending record per key, so a concurrent duplicate is refused. */
  @Prop({ type: String, required: true })
  _id!: string;

  /** Which owner's effects these are (e.g. "answer"). */
  @Prop({ type: String, required: true })
  kind!: string;

  /** The group repaired together (e.g. a session id). */
  @Prop({ type: String, required: true })
  scope!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  payload!: Record<string, unknown>;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const PendingEffectSchema = SchemaFactory.createForClass(PendingEffectDoc);

// Repairing one scope's interrupted effects: kind and scope equal, createdAt up to a cutoff.
PendingEffectSchema.index({ kind: 1, scope: 1, createdAt: 1 });
// The periodic sweep: one kind, oldest first, up to a cutoff.
PendingEffectSchema.index({ kind: 1, createdAt: 1 });
