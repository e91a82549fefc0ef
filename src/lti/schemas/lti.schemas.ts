import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** An LMS (Canvas, Moodle, Blackboard…) an administrator registered to launch this tool. */
@Schema({ collection: 'lti_platforms', timestamps: true })
export class LtiPlatform {
  @Prop({ type: String, required: true, maxlength: 200 })
  name!: string;

  /** The platform's `iss`. */
  @Prop({ type: String, required: true, maxlength: 500 })
  issuer!: string;

  /** The tool's client id at the platform (the `aud` of its id_tokens). */
  @Prop({ type: String, required: true, maxlength: 200 })
  clientId!: string;

  @Prop({ type: [String], required: true })
  deploymentIds!: string[];

  /** Where the OIDC authentication request goes. */
  @Prop({ type: String, required: true, maxlength: 2000 })
  authLoginUrl!: string;

  /** The platform's public keys. */
  @Prop({ type: String, required: true, maxlength: 2000 })
  jwksUrl!: string;

  createdAt!: Date;
}
export const LtiPlatformSchema = SchemaFactory.createForClass(LtiPlatform);
// A login initiation names the platform by issuer (and client id).
LtiPlatformSchema.index({ issuer: 1, clientId: 1 }, { unique: true });

/** The tool's signing key: one, made on first need; the private part is stored sealed. */
@Schema({ collection: 'lti_tool_keys', versionKey: false })
export class LtiToolKey {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  kid!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  publicJwk!: Record<string, unknown>;

  @Prop({ type: String, required: true })
  privateJwkSealed!: string;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}
export const LtiToolKeySchema = SchemaFactory.createForClass(LtiToolKey);

/**
 * One login in flight: `_id` is the `state` sent to the platform, used once. `nonce` must come back in
 * the id_token.
 */
@Schema({ collection: 'lti_login_states', versionKey: false })
export class LtiLoginState {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  platformId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  nonce!: string;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}
export const LtiLoginStateSchema = SchemaFactory.createForClass(LtiLoginState);
// The clean-up job removes logins never completed.
LtiLoginStateSchema.index({ createdAt: 1 });

/** A nonce seen in a launch (`_id` is `<platform>:<nonce>`): its unique insert refuses a replay. */
@Schema({ collection: 'lti_nonces', versionKey: false })
export class LtiNonce {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  usedAt!: Date;
}
export const LtiNonceSchema = SchemaFactory.createForClass(LtiNonce);
// The clean-up job forgets nonces once their tokens have long expired.
LtiNonceSchema.index({ usedAt: 1 });

/** A platform user (`sub`) linked to an account; `_id` is `<platform>:<sub>`. */
@Schema({ collection: 'lti_identities', versionKey: false })
export class LtiIdentity {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  platformId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}
export const LtiIdentitySchema = SchemaFactory.createForClass(LtiIdentity);
// A user's linked platform accounts.
LtiIdentitySchema.index({ userId: 1 });
