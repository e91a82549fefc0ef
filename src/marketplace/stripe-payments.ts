import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { InvalidInputError, ServiceUnavailableError } from '../common/errors';
import { AppConfig } from '../config';

export interface CheckoutRequest {
  checkoutId: string;
  listingId: string;
  title: string;
  priceMinor: number;
  currency: string;
}

/** The Stripe SDK behind the few calls the marketplace makes; absent keys make payments unavailable. */
@Injectable()
export class StripePayments {
  private readonly logger = new Logger('Stripe');
  private readonly stripe: Stripe | null;

  constructor(private readonly config: AppConfig) {
    const { stripeSecretKey, stripeApiUrl } = config.marketplace;
    if (!stripeSecretKey) {
      this.stripe = null;
      return;
    }
    const api = stripeApiUrl ? new URL(stripeApiUrl) : null;
    this.stripe = new Stripe(stripeSecretKey, {
      maxNetworkRetries: 2,
      timeout: 10_000,
      telemetry: false,
      ...(api && {
        host: api.hostname,
        port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
        protocol: api.protocol === 'https:' ? 'https' : 'http',
      }),
    });
  }

  /** A Stripe Checkout Session for one unit of the listing; the buyer pays on Stripe's page. */
  async createCheckout(request: CheckoutRequest): Promise<{ sessionId: string; url: string }> {
    const stripe = this.require();
    const back = this.config.marketplace.returnUrl;
    try {
      const session = await stripe.checkout.sessions.create({
        mode: 'payment',
        client_reference_id: request.checkoutId,
        metadata: { checkoutId: request.checkoutId, listingId: request.listingId },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency,
              unit_amount: request.priceMinor,
              product_data: { name: request.title },
            },
          },
        ],
        success_url: `${back}?checkout=${request.checkoutId}&status=success`,
        cancel_url: `${back}?checkout=${request.checkoutId}&status=cancelled`,
      });
      if (!session.url) throw new Error('Stripe returned a session without a URL');
      return { sessionId: session.id, url: session.url };
    } catch (error) {
      throw this.unavailable('create the checkout', error);
    }
  }

  async refund(paymentIntentId: string): Promise<void> {
    const stripe = this.require();
    try {
      await stripe.refunds.create({ payment_intent: paymentIntentId });
    } catch (error) {
      throw this.unavailable('refund the payment', error);
    }
  }

  /** The event, once its signature over the raw body checks out (Stripe's five-minute tolerance). */
  verifyEvent(rawBody: Buffer, signature: string | undefined, receivedAt: Date): Stripe.Event {
    const secret = this.config.marketplace.stripeWebhookSecret;
    if (!this.stripe || !secret) throw new ServiceUnavailableError('Payments are not configured');
    if (!signature) throw new InvalidInputError('Missing Stripe-Signature header');
    try {
      return this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        secret,
        undefined,
        undefined,
        receivedAt.getTime(),
      );
    } catch {
      throw new InvalidInputError('The Stripe signature does not match the body');
    }
  }

  private require(): Stripe {
    if (!this.stripe) throw new ServiceUnavailableError('Payments are not configured');
    return this.stripe;
  }

  private unavailable(action: string, error: unknown): ServiceUnavailableError {
    this.logger.warn(`Could not ${action}: ${(error as Error).message}`);
    return new ServiceUnavailableError(`The payment provider could not ${action}; try again later`);
  }
}
