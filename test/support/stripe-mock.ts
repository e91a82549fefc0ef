import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Stripe from 'stripe';

export const STRIPE_TEST_KEY = 'sk_test_e2e';
export const STRIPE_WEBHOOK_SECRET = 'whsec_e2eSigningSecret';

/**
 * Stripe's official API mock (built by `scripts/setup.mjs --test-servers`) on a loopback port. It checks
 * every request against Stripe's OpenAPI specification and answers with fixtures; it keeps no state.
 */
export class StripeMock {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<StripeMock> {
    const port = await freePort();
    const binary = join(__dirname, '..', '..', 'tools', 'stripe-mock', 'stripe-mock');
    const child = spawn(binary, ['-http-addr', `127.0.0.1:${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    const url = `http://127.0.0.1:${port}`;
    const mock = new StripeMock(child, url);
    await mock.waitUntilReady();
    return mock;
  }

  /** App settings that point the Stripe SDK at this mock. */
  env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: STRIPE_TEST_KEY,
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_URL: this.url,
    };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async waitUntilReady(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (this.child.exitCode !== null) throw new Error('stripe-mock exited at start');
      try {
        const res = await fetch(`${this.url}/v1/balance`, {
          headers: { authorization: `Bearer ${STRIPE_TEST_KEY}` },
        });
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('stripe-mock did not answer within 10 s');
  }
}

/** A webhook delivery as Stripe makes it: the JSON body and its Stripe-Signature header. */
export function signedStripeEvent(
  event: { id: string; type: string; object: Record<string, unknown> },
  signedAt: Date,
  secret = STRIPE_WEBHOOK_SECRET,
): { body: string; signature: string } {
  const body = JSON.stringify({
    id: event.id,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(signedAt.getTime() / 1000),
    type: event.type,
    data: { object: event.object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
  const signature = new Stripe(STRIPE_TEST_KEY).webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: Math.floor(signedAt.getTime() / 1000),
  });
  return { body, signature };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
