import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from '../../src/infra/database/embedded-database';
import { createTestPostgresDatabase, TestPostgresDatabase } from '../support/postgresql';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

/** Without MONGODB_URI the app starts its own FerretDB, keeps data under DATA_DIR, and stops it on shutdown. */
describe('Embedded database (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a registered user across a restart on SQLite files', async () => {
    const env = { MONGODB_URI: undefined, FERRETDB_POSTGRESQL_URL: undefined, DATA_DIR: dataDir };
    const first = await TestApp.start({ env });
    const user = await first.asStudent();
    const ready = await first.http().get('/health/ready').expect(200);
    expect(ready.body.checks.mongodb).toEqual({ status: 'up', engine: 'ferretdb/sqlite' });
    await first.stop({ dropDatabase: false });

    const second = await TestApp.start({ env });
    try {
      const login = await second
        .http()
        .post('/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      expect(login.body.user.id).toBe(user.id);
    } finally {
      await second.stop({ dropDatabase: false });
    }
  });
});

/** On PostgreSQL: FerretDB killed under the app answers 503 at once, then comes back by itself. */
describe('Embedded database on PostgreSQL, killed while serving (e2e)', () => {
  const server = process.env.E2E_POSTGRESQL_SERVER;
  const maybe = server ? it : it.skip;
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-embedded-pg-'));
  let postgresql: TestPostgresDatabase | undefined;
  let t: TestApp | undefined;

  afterAll(async () => {
    await t?.stop({ dropDatabase: false });
    await postgresql?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  maybe('restarts FerretDB, answering 503 in the error shape meanwhile', async () => {
    postgresql = await createTestPostgresDatabase(server!, 'e2e_embedded');
    t = await TestApp.start({
      env: { MONGODB_URI: undefined, FERRETDB_POSTGRESQL_URL: postgresql.url, DATA_DIR: dataDir },
    });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.checks.mongodb).toEqual({ status: 'up', engine: 'ferretdb/postgresql' });
    const student = await t.asStudent();

    const pid = t.app.get(EmbeddedDatabase).pid;
    expect(pid).toEqual(expect.any(Number));
    process.kill(pid!, 'SIGKILL');
    let notReady: { status: number; body: unknown } | undefined;
    await waitFor(async () => {
      const response = await t!.http().get('/health/ready');
      if (response.status === 503) notReady = response;
      return response.status === 503;
    });
    expect(notReady?.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      requestId: expect.any(String),
    });

    // Within the restart's first back-off: a route that needs the database fails fast with 503
    // (or, if FerretDB is already back, succeeds), never 500 after the driver's selection timeout.
    const started = performance.now();
    const during = await t.http().get('/auth/me').set('authorization', student.auth);
    expect([200, 503]).toContain(during.status);
    expect(performance.now() - started).toBeLessThan(2500);
    if (during.status === 503) {
      expect(during.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    }
    await t.http().get('/health').expect(200);

    await waitFor(async () => (await t!.http().get('/health/ready')).status === 200);
    expect(t.app.get(EmbeddedDatabase).pid).not.toBe(pid);
    const me = await t.http().get('/auth/me').set('authorization', student.auth).expect(200);
    expect(me.body.email).toBe(student.email);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
