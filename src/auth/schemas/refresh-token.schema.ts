import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** One issued refresh token. Rotation links tokens into a family; reusing a spent token revokes the family. */
@Schema({ collection: 'refresh_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class RefreshToken {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  familyId!: Types.ObjectId;

  /** The token this one replaced (a fresh id for the first of a family); unique, so a token rotates once. */
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  parentId!: Types.ObjectId;

  /** SHA-256 of the token's secret part; the secret itself is never stored. */
  @Prop({ required: true })
  tokenHash!: string;

  @Prop({ required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  usedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);

// A token has at most one successor, even when two refreshes race (an insert is atomic on every backend).
RefreshTokenSchema.index({ parentId: 1 }, { unique: true });
// Revoking a whole family on reuse or logout.
RefreshTokenSchema.index({ familyId: 1 });
// Revoking every session of a user on password change.
RefreshTokenSchema.index({ userId: 1 });
// The clean-up job deletes expired tokens.
RefreshTokenSchema.index({ expiresAt: 1 });
