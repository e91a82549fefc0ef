import { TEST_PASSWORD, TestApp } from '../support/test-app';

describe('Auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('registers, logs in case-insensitively and reads /auth/me', async () => {
    const register = await t
      .http()
      .post('/auth/register')
      .send({ email: 'Grace.Hopper@Example.org', password: TEST_PASSWORD, name: 'Grace Hopper' })
      .expect(201);
    expect(register.body.user).toMatchObject({
      email: 'Grace.Hopper@Example.org',
      role: 'student',
      timezone: 'UTC',
    });
    expect(register.body.user.passwordHash).toBeUndefined();
    expect(register.body.tokenType).toBe('Bearer');

    const login = await t
      .http()
      .post('/auth/login')
      .send({ email: 'grace.hopper@EXAMPLE.org', password: TEST_PASSWORD })
      .expect(200);
    const me = await t
      .http()
      .get('/auth/me')
      .set('authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: register.body.user.id, name: 'Grace Hopper' });
  });

  it('keeps emails unique regardless of case', async () => {
    const email = 'Unique.Person@example.org';
    await t
      .http()
      .post('/auth/register')
      .send({ email, password: TEST_PASSWORD, name: 'A' })
      .expect(201);
    const again = await t
      .http()
      .post('/auth/register')
      .send({ email: email.toUpperCase(), password: TEST_PASSWORD, name: 'B' })
      .expect(409);
    expect(again.body.message).toBe('An account with this email already exists');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const user = await t.asStudent();
    const wrongPassword = await t
      .http()
      .post('/auth/login')
      .send({ email: user.email, password: 'not-the-password' })
      .expect(401);
    const unknownEmail = await t
      .http()
      .post('/auth/login')
      .send({ email: 'nobody@example.org', password: 'whatever12' })
      .expect(401);
    expect(wrongPassword.body.message).toBe('Invalid email or password');
    expect(unknownEmail.body.message).toBe(wrongPassword.body.message);
  });

  it('does not let anyone register as admin', async () => {
    const response = await t
      .http()
      .post('/auth/register')
      .send({ email: 'root@example.org', password: TEST_PASSWORD, name: 'Root', role: 'admin' })
      .expect(400);
    expect(response.body.details).toEqual([
      { field: 'role', message: expect.stringContaining('role must be one of') },
    ]);
  });

  it('updates the profile and validates the time zone', async () => {
    const user = await t.asStudent();
    const updated = await t
      .as(user)
      .patch('/auth/me', { name: '  Ada  ', timezone: 'Europe/Paris' }, 200);
    expect(updated.body).toMatchObject({ name: 'Ada', timezone: 'Europe/Paris' });
    const bad = await t.as(user).patch('/auth/me', { timezone: 'Mars/Olympus' }, 400);
    expect(bad.body.details[0].field).toBe('timezone');
    const me = await t.as(user).get('/auth/me', 200);
    expect(me.body.timezone).toBe('Europe/Paris');
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh gives a new pair and the old access still identifies the user', async () => {
      const user = await t.asStudent();
      const first = await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      await t
        .http()
        .get('/auth/me')
        .set('authorization', `Bearer ${first.body.accessToken}`)
        .expect(200);
      const second = await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    it('revokes the whole family when a spent token is used again', async () => {
      const user = await t.asStudent();
      const rotated = await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      const reuse = await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(401);
      expect(reuse.body.message).toMatch(/already used/);
      // The legitimate newest token of that family is revoked too.
      await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(401);
      // Another sign-in of the same user is not affected.
      const other = await t
        .http()
        .post('/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: other.body.refreshToken })
        .expect(200);
    });

    it('lets only one of several concurrent refreshes with the same token succeed', async () => {
      const user = await t.asStudent();
      const attempts = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.http().post('/auth/refresh').send({ refreshToken: user.refreshToken }),
        ),
      );
      const winners = attempts.filter((response) => response.status === 200);
      expect(winners.length).toBeLessThanOrEqual(1);
      for (const response of attempts) expect([200, 401]).toContain(response.status);
      // Any reuse revokes the family, so even a winner's token is dead when a loser was detected.
      if (winners.length === 1 && attempts.some((r) => r.status === 401)) {
        await t
          .http()
          .post('/auth/refresh')
          .send({ refreshToken: winners[0].body.refreshToken })
          .expect(401);
      }
    });

    it('rejects malformed and unknown refresh tokens', async () => {
      await t.http().post('/auth/refresh').send({ refreshToken: 'nonsense' }).expect(401);
      await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: `${'a'.repeat(24)}.${'b'.repeat(43)}` })
        .expect(401);
      await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: { $ne: '' } })
        .expect(400);
    });

    it('logout revokes the refresh token', async () => {
      const user = await t.asStudent();
      await t.as(user).post('/auth/logout', { refreshToken: user.refreshToken }, 204);
      await t.http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it('cannot log out somebody else’s session', async () => {
      const alice = await t.asStudent();
      const bob = await t.asStudent();
      await t
        .http()
        .post('/auth/logout')
        .set('authorization', bob.auth)
        .send({ refreshToken: alice.refreshToken })
        .expect(401);
      await t.http().post('/auth/refresh').send({ refreshToken: alice.refreshToken }).expect(200);
    });
  });

  it('changes the password, revoking refresh tokens, and checks the current one', async () => {
    const user = await t.asStudent();
    await t
      .as(user)
      .post(
        '/auth/change-password',
        { currentPassword: 'wrong-password', newPassword: 'a brand new password' },
        400,
      );
    await t
      .as(user)
      .post(
        '/auth/change-password',
        { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' },
        204,
      );
    await t.http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await t
      .http()
      .post('/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
    await t
      .http()
      .post('/auth/login')
      .send({ email: user.email, password: 'a brand new password' })
      .expect(200);
  });

  describe('access tokens', () => {
    it('rejects missing, tampered and expired tokens', async () => {
      const user = await t.asStudent();
      await t.http().get('/auth/me').expect(401);
      const [header, payload, signature] = user.accessToken.split('.');
      const forged = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
          role: 'admin',
        }),
      ).toString('base64url');
      const tampered = await t
        .http()
        .get('/auth/me')
        .set('authorization', `Bearer ${header}.${forged}.${signature}`)
        .expect(401);
      expect(tampered.body.message).toBe('Invalid access token');

      t.clock.advance(16 * 60 * 1000);
      const expired = await t.http().get('/auth/me').set('authorization', user.auth).expect(401);
      expect(expired.body.message).toBe('Access token expired');
      t.clock.advance(-16 * 60 * 1000);
    });
  });
});
