import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

/** Without MONGODB_URI the app starts its own FerretDB, keeps data under DATA_DIR, and stops it on shutdown. */
describe('Embedded database (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-embedded-'));
  const env = { MONGODB_URI: undefined, DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a registered user across a restart', async () => {
    const first = await TestApp.start({ env });
    const user = await first.asStudent();
    const ready = await first.http().get('/health/ready').expect(200);
    expect(ready.body.checks.mongodb.status).toBe('up');
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
