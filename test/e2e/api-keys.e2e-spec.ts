import { API_SCOPES } from '../../src/common/decorators';
import { TestApp } from '../support/test-app';

const START = new Date('2026-03-02T09:00:00Z');

/** One route per scope, each declaring exactly that scope. */
const ROUTE_OF_SCOPE: Record<(typeof API_SCOPES)[number], string> = {
  'documents:read': '/api/documents',
  'reviews:read': '/api/reviews/cards',
  'analytics:read': '/api/analytics/mastery',
  'webhooks:write': '/api/webhooks/endpoints',
};

describe('Scoped API keys (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: START });
  });
  afterAll(() => t.stop());

  it('reaches exactly the routes that declare one of its scopes', async () => {
    const user = await t.asStudent();
    const api = t.as(user);
    for (const scope of API_SCOPES) {
      const created = await api.post('/api/security/api-keys', { name: scope, scopes: [scope] }, 201);
      const key = created.body.key as string;
      expect(key).toMatch(/^alk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
      for (const [other, path] of Object.entries(ROUTE_OF_SCOPE)) {
        const response = await t.http().get(path).set('authorization', `Bearer ${key}`);
        expect({ scope, path, status: response.status }).toEqual({
          scope,
          path,
          status: other === scope ? 200 : 403,
        });
      }
      // A route that declares no scope is unreachable with a key, whatever it holds.
      await t.http().get('/auth/me').set('x-api-key', key).expect(403);
      await t.http().get('/api/security/api-keys').set('x-api-key', key).expect(403);
    }
    const listed = await api.get('/api/security/api-keys', 200);
    expect(listed.body).toHaveLength(API_SCOPES.length);
    expect(listed.body[0]).toEqual({
      id: expect.any(String),
      name: API_SCOPES[0],
      prefix: expect.stringMatching(/^alk_[0-9a-f]{8}$/),
      scopes: [API_SCOPES[0]],
      createdAt: START.toISOString(),
      lastUsedAt: START.toISOString(),
      expiresAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toMatch(/alk_[0-9a-f]{24}_/);
  });

  it('stops a revoked or expired key on its next request and limits keys per user', async () => {
    const user = await t.asStudent();
    const api = t.as(user);
    const created = await api.post(
      '/api/security/api-keys',
      {
        name: 'short',
        scopes: ['documents:read'],
        expiresAt: new Date(START.getTime() + 3_600_000).toISOString(),
      },
      201,
    );
    const key = created.body.key as string;
    await t.http().get('/api/documents').set('x-api-key', key).expect(200);
    await api.delete(`/api/security/api-keys/${created.body.id}`, 204);
    await t.http().get('/api/documents').set('x-api-key', key).expect(401);

    const expiring = await api.post(
      '/api/security/api-keys',
      {
        name: 'expiring',
        scopes: ['documents:read'],
        expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString(),
      },
      201,
    );
    t.clock.advance(120_000);
    await t.http().get('/api/documents').set('x-api-key', expiring.body.key).expect(401);
    // A tampered secret is refused.
    const tampered = (expiring.body.key as string).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await t.http().get('/api/documents').set('x-api-key', tampered).expect(401);

    for (let i = 1; i < 10; i++)
      await api.post('/api/security/api-keys', { name: `k${i}`, scopes: ['reviews:read'] }, 201);
    await api.post('/api/security/api-keys', { name: 'one too many', scopes: ['reviews:read'] }, 409);
    await api.post('/api/security/api-keys', { name: 'x', scopes: ['admin:everything'] }, 400);
  });
});
