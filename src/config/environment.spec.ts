import { ConfigurationError, parseEnvironment } from './environment';

describe('parseEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = parseEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.MONGODB_URI).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.UPLOAD_MAX_BYTES).toBe(20 * 1024 * 1024);
  });

  it('converts numbers and booleans from strings', () => {
    const env = parseEnvironment({ PORT: '8080', DOCS_ENABLED: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.DOCS_ENABLED).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT .*\(got "abc"\)$/],
    [
      { MONGODB_URI: 'postgres://x' },
      /MONGODB_URI must be a mongodb:\/\/ or mongodb\+srv:\/\/ URI/,
    ],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET must be at least 32 characters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ ADMIN_EMAIL: 'admin@example.org' }, /^Invalid configuration: ADMIN_PASSWORD must be/],
    [{ STRIPE_SECRET_KEY: 'pk_test_publishable' }, /STRIPE_SECRET_KEY must be a Stripe secret key/],
    [{ MARKETPLACE_FEE_PERCENT: '12.345' }, /MARKETPLACE_FEE_PERCENT/],
    [{ MARKETPLACE_FEE_PERCENT: '101' }, /MARKETPLACE_FEE_PERCENT/],
    [
      { ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'short' },
      /ADMIN_PASSWORD must be at least 12 characters/,
    ],
  ])('rejects %j with one clear line', (raw, expected) => {
    let error: unknown;
    try {
      parseEnvironment(raw);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });
});
