import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const LEDGER_KINDS = ['sale', 'refund'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * A seller's earning from one sale, or its reversal, in integer minor units. `_id` is
 * `<kind>:<licenceId>`: a sale and its refund are each written once, however often they are confirmed.
 */
@Schema({ collection: 'marketplace_ledger', versionKey: false })
export class LedgerEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, enum: LEDGER_KINDS, required: true })
  kind!: LedgerKind;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sellerId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  licenceId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  listingId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  grossMinor!: number;

  @Prop({ type: Number, required: true })
  feeMinor!: number;

  @Prop({ type: Number, required: true })
  netMinor!: number;

  @Prop({ type: String, required: true })
  currency!: string;

  /** Calendar month (UTC) of the entry, YYYY-MM. */
  @Prop({ type: String, required: true })
  month!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const LedgerEntrySchema = SchemaFactory.createForClass(LedgerEntry);

// A seller's statement over a range of months (GET /api/marketplace/earnings).
LedgerEntrySchema.index({ sellerId: 1, month: 1 });
// The payout report of one month, all sellers (GET /api/admin/marketplace/payouts).
LedgerEntrySchema.index({ month: 1 });
