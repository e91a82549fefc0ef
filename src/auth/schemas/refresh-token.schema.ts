import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** One issued refresh token. Rotation links tokens into a family; reusing a spent token revokes the family. */
@Schema({ collection: 'refresh_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class RefreshToken {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  familyId!: Types.ObjectId;

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

// Revoking a whole family on reuse or logout.
RefreshTokenSchema.index({ familyId: 1 });
// Revoking every session of a user on password change.
RefreshTokenSchema.index({ userId: 1 });
// The clean-up job deletes expired tokens.
RefreshTokenSchema.index({ expiresAt: 1 });
