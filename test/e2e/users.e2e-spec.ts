import { TestApp } from '../support/test-app';

const ADMIN = { email: 'admin@school.example.org', password: 'a long admin password' };

describe('User administration (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    const login = await t.http().post('/auth/login').send(ADMIN).expect(200);
    expect(login.body.user.role).toBe('admin');
    admin = `Bearer ${login.body.accessToken}`;
  });
  afterAll(() => t.stop());

  it('lets only admins list and read users', async () => {
    const student = await t.asStudent();
    await t.as(student).get('/api/users', 403);
    await t.as(student).get(`/api/users/${student.id}`, 403);
    const read = await t
      .http()
      .get(`/api/users/${student.id}`)
      .set('authorization', admin)
      .expect(200);
    expect(read.body).toMatchObject({ id: student.id, role: 'student' });
    expect(read.body.passwordHash).toBeUndefined();
  });

  it('pages through users with a cursor and filters by role', async () => {
    for (let i = 0; i < 3; i++) await t.asTeacher();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { role: 'teacher', limit: 2 };
      if (cursor) query.cursor = cursor;
      const page = await t
        .http()
        .get('/api/users')
        .query(query)
        .set('authorization', admin)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const user of page.body.items) {
        expect(user.role).toBe('teacher');
        seen.push(user.id);
      }
      cursor = page.body.next;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('rejects invalid ids, unknown ids, bad limits and unknown roles with 4xx', async () => {
    const invalid = await t
      .http()
      .get('/api/users/not-an-id')
      .set('authorization', admin)
      .expect(400);
    expect(invalid.body.message).toBe('"not-an-id" is not a valid id');
    await t
      .http()
      .get('/api/users/0123456789abcdef01234567')
      .set('authorization', admin)
      .expect(404);
    await t.http().get('/api/users').query({ limit: 1000 }).set('authorization', admin).expect(400);
    await t
      .http()
      .get('/api/users')
      .query({ role: 'wizard' })
      .set('authorization', admin)
      .expect(400);
    await t
      .http()
      .get('/api/users')
      .query({ cursor: { $gt: '' } })
      .set('authorization', admin)
      .expect(400);
  });

  it('changes a role, which applies from the next refresh, and never the admin’s own', async () => {
    const user = await t.asStudent();
    const changed = await t
      .http()
      .patch(`/api/users/${user.id}/role`)
      .set('authorization', admin)
      .send({ role: 'teacher' })
      .expect(200);
    expect(changed.body.role).toBe('teacher');
    const refreshed = await t
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    const me = await t
      .http()
      .get('/auth/me')
      .set('authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);
    expect(me.body.role).toBe('teacher');

    const self = await t.http().get('/auth/me').set('authorization', admin).expect(200);
    await t
      .http()
      .patch(`/api/users/${self.body.id}/role`)
      .set('authorization', admin)
      .send({ role: 'student' })
      .expect(409);
    await t
      .http()
      .patch(`/api/users/${user.id}/role`)
      .set('authorization', admin)
      .send({ role: 'root' })
      .expect(400);
  });

  it('does not create the admin twice on restart', async () => {
    const second = await TestApp.start({
      env: {
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        MONGODB_URI: t.config.database.uri,
      },
    });
    try {
      const admins = await second
        .http()
        .get('/api/users')
        .query({ role: 'admin' })
        .set('authorization', admin)
        .expect(200);
      expect(
        admins.body.items.filter((u: { email: string }) => u.email === ADMIN.email),
      ).toHaveLength(1);
    } finally {
      await second.stop({ dropDatabase: false });
    }
  });
});
