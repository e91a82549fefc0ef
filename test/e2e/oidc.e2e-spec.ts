import { followRedirects, freePort, OidcProviderProcess } from '../support/oidc-provider';
import { TestApp, TEST_PASSWORD } from '../support/test-app';

const ADMIN = { email: 'admin@oidc.example.org', password: 'an admin password that is long' };
const APP_URL = 'https://learn.example.org';

/** Signing in with a real OpenID Connect provider (oidc-provider) on a loopback port. */
describe('Sign-in with OpenID Connect (e2e)', () => {
  let t: TestApp;
  let provider: OidcProviderProcess;
  let appUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    provider = await OidcProviderProcess.start({
      client_id: 'adaptive-learning',
      client_secret: 'a-client-secret-of-the-app',
      redirect_uris: [`${appUrl}/auth/oidc/acme/callback`],
    });
    t = await TestApp.start({
      env: {
        PORT: String(port),
        PUBLIC_URL: appUrl,
        APP_URL,
        OIDC_ALLOW_HTTP_ISSUERS: 'true',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
    });
    const admin = `Bearer ${(await t.http().post('/auth/login').send(ADMIN).expect(200)).body.accessToken}`;
    const registered = await t
      .http()
      .post('/api/admin/oidc/providers')
      .set('authorization', admin)
      .send({
        name: 'acme',
        displayName: 'Acme Accounts',
        issuer: provider.issuer,
        clientId: 'adaptive-learning',
        clientSecret: 'a-client-secret-of-the-app',
      })
      .expect(201);
    expect(JSON.stringify(registered.body)).not.toContain('a-client-secret-of-the-app');
  });
  afterAll(async () => {
    await t.stop();
    await provider.stop();
  });

  const landsInApp = (url: URL) => url.href.startsWith(APP_URL);
  const atCallback = (url: URL) => url.pathname === '/auth/oidc/acme/callback';
  const signIn = () => followRedirects(`${appUrl}/auth/oidc/acme/start`, landsInApp);
  const exchange = (code: string | null) => t.http().post('/auth/exchange').send({ code });

  it('creates an account on a first sign-in and signs the same person in again', async () => {
    await provider.nextSignIn('acme-user-1', {
      email: 'grace@acme.example',
      email_verified: true,
      name: 'Grace Hopper',
    });
    const landing = await signIn();
    expect(`${landing.origin}${landing.pathname}`).toBe(`${APP_URL}/auth/callback`);
    expect(landing.href).not.toMatch(/eyJ/);
    const session = await exchange(landing.searchParams.get('code')).expect(200);
    expect(session.body.user).toMatchObject({
      email: 'grace@acme.example',
      name: 'Grace Hopper',
      role: 'student',
    });
    const auth = `Bearer ${session.body.accessToken}`;
    const identities = await t
      .http()
      .get('/api/auth/identities')
      .set('authorization', auth)
      .expect(200);
    expect(identities.body).toEqual([
      expect.objectContaining({
        provider: 'acme',
        subject: 'acme-user-1',
        email: 'grace@acme.example',
      }),
    ]);
    // The account has no password: its only sign-in method cannot be unlinked.
    await t.http().delete('/api/auth/identities/acme').set('authorization', auth).expect(409);
    await t
      .http()
      .post('/auth/login')
      .send({ email: 'grace@acme.example', password: '!' })
      .expect(401);

    await provider.nextSignIn('acme-user-1', { email: 'grace@acme.example', email_verified: true });
    const again = await exchange((await signIn()).searchParams.get('code')).expect(200);
    expect(again.body.user.id).toBe(session.body.user.id);
  });

  it('links a verified email to an existing account only with its password', async () => {
    const owner = await t.register('student', { email: 'linus@acme.example' });
    await provider.nextSignIn('acme-user-2', { email: 'linus@acme.example', email_verified: true });
    const landing = await signIn();
    expect(landing.searchParams.get('code')).toBeNull();
    const link = landing.searchParams.get('link');
    expect(link).toBeTruthy();
    await t
      .http()
      .post('/auth/oidc/link')
      .send({ code: link, password: 'not the password' })
      .expect(401);
    // A wrong password spends the code, like any failed attempt.
    await t
      .http()
      .post('/auth/oidc/link')
      .send({ code: link, password: TEST_PASSWORD })
      .expect(401);

    await provider.nextSignIn('acme-user-2', { email: 'linus@acme.example', email_verified: true });
    const second = (await signIn()).searchParams.get('link');
    const session = await t
      .http()
      .post('/auth/oidc/link')
      .send({ code: second, password: TEST_PASSWORD })
      .expect(200);
    expect(session.body.user.id).toBe(owner.id);
    await provider.nextSignIn('acme-user-2', { email: 'linus@acme.example', email_verified: true });
    expect(
      (await exchange((await signIn()).searchParams.get('code')).expect(200)).body.user.id,
    ).toBe(owner.id);
    // With a password too, the provider may be unlinked.
    await t.http().delete('/api/auth/identities/acme').set('authorization', owner.auth).expect(204);
  });

  it('links a provider to a signed-in user', async () => {
    const user = await t.asStudent();
    const start = await t
      .http()
      .post('/api/auth/identities/acme/link')
      .set('authorization', user.auth)
      .expect(201);
    await provider.nextSignIn('acme-user-3', {
      email: 'other-address@acme.example',
      email_verified: true,
    });
    const landing = await followRedirects(start.body.url, landsInApp);
    expect(landing.searchParams.get('linked')).toBe('acme');
    await provider.nextSignIn('acme-user-3', {
      email: 'other-address@acme.example',
      email_verified: true,
    });
    expect(
      (await exchange((await signIn()).searchParams.get('code')).expect(200)).body.user.id,
    ).toBe(user.id);
  });

  it('refuses an unverified email, a bad state, a replayed code and a wrong nonce', async () => {
    await provider.nextSignIn('acme-user-4', {
      email: 'mallory@acme.example',
      email_verified: false,
    });
    expect((await signIn()).searchParams.get('error')).toBe('email_not_verified');
    // No account was made for the address: it is still free to register.
    await t.register('student', { email: 'mallory@acme.example' });

    const bad = await followRedirects(
      `${appUrl}/auth/oidc/acme/callback?code=abc&state=forged`,
      landsInApp,
    );
    expect(bad.searchParams.get('error')).toBe('invalid_state');

    // The provider's redirect back, used twice: the second finds its state spent.
    await provider.nextSignIn('acme-user-5', { email: 'ken@acme.example', email_verified: true });
    const callback = await followRedirects(`${appUrl}/auth/oidc/acme/start`, atCallback);
    const first = await followRedirects(callback.href, landsInApp);
    expect(first.searchParams.get('code')).toBeTruthy();
    expect((await followRedirects(callback.href, landsInApp)).searchParams.get('error')).toBe(
      'invalid_state',
    );
    // The same authorization code with a new sign-in's state: the provider refuses it.
    const fresh = new URL(
      (await t.http().get('/auth/oidc/acme/start').expect(302)).headers.location,
    );
    const replay = new URL(callback.href);
    replay.searchParams.set('state', fresh.searchParams.get('state')!);
    expect((await followRedirects(replay.href, landsInApp)).searchParams.get('error')).toBe(
      'provider_rejected',
    );

    // A nonce changed on the way: the id_token does not carry the one this sign-in expects.
    await provider.nextSignIn('acme-user-6', {
      email: 'barbara@acme.example',
      email_verified: true,
    });
    const authorize = new URL(
      (await t.http().get('/auth/oidc/acme/start').expect(302)).headers.location,
    );
    authorize.searchParams.set('nonce', 'a-nonce-the-app-never-made');
    expect((await followRedirects(authorize.href, landsInApp)).searchParams.get('error')).toBe(
      'provider_rejected',
    );
  });

  it('answers 404 for an unknown provider, and lets only administrators register providers', async () => {
    await t.http().get('/auth/oidc/nobody/start').expect(404);
    const student = await t.asStudent();
    await t
      .http()
      .post('/api/admin/oidc/providers')
      .set('authorization', student.auth)
      .send({
        name: 'x',
        displayName: 'X',
        issuer: provider.issuer,
        clientId: 'a',
        clientSecret: 'b',
      })
      .expect(403);
  });
});
