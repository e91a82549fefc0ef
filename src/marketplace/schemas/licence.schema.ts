import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { LICENCE_KINDS, type LicenceKind } from './listing.schema';

export const LICENCE_STATUSES = ['active', 'revoked'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/**
 * The right to study a listing's content, as the listing was when it was bought: editing the listing
 * later changes no licence. `grantKey` (the checkout, or the free claim) is unique, so however often
 * and in whatever order a purchase is confirmed, it grants one licence.
 */
@Schema({ collection: 'marketplace_licences' })
export class Licence {
  @Prop({ type: String, required: true })
  grantKey!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  listingId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sellerId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  holderId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, enum: LICENCE_KINDS, required: true })
  kind!: LicenceKind;

  @Prop({ type: Number, required: true, min: 1 })
  seats!: number;

  @Prop({ type: [MongooseSchema.Types.ObjectId], required: true })
  documentIds!: Types.ObjectId[];

  @Prop({ type: Number, required: true, min: 0 })
  priceMinor!: number;

  @Prop({ type: String, required: true })
  currency!: string;

  @Prop({ type: String, enum: LICENCE_STATUSES, required: true })
  status!: LicenceStatus;

  /** The Stripe PaymentIntent that paid it; refunds find the licence by it. */
  @Prop({ type: String })
  paymentIntentId?: string;

  @Prop({ type: Date, required: true })
  grantedAt!: Date;

  @Prop({ type: Date })
  revokedAt?: Date;

  @Prop({ type: String, maxlength: 200 })
  revokedReason?: string;
}

export const LicenceSchema = SchemaFactory.createForClass(Licence);

// One licence per checkout or free claim, whatever the number of deliveries.
LicenceSchema.index({ grantKey: 1 }, { unique: true });
// The caller's licences in id order (GET /api/marketplace/licences).
LicenceSchema.index({ holderId: 1, _id: 1 });
// Does the caller already hold this listing (buying twice, rating)?
LicenceSchema.index({ listingId: 1, holderId: 1 });
// A charge.refunded event names the payment.
LicenceSchema.index({ paymentIntentId: 1 });
