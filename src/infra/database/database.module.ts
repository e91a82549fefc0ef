import { Global, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import mongoose, { Connection } from 'mongoose';
import { AppConfig } from '../../config';
import { DatabaseAvailableGuard } from './database-available.guard';
import { DatabaseStatus, RunningEngine } from './database-status';
import { EmbeddedDatabase } from './embedded-database';
import { Outbox } from './outbox';
import { PendingEffectDoc, PendingEffectSchema } from './outbox.schema';
import { WriteGuard, writeGuardFor } from './write-guard';

// One code base for MongoDB 7 and FerretDB 1.24 (see CONTRIBUTING.md): strict filters and no operator injection.
mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

@Global()
@Module({ providers: [DatabaseStatus], exports: [DatabaseStatus] })
class DatabaseStatusModule {}

@Module({ providers: [EmbeddedDatabase], exports: [EmbeddedDatabase] })
class EmbeddedDatabaseModule {}

/**
 * Names the engine, follows the connection's state, and builds the declared indexes outside production
 * and on FerretDB (on a production MongoDB `npm run db:indexes` does that; start-up reports what is missing).
 */
@Injectable()
class DatabaseStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly status: DatabaseStatus,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection.on('disconnected', () => this.status.setConnectionUp(false));
    for (const event of ['connected', 'reconnected']) {
      this.connection.on(event, () => this.status.setConnectionUp(true));
    }
    const models = Object.values(this.connection.models);
    // Creates the collections (and, outside production, their indexes); fails loudly on a bad index.
    await Promise.all(models.map((model) => model.init()));
    if (this.config.database.uri) {
      this.status.engine = await detectEngine(this.connection, models[0]?.collection.collectionName);
    }
    this.logger.log(`Database engine: ${this.status.engine}`);
    if (this.config.env !== 'production') {
      this.logger.log(`Indexes ready for ${models.length} collections`);
    } else if (this.status.engine !== 'mongodb') {
      // FerretDB is the app's own database: nobody else would run `npm run db:indexes` on it.
      await Promise.all(models.map((model) => model.createIndexes()));
      this.logger.log(`Indexes ready for ${models.length} collections`);
    } else {
      await this.reportMissingIndexes();
    }
  }

  private async reportMissingIndexes(): Promise<void> {
    const missing: string[] = [];
    for (const model of Object.values(this.connection.models)) {
      const { toCreate } = await model.diffIndexes();
      for (const index of toCreate) {
        missing.push(`${model.collection.collectionName} ${JSON.stringify(index)}`);
      }
    }
    if (missing.length > 0) {
      this.logger.warn(`Missing indexes (run "npm run db:indexes"): ${missing.join('; ')}`);
    }
  }
}

/**
 * MongoDB, or FerretDB (which reports its version in buildInfo). FerretDB's explain of a find on an
 * existing collection tells the backend: PostgreSQL's plan is a node object, SQLite's a list of lines.
 */
async function detectEngine(connection: Connection, collection?: string): Promise<RunningEngine> {
  const db = connection.db;
  if (!db) return 'mongodb';
  const info = await db.admin().command({ buildInfo: 1 });
  if (!info.ferretdbVersion) return 'mongodb';
  if (!collection) return 'ferretdb';
  const explain = await db
    .command({ explain: { find: collection, filter: {} } })
    .catch(() => undefined);
  const plan = (explain?.queryPlanner as { Plan?: unknown } | undefined)?.Plan;
  if (Array.isArray(plan)) return 'ferretdb/sqlite';
  return plan ? 'ferretdb/postgresql' : 'ferretdb';
}

/** The connection, plus the engine seam every repository may inject: WriteGuard and Outbox. */
@Global()
@Module({
  imports: [
    DatabaseStatusModule,
    MongooseModule.forRootAsync({
      imports: [EmbeddedDatabaseModule],
      inject: [EmbeddedDatabase, AppConfig],
      useFactory: async (database: EmbeddedDatabase, config: AppConfig) => ({
        uri: await database.resolveUri(),
        autoIndex: config.env !== 'production',
        serverSelectionTimeoutMS: 5000,
        // While the database is down, requests fail fast with 503 rather than queue for seconds.
        bufferTimeoutMS: 1000,
      }),
    }),
    MongooseModule.forFeature([{ name: PendingEffectDoc.name, schema: PendingEffectSchema }]),
  ],
  providers: [
    DatabaseStartup,
    { provide: APP_GUARD, useClass: DatabaseAvailableGuard },
    {
      provide: WriteGuard,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => writeGuardFor(config.database.engine),
    },
    Outbox,
  ],
  exports: [WriteGuard, Outbox],
})
export class DatabaseModule {}
