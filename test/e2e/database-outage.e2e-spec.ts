import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFerretDbBinary, FerretDbProcess } from '../../src/infra/database/ferretdb-process';
import { TestApp } from '../support/test-app';

/** Readiness fails (503, in the error shape) while the database is down, and liveness does not. */
describe('Database outage (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-db-outage-'));
  const database = new FerretDbProcess({
    binary: defaultFerretDbBinary(join(__dirname, '..', '..')),
    backend: { sqliteDir: dataDir },
    stateDir: dataDir,
  });
  let t: TestApp;

  beforeAll(async () => {
    const uri = await database.start();
    t = await TestApp.start({ env: { MONGODB_URI: `${uri}outage` } });
  });
  afterAll(async () => {
    await t.stop({ dropDatabase: false });
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports not ready while MongoDB is unreachable', async () => {
    await t.http().get('/health/ready').expect(200);
    await database.stop();

    const ready = await t.http().get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      requestId: expect.any(String),
    });
    await t.http().get('/health').expect(200);
  });
});
