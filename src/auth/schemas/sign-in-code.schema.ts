import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * A one-time code handed to the single-page app by a redirect sign-in (an identity provider, an LMS
 * launch), so that tokens never travel in a URL. `_id` is its SHA-256; it is exchanged once, within a
 * minute, for the app's own tokens.
 */
@Schema({ collection: 'sign_in_codes', versionKey: false })
export class SignInCode {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const SignInCodeSchema = SchemaFactory.createForClass(SignInCode);

// The clean-up removes codes never exchanged.
SignInCodeSchema.index({ createdAt: 1 });
