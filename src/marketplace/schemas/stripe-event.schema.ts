import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const EVENT_OUTCOMES = ['processing', 'processed', 'ignored'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/**
 * A Stripe webhook event, stored by its id: a redelivered event that was processed is not processed
 * again. A `charge.refunded` that arrives before its checkout is kept as `refundPending` on the
 * payment, and the licence is revoked as soon as it is granted.
 */
@Schema({ collection: 'marketplace_stripe_events', versionKey: false })
export class StripeEvent {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  type!: string;

  @Prop({ type: String, enum: EVENT_OUTCOMES, required: true })
  outcome!: EventOutcome;

  @Prop({ type: String, maxlength: 300 })
  note?: string;

  /** For charge.refunded: the refunded payment. */
  @Prop({ type: String })
  paymentIntentId?: string;

  @Prop({ type: Date, required: true })
  receivedAt!: Date;
}

export const StripeEventSchema = SchemaFactory.createForClass(StripeEvent);

// A checkout completed after its refund looks for the refund event of its payment.
StripeEventSchema.index({ paymentIntentId: 1, type: 1 });
