import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFerretDbBinary, FerretDbProcess } from '../../src/infra/database/ferretdb-process';
import { createTestPostgresDatabase, findPostgresql } from '../../test/support/postgresql';

const ROOT = join(__dirname, '..', '..');

export type Backend = 'postgresql' | 'sqlite';

/**
 * The embedded database's backends to measure: BENCH_BACKENDS (comma-separated), else PostgreSQL (when
 * one answers) and SQLite.
 */
export async function benchBackends(): Promise<Backend[]> {
  const wanted = (process.env.BENCH_BACKENDS ?? 'postgresql,sqlite')
    .split(',')
    .map((name) => name.trim()) as Backend[];
  if (!wanted.includes('postgresql') || (await findPostgresql())) return wanted;
  console.log('(no PostgreSQL answers: measuring SQLite only)');
  return wanted.filter((backend) => backend !== 'postgresql');
}

/** A FerretDB on a fresh database of the backend (a temporary folder, or a PostgreSQL database). */
export async function startFerretDb(
  backend: Backend,
): Promise<{ uri: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${backend}-`));
  const server = backend === 'postgresql' ? await findPostgresql() : undefined;
  const postgresql = server ? await createTestPostgresDatabase(server, 'bench_run') : undefined;
  const ferret = new FerretDbProcess({
    binary: defaultFerretDbBinary(ROOT),
    backend: postgresql ? { postgresqlUrl: postgresql.url } : { sqliteDir: dir },
    stateDir: dir,
  });
  const uri = await ferret.start();
  return {
    uri,
    stop: async () => {
      await ferret.stop();
      await postgresql?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The machine's load, printed with the figures: the benchmarks share their cores with other work. */
export function machineLoad(): string {
  const [one, five] = loadavg();
  return `load average ${one.toFixed(1)} (1 min), ${five.toFixed(1)} (5 min) on ${cpus().length} cores`;
}
