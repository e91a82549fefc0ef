import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../../config';
import { FerretDbProcess } from './ferretdb-process';

/** Resolves the MongoDB URI: the configured server, or an embedded FerretDB started on demand. */
@Injectable()
export class EmbeddedDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private ferret?: FerretDbProcess;

  constructor(private readonly config: AppConfig) {}

  async resolveUri(): Promise<string> {
    const { uri, dataDir, ferretDbBinary, embeddedDbName } = this.config.database;
    if (uri) {
      this.logger.log(`Using MongoDB at ${redactCredentials(uri)}`);
      return uri;
    }
    const started = Date.now();
    this.ferret = new FerretDbProcess({
      binary: ferretDbBinary,
      dataDir: join(dataDir, 'ferretdb'),
      log: (line) => this.logger.warn(`FerretDB: ${line}`),
    });
    const base = await this.ferret.start();
    this.logger.log(
      `MONGODB_URI is not set: started embedded FerretDB (SQLite) at ${base} in ${Date.now() - started} ms, data in ${join(dataDir, 'ferretdb')}`,
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

function redactCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]+@/, '//***@');
}
