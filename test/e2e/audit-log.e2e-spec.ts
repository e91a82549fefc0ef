import { TOTP, URI } from 'otpauth';
import { AuditService } from '../../src/audit/audit.service';
import { UsersService } from '../../src/users/users.service';
import { waitFor } from '../support/learning';
import { TEST_PASSWORD, TestApp, type SignedIn } from '../support/test-app';

const START = new Date('2026-03-02T09:00:00Z');

interface Entry {
  id: string;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  at: string;
}

describe('Security audit log (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: START, env: { AUDIT_RETENTION_DAYS: '30' } });
  });
  afterAll(() => t.stop());

  const bearer = (token: string) => `Bearer ${token}`;
  const login = (email: string, password = TEST_PASSWORD) =>
    t.http().post('/auth/login').set('user-agent', 'audit-test/1').send({ email, password });

  async function ownLog(auth: string): Promise<Entry[]> {
    const page = await t
      .http()
      .get('/api/security/audit-log?limit=100')
      .set('authorization', auth)
      .expect(200);
    return page.body.items as Entry[];
  }

  /** Waits for the entries (written by an event listener, after the response) to appear. */
  function waitForEntry(auth: string, action: string, outcome = 'success'): Promise<Entry> {
    return waitFor(async () =>
      (await ownLog(auth)).find((e) => e.action === action && e.outcome === outcome),
    );
  }

  async function signInAsAdmin(): Promise<SignedIn> {
    const user = await t.asStudent();
    await t.app.get(UsersService).promoteToAdmin(user.id);
    const body = (await login(user.email).expect(200)).body;
    return { ...user, role: 'admin', accessToken: body.accessToken, auth: bearer(body.accessToken) };
  }

  it('records sign-ins, refresh-token reuse, password, 2FA and API-key events for their owner', async () => {
    const user = await t.asStudent();
    // Sign-in failure and success, with the request's context.
    await login(user.email, 'wrong-password').expect(401);
    const signedIn = await login(user.email).expect(200);
    const auth = bearer(signedIn.body.accessToken);
    const failure = await waitForEntry(auth, 'auth.sign-in', 'failure');
    expect(failure.target).toContain('wrong password');
    const success = await waitForEntry(auth, 'auth.sign-in');
    expect(success).toMatchObject({ actor: user.id, userAgent: 'audit-test/1' });
    expect(success.ip).toEqual(expect.any(String));
    expect(success.requestId).toEqual(expect.any(String));
    expect(success.at).toBe(START.toISOString());

    // Refresh-token reuse.
    await t.http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    await t.http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect((await waitForEntry(auth, 'auth.refresh-token-reuse', 'failure')).actor).toBeNull();

    // API key: create, a failed use (wrong scope), revoke.
    const created = await t
      .http()
      .post('/api/security/api-keys')
      .set('authorization', auth)
      .send({ name: 'audit', scopes: ['reviews:read'] })
      .expect(201);
    const key = created.body.key as string;
    await t.http().get('/api/security/api-keys').set('x-api-key', key).expect(403);
    const wrongSecret = `${key.slice(0, -43)}${'x'.repeat(43)}`;
    await t.http().get('/auth/me').set('x-api-key', wrongSecret).expect(401);
    await t
      .http()
      .delete(`/api/security/api-keys/${created.body.id}`)
      .set('authorization', auth)
      .expect(204);
    expect((await waitForEntry(auth, 'api-key.create')).target).toBe(created.body.id);
    expect((await waitForEntry(auth, 'api-key.revoke')).target).toBe(created.body.id);
    const failedUses = await waitFor(async () => {
      const uses = (await ownLog(auth)).filter((e) => e.action === 'api-key.use');
      return uses.length === 2 ? uses : undefined;
    });
    expect(failedUses.map((e) => e.target).sort()).toEqual([
      `${created.body.id} (scope not granted)`,
      `${created.body.id} (wrong secret)`,
    ]);

    // Password change (ends the sessions: sign in again to read the log).
    await t
      .http()
      .post('/auth/change-password')
      .set('authorization', auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: `${TEST_PASSWORD}-2` })
      .expect(204);
    const again = bearer((await login(user.email, `${TEST_PASSWORD}-2`).expect(200)).body.accessToken);
    await waitForEntry(again, 'auth.password-change');

    // 2FA enable, second-factor sign-in, backup codes, disable.
    const setup = await t.http().post('/api/security/2fa/setup').set('authorization', again).expect(201);
    const totp = URI.parse(setup.body.otpauthUri) as TOTP;
    await t
      .http()
      .post('/api/security/2fa/enable')
      .set('authorization', again)
      .send({ code: totp.generate({ timestamp: t.clock.now().getTime() }) })
      .expect(200);
    t.clock.advance(30_000);
    const challenge = (await login(user.email, `${TEST_PASSWORD}-2`).expect(200)).body.challenge;
    const verified = await t
      .http()
      .post('/api/security/2fa/verify')
      .send({ challenge, code: totp.generate({ timestamp: t.clock.now().getTime() }) })
      .expect(200);
    const mfa = bearer(verified.body.accessToken);
    await t.http().post('/api/security/2fa/backup-codes').set('authorization', mfa).expect(200);
    await t.http().post('/api/security/2fa/disable').set('authorization', mfa).expect(204);
    // Turning 2FA off ends the sessions too.
    const last = bearer((await login(user.email, `${TEST_PASSWORD}-2`).expect(200)).body.accessToken);
    for (const action of [
      'two-factor.enable',
      'auth.sign-in.password',
      'auth.sign-in.second-factor',
      'two-factor.backup-codes',
      'two-factor.disable',
    ]) {
      await waitForEntry(last, action);
    }

    // Another user sees none of it.
    const other = await t.asStudent();
    expect(await ownLog(other.auth)).toEqual([]);
  });

  it('records role changes and admin actions; admins filter all entries, others are refused', async () => {
    const admin = await signInAsAdmin();
    const student = await t.asStudent();
    await t
      .http()
      .patch(`/api/users/${student.id}/role`)
      .set('authorization', admin.auth)
      .send({ role: 'teacher' })
      .expect(200);
    // A refused admin action is recorded as a failure.
    await t
      .http()
      .patch(`/api/users/${admin.id}/role`)
      .set('authorization', admin.auth)
      .send({ role: 'student' })
      .expect(409);

    const query = (params: string) =>
      t.http().get(`/api/admin/audit-log?${params}`).set('authorization', admin.auth).expect(200);
    const byAdmin = await waitFor(async () => {
      const items = (await query(`actor=${admin.id}&limit=100`)).body.items as Entry[];
      return items.length >= 4 ? items : undefined;
    });
    expect(byAdmin.every((e) => e.actor === admin.id)).toBe(true);
    const actions = byAdmin.map((e) => `${e.action} ${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.role-change success',
        'admin.PATCH /api/users/:id/role success',
        'admin.PATCH /api/users/:id/role failure',
        'auth.sign-in success',
      ]),
    );
    // The promoted student sees the role change in their own log.
    const relogged = bearer((await login(student.email).expect(200)).body.accessToken);
    expect((await waitForEntry(relogged, 'user.role-change')).target).toBe(
      `${student.id} → teacher`,
    );

    // Filters: action + outcome, time range, pagination.
    const failures = (
      await query(`action=${encodeURIComponent('admin.PATCH /api/users/:id/role')}&outcome=failure`)
    ).body.items as Entry[];
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures.every((e) => e.outcome === 'failure' && e.target === admin.id)).toBe(true);
    const future = new Date(START.getTime() + 86_400_000).toISOString();
    expect((await query(`from=${future}`)).body.items).toEqual([]);
    expect(
      ((await query(`to=${future}&actor=${admin.id}`)).body.items as Entry[]).length,
    ).toBe(byAdmin.length);
    const first = await query(`actor=${admin.id}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await query(`actor=${admin.id}&limit=2&cursor=${first.body.next}`);
    expect(second.body.items[0].id).toBe(byAdmin[2].id);
    await t
      .http()
      .get('/api/admin/audit-log?outcome=maybe')
      .set('authorization', admin.auth)
      .expect(400);

    // A student cannot read everyone's log.
    const other = await t.asStudent();
    await t.http().get('/api/admin/audit-log').set('authorization', other.auth).expect(403);
  });

  it('has no route that edits or deletes entries, and purges past the retention', async () => {
    const admin = await signInAsAdmin();
    const [entry] = await waitFor(async () => {
      const items = (await ownLog(admin.auth)).filter((e) => e.action === 'auth.sign-in');
      return items.length ? items : undefined;
    });
    for (const method of ['put', 'patch', 'delete'] as const) {
      for (const path of ['/api/admin/audit-log', '/api/security/audit-log']) {
        await t.http()[method](path).set('authorization', admin.auth).expect(404);
        await t.http()[method](`${path}/${entry.id}`).set('authorization', admin.auth).expect(404);
      }
    }
    await t.http().post('/api/admin/audit-log').set('authorization', admin.auth).expect(404);
    expect((await ownLog(admin.auth)).some((e) => e.id === entry.id)).toBe(true);

    const audit = t.app.get(AuditService);
    expect(await audit.purge()).toBe(0);
    t.clock.advance(31 * 86_400_000);
    expect(await audit.purge()).toBeGreaterThan(0);
    const fresh = bearer((await login(admin.email).expect(200)).body.accessToken);
    const left = await waitFor(async () => {
      const items = await ownLog(fresh);
      return items.length ? items : undefined;
    });
    expect(left.some((e) => e.id === entry.id)).toBe(false);
  });
});
