import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFerretDbBinary, FerretDbProcess } from '../../src/infra/database/ferretdb-process';
import {
  createTestPostgresDatabase,
  dropAbandonedDatabases,
  findPostgresql,
  TestPostgresDatabase,
} from './postgresql';

declare global {
  var __E2E_FERRETDB__: FerretDbProcess | undefined;
  var __E2E_POSTGRESQL__: TestPostgresDatabase | undefined;
}

export const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * One FerretDB for the whole run (e2e and medium); every test file gets its own database in it. The
 * backend is PostgreSQL (a fresh database for this run, dropped at the end) unless
 * E2E_FERRETDB_BACKEND=sqlite or no PostgreSQL answers.
 */
export default async function globalSetup(): Promise<void> {
  // Each project that needs the database runs this; the first one starts it.
  if (globalThis.__E2E_FERRETDB__) return;
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'setup.mjs'), '--test-servers'], {
    stdio: 'inherit',
  });
  await assertRedisAnswers(REDIS_URL);
  const stateDir = mkdtempSync(join(tmpdir(), 'e2e-ferretdb-'));
  const server = process.env.E2E_FERRETDB_BACKEND === 'sqlite' ? undefined : await findPostgresql();
  if (server) {
    await dropAbandonedDatabases(server);
    globalThis.__E2E_POSTGRESQL__ = await createTestPostgresDatabase(server, 'e2e_run');
  }
  const postgresqlUrl = globalThis.__E2E_POSTGRESQL__?.url;
  const ferret = new FerretDbProcess({
    binary: defaultFerretDbBinary(root),
    backend: postgresqlUrl ? { postgresqlUrl } : { sqliteDir: stateDir },
    stateDir,
    log: (line) => process.stderr.write(`FerretDB: ${line}\n`),
  });
  process.env.E2E_MONGODB_BASE_URI = await ferret.start();
  process.env.E2E_POSTGRESQL_SERVER = server ?? '';
  process.env.E2E_QUERY_SHAPES_DIR = join(stateDir, 'query-shapes');
  globalThis.__E2E_FERRETDB__ = ferret;
  process.stdout.write(`\ne2e: FerretDB on ${ferret.backendName}\n`);
}

async function assertRedisAnswers(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) }, () => {
      socket.end();
      resolve();
    });
    socket.once('error', () =>
      reject(
        new Error(`The e2e tests need Redis at ${url} (start redis-server, or set E2E_REDIS_URL)`),
      ),
    );
  });
}
