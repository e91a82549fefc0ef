import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** A scoped API key. Only the SHA-256 of its secret is stored; revoking deletes it. */
@Schema({ collection: 'api_keys', versionKey: false })
export class ApiKey {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 100 })
  name!: string;

  @Prop({ type: String, required: true })
  secretHash!: string;

  @Prop({ type: [String], required: true })
  scopes!: string[];

  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  @Prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}
export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
// A user's keys, listed and counted in id order; revocation by id and owner.
ApiKeySchema.index({ userId: 1, _id: 1 });
