import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * A purchase started with Stripe Checkout. It is read back by `_id` (Stripe returns it as the session's
 * client_reference_id); the licence is granted only when the signed webhook confirms the payment.
 */
@Schema({ collection: 'marketplace_checkouts', versionKey: false })
export class Checkout {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  listingId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  buyerId!: Types.ObjectId;

  @Prop({ type: String })
  stripeSessionId?: string;

  /** The listing as it was sold, so later edits do not change what was bought. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  offer!: Record<string, unknown>;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const CheckoutSchema = SchemaFactory.createForClass(Checkout);
