import { existsSync, rmSync } from 'node:fs';
import { reportQueryShapes } from './query-shapes';

/** Stops the run's FerretDB, drops its PostgreSQL database, then fails the run on unindexed query shapes. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__E2E_FERRETDB__?.stop();
  globalThis.__E2E_FERRETDB__ = undefined;
  await globalThis.__E2E_POSTGRESQL__?.drop();
  globalThis.__E2E_POSTGRESQL__ = undefined;
  // Each project that needs the database runs this; the first one reports for the whole run.
  const dir = process.env.E2E_QUERY_SHAPES_DIR;
  if (!dir || !existsSync(dir)) return;
  const failure = reportQueryShapes(dir);
  rmSync(dir, { recursive: true, force: true });
  if (failure) throw new Error(failure);
}
