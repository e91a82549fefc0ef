#!/usr/bin/env node
// Prepares a checkout to run: writes .env from .env.example (with a fresh JWT_SECRET) when there is none,
// choosing the embedded database's backend (PostgreSQL when a server answers, else SQLite), and installs
// FerretDB v1.24.2 into tools/ferretdb/ when it is missing. With --test-servers it also builds the
// servers the tests start (stripe-mock, versitygw). Idempotent. Says which engine the app will use.
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds, but the binary panics at start
// ("Invalid build/version/version.txt file content"): the published module leaves that generated file empty.
// So this script fetches the very same module version through the Go module proxy, writes the version file
// that FerretDB's own `task gen-version` would write, and builds its cmd/ferretdb.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = join(root, 'tools', 'ferretdb', 'ferretdb');

const DATABASE = 'adaptive_learning';
// FERRETDB_POSTGRESQL_URL first, then a server on this machine (TCP, then the Unix socket) with trust auth.
const LOCAL_POSTGRESQL = [
  `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
  `postgres://postgres@localhost/${DATABASE}?host=/var/run/postgresql`,
];

/** A variable from the environment, else from .env. */
function setting(name) {
  if (process.env[name]) return process.env[name];
  const envFile = join(root, '.env');
  if (!existsSync(envFile)) return undefined;
  return new RegExp(`^${name}=(\\S+)`, 'm').exec(readFileSync(envFile, 'utf8'))?.[1];
}

/** Connects to the server's maintenance database and creates the URL's database when it is missing. */
async function ensurePostgresqlDatabase(url) {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1)) || DATABASE;
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      console.log(`setup: created PostgreSQL database ${database}`);
    }
  } finally {
    await client.end();
  }
}

/** The PostgreSQL URL the embedded FerretDB should use, or undefined for SQLite. */
async function choosePostgresql() {
  const configured = setting('FERRETDB_POSTGRESQL_URL');
  for (const url of configured ? [configured] : LOCAL_POSTGRESQL) {
    try {
      await ensurePostgresqlDatabase(url);
      return url;
    } catch (error) {
      if (configured) {
        console.warn(`setup: FERRETDB_POSTGRESQL_URL does not answer (${error.message}); fix it or unset it for SQLite`);
      }
    }
  }
  return undefined;
}

async function ensureEnvFile() {
  const envFile = join(root, '.env');
  if (existsSync(envFile) || process.env.NODE_ENV === 'test' || process.env.CI) return;
  let env = readFileSync(join(root, '.env.example'), 'utf8')
    .replace(/^JWT_SECRET=$/m, `JWT_SECRET=${randomBytes(32).toString('base64url')}`)
    .replace(/^ENCRYPTION_KEY=$/m, `ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`);
  const postgresql = process.env.MONGODB_URI ? undefined : await choosePostgresql();
  if (postgresql) {
    env = env.replace(/^# FERRETDB_POSTGRESQL_URL=.*$/m, `FERRETDB_POSTGRESQL_URL=${postgresql}`);
  }
  writeFileSync(envFile, env);
  console.log('setup: wrote .env from .env.example (edit it to point at MongoDB or Redis)');
}

/** Tells which engine the app will run on, and makes sure an embedded PostgreSQL database exists. */
async function reportEngine() {
  const mongodb = setting('MONGODB_URI');
  if (mongodb) {
    console.log('setup: database engine: MongoDB at MONGODB_URI');
    return;
  }
  const postgresql = setting('FERRETDB_POSTGRESQL_URL');
  if (postgresql) {
    try {
      await ensurePostgresqlDatabase(postgresql);
    } catch (error) {
      console.warn(`setup: FERRETDB_POSTGRESQL_URL does not answer yet: ${error.message}`);
    }
    console.log(`setup: database engine: embedded FerretDB on PostgreSQL (${postgresql.replace(/\/\/[^@/]+@/, '//***@')})`);
  } else {
    console.log('setup: database engine: embedded FerretDB on SQLite files under DATA_DIR (no PostgreSQL found)');
  }
}

/** MONGODB_URI from the environment or .env: with it, the embedded database is not needed. */
function externalDatabase() {
  return Boolean(setting('MONGODB_URI'));
}

function installedVersion() {
  if (!existsSync(binary)) return null;
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
    return /version: (\S+)/.exec(out)?.[1] ?? null;
  } catch {
    return null;
  }
}

const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };

function hasGo() {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function installFerretDb() {
  if (installedVersion() === VERSION) return;
  if (!hasGo()) {
    const external = externalDatabase();
    const hint = external
      ? 'MONGODB_URI is set, so the app will use that database instead.'
      : 'Install Go (https://go.dev/dl/) or set MONGODB_URI to a MongoDB 7 server.';
    console[external ? 'warn' : 'error'](
      `setup: Go is not installed, so the embedded database (FerretDB ${VERSION}) cannot be built. ${hint}`,
    );
    if (!external) process.exit(1);
    return;
  }

  console.log(`setup: building FerretDB ${VERSION} into tools/ferretdb (once; about a minute)...`);
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `${MODULE}@${VERSION}`], {
      encoding: 'utf8',
      env: GO_ENV,
    }),
  );
  const work = mkdtempSync(join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(info.Dir, work, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', work]);
    writeFileSync(join(work, 'build', 'version', 'version.txt'), `${VERSION}\n`);
    mkdirSync(dirname(binary), { recursive: true });
    execFileSync('go', ['build', '-trimpath', '-o', binary, './cmd/ferretdb'], {
      cwd: work,
      env: GO_ENV,
      stdio: 'inherit',
    });
    chmodSync(binary, 0o755);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const built = installedVersion();
  if (built !== VERSION) {
    console.error(
      `setup: FerretDB build finished but reports version ${built}; expected ${VERSION}.`,
    );
    process.exit(1);
  }
  console.log(`setup: FerretDB ${VERSION} installed at ${binary}`);
}

/**
 * Servers that only the tests start: built from their Go modules into tools/<name>/, once per version
 * (a `.version` file next to the binary records which).
 */
const TEST_SERVERS = [
  { name: 'stripe-mock', module: 'github.com/stripe/stripe-mock', version: 'v0.203.0' },
  // S3 gateway over a local folder (posix backend): the S3 storage driver's tests run against it.
  { name: 'versitygw', module: 'github.com/versity/versitygw/cmd/versitygw', version: 'v1.8.0' },
];

function installTestServers() {
  for (const server of TEST_SERVERS) {
    const folder = join(root, 'tools', server.name);
    const stamp = join(folder, '.version');
    if (
      existsSync(join(folder, server.name)) &&
      existsSync(stamp) &&
      readFileSync(stamp, 'utf8') === server.version
    )
      continue;
    if (!hasGo()) {
      console.error(`setup: Go is needed to build ${server.name} ${server.version} for the tests.`);
      process.exit(1);
    }
    console.log(
      `setup: building ${server.name} ${server.version} into tools/${server.name} (tests only)...`,
    );
    mkdirSync(folder, { recursive: true });
    execFileSync('go', ['install', `${server.module}@${server.version}`], {
      env: { ...GO_ENV, GOBIN: folder },
      stdio: 'inherit',
    });
    writeFileSync(stamp, server.version);
  }
}

await ensureEnvFile();
if (!process.env.CI && process.env.NODE_ENV !== 'test') await reportEngine();
installFerretDb();
if (process.argv.includes('--test-servers')) installTestServers();
