import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the e2e tests use: FERRETDB_POSTGRESQL_URL's server, or the local one. */
const CANDIDATES = [
  process.env.FERRETDB_POSTGRESQL_URL,
  'postgres://postgres@127.0.0.1:5432/postgres',
].filter((url): url is string => Boolean(url));

export interface TestPostgresDatabase {
  /** URL of the new, empty database, for FerretDB's --postgresql-url. */
  url: string;
  drop(): Promise<void>;
}

/** A reachable server's maintenance URL, or undefined when no PostgreSQL answers. */
export async function findPostgresql(): Promise<string | undefined> {
  for (const url of CANDIDATES) {
    const client = new Client({ connectionString: withDatabase(url, 'postgres') });
    try {
      await client.connect();
      return withDatabase(url, 'postgres');
    } catch {
      // try the next one
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

/**
 * Creates a database with a random name (test runs on one machine never share one) and returns it
 * with a function that drops it, closing whatever connections FerretDB still holds.
 */
export async function createTestPostgresDatabase(
  server: string,
  prefix: string,
): Promise<TestPostgresDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(server, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(server, name),
    drop: () => admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * Drops test and benchmark databases left by runs that were killed before their teardown: the creating
 * process id is part of each name, so a database whose process is gone is abandoned.
 */
export async function dropAbandonedDatabases(server: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^(e2e|bench)_[a-z]+_[0-9]+_[0-9a-f]{8}$'",
    );
    for (const { datname } of rows) {
      const pid = Number(/_(\d+)_[0-9a-f]{8}$/.exec(datname)?.[1]);
      if (isAlive(pid)) continue;
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function admin(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
