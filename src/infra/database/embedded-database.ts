import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../../config';
import { DatabaseStatus } from './database-status';
import { FerretDbProcess } from './ferretdb-process';

/** Resolves the MongoDB URI: the configured server, or an embedded FerretDB started on demand. */
@Injectable()
export class EmbeddedDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private ferret?: FerretDbProcess;

  constructor(
    private readonly config: AppConfig,
    private readonly status: DatabaseStatus,
  ) {}

  /** Process id of the embedded FerretDB, when one runs. */
  get pid(): number | undefined {
    return this.ferret?.pid;
  }

  async resolveUri(): Promise<string> {
    const { uri, dataDir, ferretDbBinary, embeddedDbName, ferretDbPostgresqlUrl } =
      this.config.database;
    if (uri) {
      this.logger.log(`Using MongoDB at ${redactCredentials(uri)}`);
      return uri;
    }
    const started = Date.now();
    const stateDir = join(dataDir, 'ferretdb');
    this.ferret = new FerretDbProcess({
      binary: ferretDbBinary,
      backend: ferretDbPostgresqlUrl
        ? { postgresqlUrl: ferretDbPostgresqlUrl }
        : { sqliteDir: stateDir },
      stateDir,
      log: (line) => this.logger.warn(`FerretDB: ${line}`),
      onAvailability: (up) => this.status.setEmbeddedUp(up),
    });
    const base = await this.ferret.start();
    this.status.engine = `ferretdb/${this.ferret.backendName}`;
    const where = ferretDbPostgresqlUrl
      ? `data in PostgreSQL at ${redactCredentials(ferretDbPostgresqlUrl)}`
      : `data in SQLite files under ${stateDir}`;
    this.logger.log(
      `MONGODB_URI is not set: started embedded FerretDB (${this.ferret.backendName}) at ${base} in ${Date.now() - started} ms, ${where}`,
    );
    return `${base}${embeddedDbName}`;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ferret) {
      await this.ferret.stop();
      this.logger.log('Embedded FerretDB stopped');
    }
  }
}

export function redactCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]+@/, '//***@');
}
