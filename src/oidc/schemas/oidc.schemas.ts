import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** An OpenID Connect provider people may sign in with; its client secret is stored sealed. */
@Schema({ collection: 'oidc_providers', timestamps: true })
export class OidcProvider {
  /** The name in the sign-in URLs (`/auth/oidc/<name>/start`). */
  @Prop({ type: String, required: true, maxlength: 40 })
  name!: string;

  @Prop({ type: String, required: true, maxlength: 100 })
  displayName!: string;

  @Prop({ type: String, required: true, maxlength: 500 })
  issuer!: string;

  @Prop({ type: String, required: true, maxlength: 300 })
  clientId!: string;

  @Prop({ type: String, required: true })
  clientSecretSealed!: string;

  createdAt!: Date;
}
export const OidcProviderSchema = SchemaFactory.createForClass(OidcProvider);
// Sign-in URLs name the provider.
OidcProviderSchema.index({ name: 1 }, { unique: true });

/** A sign-in in flight: `_id` is the `state`, used once; PKCE verifier and nonce are checked on return. */
@Schema({ collection: 'oidc_logins', versionKey: false })
export class OidcLogin {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  providerId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  nonce!: string;

  @Prop({ type: String, required: true })
  codeVerifier!: string;

  /** Set when a signed-in user links this provider to their account. */
  @Prop({ type: MongooseSchema.Types.ObjectId })
  linkUserId?: Types.ObjectId;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}
export const OidcLoginSchema = SchemaFactory.createForClass(OidcLogin);
// The clean-up job removes sign-ins never completed.
OidcLoginSchema.index({ createdAt: 1 });

/** A provider account (`sub`) linked to a user; `_id` is `<provider>:<sub>`. One per user and provider. */
@Schema({ collection: 'oidc_identities', versionKey: false })
export class OidcIdentity {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  providerId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  subject!: string;

  @Prop({ type: String, maxlength: 320 })
  email?: string;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}
export const OidcIdentitySchema = SchemaFactory.createForClass(OidcIdentity);
// A user's identities; at most one per provider.
OidcIdentitySchema.index({ userId: 1, providerId: 1 }, { unique: true });

/**
 * A provider account whose verified email matches an existing account: it is linked only once the
 * person proves they own that account (its password). `_id` is the SHA-256 of the code handed to the app.
 */
@Schema({ collection: 'oidc_pending_links', versionKey: false })
export class OidcPendingLink {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  providerId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  subject!: string;

  @Prop({ type: String, required: true })
  email!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}
export const OidcPendingLinkSchema = SchemaFactory.createForClass(OidcPendingLink);
// The clean-up job removes links never confirmed.
OidcPendingLinkSchema.index({ createdAt: 1 });
