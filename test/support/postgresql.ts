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
