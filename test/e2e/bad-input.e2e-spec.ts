import { TEST_PASSWORD, TestApp } from '../support/test-app';

/** Bad input gets a clear 4xx in the one error shape, and changes nothing. */
describe('Bad input (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.stop());

  const expectErrorShape = (body: Record<string, unknown>, statusCode: number) => {
    expect(body).toEqual(
      expect.objectContaining({
        statusCode,
        error: expect.any(String),
        message: expect.any(String),
        requestId: expect.any(String),
      }),
    );
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
  };

  async function loginWorks(email: string): Promise<boolean> {
    const response = await t.http().post('/auth/login').send({ email, password: TEST_PASSWORD });
    return response.status === 200;
  }

  it('rejects missing and wrong-typed fields', async () => {
    const missing = await t
      .http()
      .post('/auth/register')
      .send({ email: 'a@example.org' })
      .expect(400);
    expectErrorShape(missing.body, 400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['password', 'name']),
    );
    const wrongType = await t
      .http()
      .post('/auth/register')
      .send({ email: 'b@example.org', password: 12345678, name: ['x'] })
      .expect(400);
    expect(wrongType.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['password', 'name']),
    );
    expect(await loginWorks('b@example.org')).toBe(false);
  });

  it('rejects unknown fields instead of ignoring them', async () => {
    const response = await t
      .http()
      .post('/auth/register')
      .send({ email: 'c@example.org', password: TEST_PASSWORD, name: 'C', isAdmin: true })
      .expect(400);
    expect(response.body.details).toEqual([
      { field: 'isAdmin', message: 'property isAdmin should not exist' },
    ]);
    expect(await loginWorks('c@example.org')).toBe(false);
  });

  it('rejects malformed JSON', async () => {
    const response = await t
      .http()
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expectErrorShape(response.body, 400);
  });

  it('rejects a body over the size limit', async () => {
    const response = await t
      .http()
      .post('/auth/register')
      .send({ email: 'd@example.org', password: TEST_PASSWORD, name: 'x'.repeat(5000) })
      .expect(413);
    expectErrorShape(response.body, 413);
    expect(await loginWorks('d@example.org')).toBe(false);
  });

  it('rejects MongoDB operators where a string is expected', async () => {
    const user = await t.asStudent();
    const login = await t
      .http()
      .post('/auth/login')
      .send({ email: { $ne: '' }, password: { $ne: '' } })
      .expect(400);
    expectErrorShape(login.body, 400);
    const byEmail = await t
      .http()
      .post('/auth/login')
      .send({ email: user.email, password: { $gt: '' } })
      .expect(400);
    expect(byEmail.body.details[0].field).toBe('password');
    const profile = await t.as(user).patch('/auth/me', { name: { $set: 'x' } }, 400);
    expect(profile.body.details[0].field).toBe('name');
  });

  it('answers unknown routes with the error shape and echoes a safe request id', async () => {
    const response = await t
      .http()
      .get('/no/such/route')
      .set('x-request-id', 'client-trace-1234')
      .expect(404);
    expectErrorShape(response.body, 404);
    expect(response.body.requestId).toBe('client-trace-1234');
    expect(response.headers['x-request-id']).toBe('client-trace-1234');
    const unsafe = await t
      .http()
      .get('/no/such/route')
      .set('x-request-id', 'bad id with spaces')
      .expect(404);
    expect(unsafe.body.requestId).not.toBe('bad id with spaces');
  });

  it('rejects a non-JSON content type on JSON routes', async () => {
    const response = await t
      .http()
      .post('/auth/login')
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(415);
    expectErrorShape(response.body, 415);
  });

  /** The app's error shape, its security headers and the request id, on an error from any layer. */
  const expectAppError = (
    response: { status: number; body: Record<string, unknown>; headers: Record<string, string> },
    statusCode: number,
  ) => {
    expect(response.status).toBe(statusCode);
    expectErrorShape(response.body, statusCode);
    expect(response.body).not.toHaveProperty('code');
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  };

  it('answers a malformed URL with the app error shape, headers and request id', async () => {
    const user = await t.asStudent();
    const response = await t
      .http()
      .get('/api/documents/%E0%A4%A')
      .set('authorization', user.auth)
      .set('x-request-id', 'client-trace-bad-url');
    expectAppError(response, 400);
    expect(response.body.requestId).toBe('client-trace-bad-url');
  });

  it('answers an over-long path parameter with the app error shape, headers and request id', async () => {
    const user = await t.asStudent();
    const response = await t
      .http()
      .get(`/api/documents/${'a'.repeat(300)}`)
      .set('authorization', user.auth);
    expectAppError(response, 414);
  });

  it('gives malformed JSON and a wrong content type the same headers', async () => {
    const malformed = await t
      .http()
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": ');
    expectAppError(malformed, 400);
    const wrongType = await t
      .http()
      .post('/auth/login')
      .set('content-type', 'application/x-unknown')
      .send('hello');
    expectAppError(wrongType, 415);
  });
});
