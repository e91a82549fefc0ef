import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A user's TOTP second factor. `_id` is the user id (hex). The secret is sealed with AES-256-GCM; the
 * backup codes are stored as SHA-256 hashes and removed as they are spent.
 */
@Schema({ collection: 'two_factor', versionKey: false })
export class TwoFactor {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  secretSealed!: string;

  @Prop({ type: Boolean, required: true, default: false })
  enabled!: boolean;

  @Prop({ type: [String], default: [] })
  backupCodeHashes!: string[];

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}
export const TwoFactorSchema = SchemaFactory.createForClass(TwoFactor);
// Only read and written by _id (the user id): served by the built-in _id index.

/**
 * A spent one-time code: `<userId>:totp:<step>` or `<userId>:backup:<hash>`. The unique _id makes a
 * code work once even when two requests present it at the same moment.
 */
@Schema({ collection: 'two_factor_used_codes', versionKey: false })
export class UsedCode {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  usedAt!: Date;
}
export const UsedCodeSchema = SchemaFactory.createForClass(UsedCode);
// The clean-up removes TOTP uses older than the drift window.
UsedCodeSchema.index({ usedAt: 1 });

/** The second step of a sign-in: `_id` is the SHA-256 of the challenge handed to the client. */
@Schema({ collection: 'two_factor_challenges', versionKey: false })
export class MfaChallenge {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  userId!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: Number, required: true, default: 0 })
  failures!: number;
}
export const MfaChallengeSchema = SchemaFactory.createForClass(MfaChallenge);
// The clean-up removes expired challenges.
MfaChallengeSchema.index({ expiresAt: 1 });

/** Set when a family of refresh tokens is revoked; a token created in that family afterwards is refused. */
@Schema({ collection: 'revoked_token_families', versionKey: false })
export class RevokedFamily {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  revokedAt!: Date;
}
export const RevokedFamilySchema = SchemaFactory.createForClass(RevokedFamily);
// Read by _id only; the clean-up removes markers older than the refresh lifetime.
RevokedFamilySchema.index({ revokedAt: 1 });
