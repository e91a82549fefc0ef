import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { ROLES } from '../../common/decorators';
import type { Role } from '../../common/decorators';

@Schema({ collection: 'users', timestamps: true })
export class User {
  /** As the user typed it (trimmed). */
  @Prop({ type: String, required: true, maxlength: 254 })
  email!: string;

  /** Lower-cased email: uniqueness and look-ups are case-insensitive without collations. */
  @Prop({ type: String, required: true, maxlength: 254 })
  emailNormalized!: string;

  @Prop({ type: String, required: true, maxlength: 100 })
  name!: string;

  @Prop({ type: String, required: true, enum: ROLES, default: 'student' })
  role!: Role;

  @Prop({ type: String, required: true })
  passwordHash!: string;

  /** IANA time zone, used to place study sessions and reminders in the user's day. */
  @Prop({ type: String, required: true, default: 'UTC', maxlength: 64 })
  timezone!: string;

  /**
   * Bumped on role change, password change, sign-out everywhere, 2FA change and deletion: access tokens
   * carry the version they were issued at and stop working on the next request once it moves.
   */
  @Prop({ type: Number, required: true, default: 0 })
  tokenVersion!: number;

  /** True once a TOTP second factor is enabled: sign-ins then end in a challenge. */
  @Prop({ type: Boolean, required: true, default: false })
  twoFactorEnabled!: boolean;

  createdAt!: Date;
  updatedAt!: Date;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);

// Sign-in and registration look users up by normalised email; unique makes emails case-insensitively unique.
UserSchema.index({ emailNormalized: 1 }, { unique: true });
// Admins list users by role, page by page in id order.
UserSchema.index({ role: 1, _id: 1 });
