import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { TestApp } from '../support/test-app';

// The run's shared FerretDB is on PostgreSQL when the global setup found one.
const RUN_ENGINE = process.env.E2E_POSTGRESQL_SERVER ? 'ferretdb/postgresql' : 'ferretdb/sqlite';

describe('Operations (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('reports liveness and readiness with MongoDB and Redis up', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: {
        mongodb: { status: 'up', engine: RUN_ENGINE },
        redis: { status: 'up' },
        storage: { status: 'up', driver: 'local' },
      },
    });
  });

  it('serves Prometheus metrics with a request histogram labelled by route template', async () => {
    const user = await t.asStudent();
    await t.as(user).get('/auth/me', 200);
    await t.http().get('/missing-page').expect(404);
    const response = await t.http().get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);

    const families = parsePrometheusTextFormat(response.text);
    const names = families.map((family) => family.name);
    expect(names).toEqual(
      expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes']),
    );
    const histogram = families.find((family) => family.name === 'http_request_duration_seconds');
    expect(histogram?.type).toBe('HISTOGRAM');
    // The parser folds histogram series together, so read the labels off the _count series directly.
    const labels = [
      ...response.text.matchAll(/^http_request_duration_seconds_count\{(.*)\} \d+$/gm),
    ].map(([, text]) =>
      Object.fromEntries(
        [...text.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
      ),
    );
    expect(labels).toEqual(
      expect.arrayContaining([
        { route: '/auth/me', method: 'GET', status_code: '200' },
        { route: '/auth/register', method: 'POST', status_code: '201' },
        { route: 'unmatched', method: 'GET', status_code: '404' },
      ]),
    );
    // Every sample line follows the exposition format: name{labels} value
    const samples = response.text.split('\n').filter((line) => line && !line.startsWith('#'));
    for (const line of samples)
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? [-+0-9.eEInfNa]+$/);
  });

  it('documents the API with bearer auth, and every DTO property is described', async () => {
    const html = await t.http().get('/docs').expect(200);
    expect(html.text).toContain('swagger-ui');
    const spec = (await t.http().get('/docs-json').expect(200)).body;
    expect(spec.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(spec.paths['/auth/me'].get.security).toEqual([{ bearer: [] }]);
    expect(spec.paths['/auth/login'].post.security).toBeUndefined();
    for (const name of [
      'RegisterDto',
      'LoginDto',
      'SessionDto',
      'UserDto',
      'TokenPairDto',
      'ChangePasswordDto',
    ]) {
      const schema = spec.components.schemas[name];
      expect(schema).toBeDefined();
      expect(
        Object.keys(schema.properties ?? {}).length + (schema.allOf?.length ?? 0),
      ).toBeGreaterThan(0);
    }
  });

  it('sets security headers and CORS for the configured origin', async () => {
    const response = await t
      .http()
      .get('/health')
      .set('origin', 'http://localhost:5173')
      .expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const other = await t.http().get('/health').set('origin', 'http://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits credential endpoints per address', async () => {
    const limited = await TestApp.start({ env: { AUTH_THROTTLE_LIMIT: '3' } });
    try {
      for (let i = 0; i < 3; i++) {
        await limited
          .http()
          .post('/auth/login')
          .send({ email: 'x@example.org', password: 'whatever12' })
          .expect(401);
      }
      const blocked = await limited
        .http()
        .post('/auth/login')
        .send({ email: 'x@example.org', password: 'whatever12' })
        .expect(429);
      expect(blocked.body.statusCode).toBe(429);
      await limited.http().get('/health').expect(200);
    } finally {
      await limited.stop();
    }
  });
});
