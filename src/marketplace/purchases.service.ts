import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { Clock } from '../common/clock';
import { ConflictError } from '../common/errors';
import { CheckoutsRepository, type Offer } from './checkouts.repository';
import { LicencesService, type LicenceView } from './licences.service';
import type { ListingRecord } from './listings.repository';
import { ListingsService } from './listings.service';
import { StripePayments } from './stripe-payments';

export interface CheckoutStarted {
  checkoutId: string;
  url: string;
}

export interface WebhookOutcome {
  received: true;
  outcome: 'processed' | 'ignored' | 'duplicate';
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

const offerOf = (l: ListingRecord): Offer => ({
  listingId: l.id,
  sellerId: l.sellerId,
  title: l.title,
  kind: l.licenceKind,
  seats: l.seats,
  documentIds: l.documentIds,
  priceMinor: l.priceMinor,
  currency: l.currency,
});

/**
 * Buying: free claims, Stripe Checkout, the signed webhook that alone grants paid licences, and
 * refunds. Webhook events are handled idempotently and in any order: a refund that arrives before its
 * checkout revokes the licence the moment it is granted.
 */
@Injectable()
export class PurchasesService {
  private readonly logger = new Logger('Purchases');

  constructor(
    private readonly listings: ListingsService,
    private readonly licences: LicencesService,
    private readonly checkouts: CheckoutsRepository,
    private readonly payments: StripePayments,
    private readonly clock: Clock,
  ) {}

  /** A free listing's licence, at once; claiming again returns the same licence. */
  async claim(buyerId: string, listingId: string): Promise<LicenceView> {
    const listing = await this.purchasable(buyerId, listingId);
    if (listing.priceMinor > 0) throw new ConflictError('This listing is not free: use checkout');
    const {
      grantKey: _k,
      paymentIntentId: _p,
      ...view
    } = await this.licences.grant(`free:${listing.id}:${buyerId}`, buyerId, offerOf(listing), null);
    return view;
  }

  async checkout(buyerId: string, listingId: string): Promise<CheckoutStarted> {
    const listing = await this.purchasable(buyerId, listingId);
    if (listing.priceMinor === 0) throw new ConflictError('This listing is free: claim it instead');
    const checkout = await this.checkouts.create(buyerId, offerOf(listing), this.clock.now());
    const session = await this.payments.createCheckout({
      checkoutId: checkout.id,
      listingId: listing.id,
      title: listing.title,
      priceMinor: listing.priceMinor,
      currency: listing.currency,
    });
    await this.checkouts.setStripeSession(checkout.id, session.sessionId);
    return { checkoutId: checkout.id, url: session.url };
  }

  async handleWebhook(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    const event = this.payments.verifyEvent(rawBody, signature, this.clock.now());
    const paymentIntentId =
      event.type === 'charge.refunded' ? paymentIntentOf(event.data.object) : undefined;
    const arrival = await this.checkouts.receive(
      event.id,
      event.type,
      paymentIntentId,
      this.clock.now(),
    );
    if (arrival === 'seen') return { received: true, outcome: 'duplicate' };
    const note = await this.process(event);
    await this.checkouts.settle(event.id, note ? 'ignored' : 'processed', note ?? undefined);
    if (note) this.logger.warn(`Stripe event ${event.id} (${event.type}) ignored: ${note}`);
    return { received: true, outcome: note ? 'ignored' : 'processed' };
  }

  /** An administrator's refund: Stripe refunds the payment, then the licence is revoked. */
  async refund(licenceId: string): Promise<void> {
    const licence = await this.licences.requireAny(licenceId);
    if (!licence.paymentIntentId) throw new ConflictError('The licence was not paid for');
    if (licence.status === 'active') await this.payments.refund(licence.paymentIntentId);
    await this.licences.revoke(licence, 'refunded by an administrator');
  }

  /** Handles the event; a reason when it is ignored, null when it was applied. */
  private async process(event: Stripe.Event): Promise<string | null> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        return this.completeCheckout(event.data.object);
      case 'charge.refunded':
        return this.chargeRefunded(event.data.object);
      default:
        return `unhandled event type ${event.type}`;
    }
  }

  private async completeCheckout(session: Stripe.Checkout.Session): Promise<string | null> {
    if (session.payment_status !== 'paid') return `payment status ${session.payment_status}`;
    const checkoutId = session.client_reference_id ?? '';
    const checkout = OBJECT_ID.test(checkoutId) ? await this.checkouts.findById(checkoutId) : null;
    if (!checkout) return `no checkout ${checkoutId.slice(0, 40)}`;
    const { offer } = checkout;
    if (session.amount_total != null && session.amount_total !== offer.priceMinor)
      return `amount ${session.amount_total} differs from the price ${offer.priceMinor}`;
    if (session.currency && session.currency !== offer.currency)
      return `currency ${session.currency} differs from ${offer.currency}`;
    const paymentIntentId = paymentIntentOf(session);
    const licence = await this.licences.grant(
      `checkout:${checkout.id}`,
      checkout.buyerId,
      offer,
      paymentIntentId ?? null,
    );
    if (paymentIntentId && (await this.checkouts.hasRefund(paymentIntentId)))
      await this.licences.revoke(licence, 'refunded');
    return null;
  }

  private async chargeRefunded(charge: Stripe.Charge): Promise<string | null> {
    const paymentIntentId = paymentIntentOf(charge);
    if (!paymentIntentId) return 'a refund without a payment';
    const licence = await this.licences.findByPaymentIntent(paymentIntentId);
    // The checkout may not be confirmed yet: the stored refund event revokes it when it is.
    if (licence) await this.licences.revoke(licence, 'refunded');
    return null;
  }

  private async purchasable(buyerId: string, listingId: string): Promise<ListingRecord> {
    const listing = await this.listings.requireOnSale(listingId);
    if (listing.sellerId === buyerId) throw new ConflictError('You cannot buy your own listing');
    if (
      listing.licenceKind === 'personal' &&
      listing.priceMinor > 0 &&
      (await this.licences.findActiveForHolder(listing.id, buyerId))
    )
      throw new ConflictError('You already hold a licence for this listing');
    return listing;
  }
}

function paymentIntentOf(object: { payment_intent?: string | { id: string } | null }) {
  const pi = object.payment_intent;
  return typeof pi === 'string' ? pi : (pi?.id ?? undefined);
}
