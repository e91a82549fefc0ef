import { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './standard-webhooks';

describe('Standard Webhooks signatures', () => {
  // The specification's published example (standard-webhooks repository, spec and libraries' tests).
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('matches the specification’s example signature', () => {
    expect(signWebhook(secret, id, timestamp, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies its own headers, and refuses a changed body, another secret or a stale timestamp', () => {
    const headers = webhookHeaders(secret, id, timestamp, body);
    expect(verifyWebhook(secret, headers, body, timestamp + 10)).toBe(true);
    expect(verifyWebhook(secret, headers, '{"test": 1}', timestamp)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), headers, body, timestamp)).toBe(false);
    expect(verifyWebhook(secret, headers, body, timestamp + 301)).toBe(false);
  });

  it('accepts any one of several signatures (during a secret rotation)', () => {
    const headers = webhookHeaders(secret, id, timestamp, body);
    const rotated = {
      ...headers,
      'webhook-signature': `v1,bm90IHRoaXMgb25l ${headers['webhook-signature']}`,
    };
    expect(verifyWebhook(secret, rotated, body, timestamp)).toBe(true);
  });

  it('makes secrets of 192 random bits', () => {
    const made = newWebhookSecret();
    expect(made).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(newWebhookSecret()).not.toBe(made);
  });
});
