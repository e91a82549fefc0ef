import { TOTP, URI } from 'otpauth';
import { SignInCodesService } from '../../src/auth/sign-in-codes.service';
import { TokensService } from '../../src/auth/tokens.service';
import { UsersService } from '../../src/users/users.service';
import { TEST_PASSWORD, TestApp, type SignedIn } from '../support/test-app';

const START = new Date('2026-03-02T09:00:00Z');

describe('Security: two-factor sign-in and auth defects (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: START, env: { LOGIN_FAILURE_LIMIT: '5' } });
  });
  afterAll(() => t.stop());

  const bearer = (token: string) => `Bearer ${token}`;

  /** Turns 2FA on for `user` and returns the authenticator (an independent TOTP implementation). */
  async function enableTwoFactor(user: SignedIn): Promise<{ totp: TOTP; backupCodes: string[] }> {
    const setup = await t
      .http()
      .post('/api/security/2fa/setup')
      .set('authorization', user.auth)
      .expect(201);
    expect(setup.body.qrCode).toMatch(/^data:image\/png;base64,/);
    const totp = URI.parse(setup.body.otpauthUri) as TOTP;
    expect(totp.algorithm).toBe('SHA1');
    expect(totp.digits).toBe(6);
    expect(totp.period).toBe(30);
    expect(totp.secret.bytes.length).toBe(20);
    const enable = await t
      .http()
      .post('/api/security/2fa/enable')
      .set('authorization', user.auth)
      .send({ code: totp.generate({ timestamp: t.clock.now().getTime() }) })
      .expect(200);
    expect(enable.body.backupCodes).toHaveLength(10);
    return { totp, backupCodes: enable.body.backupCodes as string[] };
  }

  const login = (email: string, password = TEST_PASSWORD) =>
    t.http().post('/auth/login').send({ email, password });

  it('runs the full 2FA flow: challenge, replayed code refused, backup code once, step-up', async () => {
    const user = await t.asStudent();
    const { totp, backupCodes } = await enableTwoFactor(user);
    const enableCode = totp.generate({ timestamp: t.clock.now().getTime() });

    // Turning 2FA on ends the access tokens issued before.
    await t.http().get('/auth/me').set('authorization', user.auth).expect(401);

    const first = await login(user.email).expect(200);
    expect(first.body).toEqual({ mfaRequired: true, challenge: expect.any(String) });
    expect(first.body.accessToken).toBeUndefined();

    // The code used to enable 2FA is spent, even inside its window.
    await t
      .http()
      .post('/api/security/2fa/verify')
      .send({ challenge: first.body.challenge, code: enableCode })
      .expect(401);

    t.clock.advance(30_000);
    const code = totp.generate({ timestamp: t.clock.now().getTime() });
    const verified = await t
      .http()
      .post('/api/security/2fa/verify')
      .send({ challenge: first.body.challenge, code })
      .expect(200);
    expect(verified.body.user.id).toBe(user.id);
    await t
      .http()
      .get('/auth/me')
      .set('authorization', bearer(verified.body.accessToken))
      .expect(200);

    // The same code on a new challenge is a replay; the spent challenge gives nothing again.
    const second = await login(user.email).expect(200);
    await t
      .http()
      .post('/api/security/2fa/verify')
      .send({ challenge: second.body.challenge, code })
      .expect(401);
    await t
      .http()
      .post('/api/security/2fa/verify')
      .send({ challenge: first.body.challenge, code })
      .expect(401);

    // A backup code works once.
    await t
      .http()
      .post('/api/security/2fa/verify')
      .send({ challenge: second.body.challenge, code: backupCodes[0] })
      .expect(200);
    const third = await login(user.email).expect(200);
    await t
      .http()
      .post('/api/security/2fa/verify')
      .send({ challenge: third.body.challenge, code: backupCodes[0] })
      .expect(401);
    const status = await t
      .http()
      .get('/api/security/2fa')
      .set('authorization', bearer(verified.body.accessToken))
      .expect(200);
    expect(status.body).toEqual({ enabled: true, backupCodesLeft: 9 });

    // Step-up: eleven minutes after the 2FA sign-in, disabling needs a current code.
    t.clock.advance(11 * 60_000);
    const auth = bearer(verified.body.accessToken);
    await t.http().post('/api/security/2fa/disable').set('authorization', auth).expect(403);
    await t
      .http()
      .post('/api/security/2fa/disable')
      .set('authorization', auth)
      .set('x-2fa-code', totp.generate({ timestamp: t.clock.now().getTime() }))
      .expect(204);
    const plain = await login(user.email).expect(200);
    expect(plain.body.accessToken).toEqual(expect.any(String));
  });

  it('ends the one-time code sign-in (OIDC, LTI) in a challenge when 2FA is on', async () => {
    const user = await t.asStudent();
    await enableTwoFactor(user);
    const code = await t.app.get(SignInCodesService).issue(user.id);
    const exchanged = await t.http().post('/auth/exchange').send({ code }).expect(200);
    expect(exchanged.body).toEqual({ mfaRequired: true, challenge: expect.any(String) });
  });

  it('applies a demotion on the next request, not at the token’s expiry', async () => {
    const users = t.app.get(UsersService);
    const first = await t.asStudent();
    const second = await t.asStudent();
    await users.promoteToAdmin(first.id);
    await users.promoteToAdmin(second.id);
    const adminA = (await login(first.email).expect(200)).body.accessToken as string;
    const adminB = (await login(second.email).expect(200)).body.accessToken as string;
    await t.http().get('/api/users').set('authorization', bearer(adminB)).expect(200);

    await t
      .http()
      .patch(`/api/users/${second.id}/role`)
      .set('authorization', bearer(adminA))
      .send({ role: 'student' })
      .expect(200);
    // The demoted admin's token no longer works, so it cannot demote the admin who demoted it.
    await t
      .http()
      .patch(`/api/users/${first.id}/role`)
      .set('authorization', bearer(adminB))
      .send({ role: 'student' })
      .expect(401);
    const again = (await login(second.email).expect(200)).body.accessToken as string;
    await t.http().get('/api/users').set('authorization', bearer(again)).expect(403);
    await t.http().get('/api/users').set('authorization', bearer(adminA)).expect(200);
  });

  it('refuses the tokens of a deleted user and after sign-out everywhere', async () => {
    const gone = await t.asStudent();
    await t.app.get(UsersService).remove(gone.id);
    await t.http().get('/auth/me').set('authorization', gone.auth).expect(401);

    const user = await t.asStudent();
    await t.http().post('/auth/logout-all').set('authorization', user.auth).expect(204);
    await t.http().get('/auth/me').set('authorization', user.auth).expect(401);
    await t.http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('limits failed sign-ins per account; a second factor still gets the owner in', async () => {
    const user = await t.asStudent();
    for (let i = 0; i < 5; i++) await login(user.email, 'wrong-password').expect(401);
    const locked = await login(user.email).expect(429);
    expect(locked.headers['retry-after']).toBeDefined();

    const guarded = await t.asStudent();
    await enableTwoFactor(guarded);
    for (let i = 0; i < 5; i++) await login(guarded.email, 'wrong-password').expect(401);
    await login(guarded.email, 'wrong-password').expect(429);
    const owner = await login(guarded.email).expect(200);
    expect(owner.body.mfaRequired).toBe(true);
  });

  it('makes a family revocation final for a rotation that was in flight', async () => {
    const user = await t.asStudent();
    const tokens = t.app.get(TokensService);
    const spent = await tokens.consumeRefreshToken(user.refreshToken);
    // The family is revoked (sign-out) while the rotation has not written its new token yet.
    await t
      .http()
      .post('/auth/logout')
      .set('authorization', user.auth)
      .send({ refreshToken: user.refreshToken })
      .expect(204);
    const record = await t.app.get(UsersService).getById(user.id);
    await expect(
      tokens.issue(record, { familyId: spent.familyId, parentId: spent.tokenId }),
    ).rejects.toThrow(/revoked/);
  });

  it('answers 400 to ill-formed Unicode and NUL bytes instead of crashing or storing U+FFFD', async () => {
    const lone = await login('a\ud800b@x.org').expect(400);
    expect(lone.body).toMatchObject({ statusCode: 400, requestId: expect.any(String) });
    await t
      .http()
      .post('/auth/register')
      .send({ email: 'a\ud800b@x.org', password: TEST_PASSWORD, name: 'A' })
      .expect(400);
    await t
      .http()
      .post('/auth/register')
      .send({ email: 'nul@example.org', password: TEST_PASSWORD, name: 'A\u0000B' })
      .expect(400);
    const user = await t.asStudent();
    await t.as(user).patch('/auth/me', { name: 'Title \udc00' }, 400);
    expect((await t.as(user).get('/auth/me', 200)).body.name).not.toContain('\ufffd');
  });

  it('allows every method the API uses in a CORS preflight from an allowed origin', async () => {
    const preflight = await t
      .http()
      .options('/api/users/0123456789abcdef01234567/role')
      .set('origin', 'http://localhost:5173')
      .set('access-control-request-method', 'PATCH');
    expect(preflight.status).toBeLessThan(300);
    const allowed = String(preflight.headers['access-control-allow-methods']).split(',')
      .map((method) => method.trim());
    expect(allowed).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
  });
});
