import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { Checkout } from './schemas/checkout.schema';
import { StripeEvent, type EventOutcome } from './schemas/stripe-event.schema';

/** What a buyer is sold: the listing frozen at checkout. */
export interface Offer {
  listingId: string;
  sellerId: string;
  title: string;
  kind: 'personal' | 'classroom';
  seats: number;
  documentIds: string[];
  priceMinor: number;
  currency: string;
}

export interface CheckoutRecord {
  id: string;
  buyerId: string;
  stripeSessionId: string | null;
  offer: Offer;
}

type LeanCheckout = Checkout & { _id: Types.ObjectId };

const toRecord = (c: LeanCheckout): CheckoutRecord => ({
  id: c._id.toHexString(),
  buyerId: c.buyerId.toHexString(),
  stripeSessionId: c.stripeSessionId ?? null,
  offer: c.offer as unknown as Offer,
});

/** Every query on `marketplace_checkouts` and `marketplace_stripe_events`. */
@Injectable()
export class CheckoutsRepository {
  constructor(
    @InjectModel(Checkout.name) private readonly checkouts: Model<Checkout>,
    @InjectModel(StripeEvent.name) private readonly events: Model<StripeEvent>,
    private readonly guard: WriteGuard,
  ) {}

  async create(buyerId: string, offer: Offer, now: Date): Promise<CheckoutRecord> {
    const created = await this.checkouts.create({
      listingId: new Types.ObjectId(offer.listingId),
      buyerId: new Types.ObjectId(buyerId),
      offer: { ...offer },
      createdAt: now,
    });
    return toRecord(created.toObject() as LeanCheckout);
  }

  async setStripeSession(id: string, stripeSessionId: string): Promise<void> {
    await this.checkouts.updateOne({ _id: id }, { $set: { stripeSessionId } }).exec();
  }

  async findById(id: string): Promise<CheckoutRecord | null> {
    const c = await this.checkouts.findById(id).lean<LeanCheckout>().exec();
    return c ? toRecord(c) : null;
  }

  /**
   * Records the event's arrival. 'new' the first time; 'seen' when it was already processed or ignored,
   * so a redelivery does nothing; 'retry' when an earlier delivery stopped half-way (processing is
   * idempotent, so it runs again).
   */
  async receive(
    id: string,
    type: string,
    paymentIntentId: string | undefined,
    now: Date,
  ): Promise<'new' | 'seen' | 'retry'> {
    const stored = await this.guard.insertUnique(() =>
      this.events.create({
        _id: id,
        type,
        outcome: 'processing',
        paymentIntentId,
        receivedAt: now,
      }),
    );
    if (stored) return 'new';
    const existing = await this.events.findById(id).lean<StripeEvent>().exec();
    return existing?.outcome === 'processing' ? 'retry' : 'seen';
  }

  async settle(id: string, outcome: EventOutcome, note?: string): Promise<void> {
    await this.events.updateOne({ _id: id }, { $set: { outcome, note } }).exec();
  }

  async hasRefund(paymentIntentId: string): Promise<boolean> {
    const found = await this.events
      .findOne({ paymentIntentId, type: 'charge.refunded' }, { _id: 1 })
      .lean()
      .exec();
    return found !== null;
  }
}
