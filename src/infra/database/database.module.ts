import { Global, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import mongoose, { Connection } from 'mongoose';
import { AppConfig } from '../../config';
import { EmbeddedDatabase } from './embedded-database';
import { Outbox } from './outbox';
import { PendingEffectDoc, PendingEffectSchema } from './outbox.schema';
import { WriteGuard, writeGuardFor } from './write-guard';

// One code base for MongoDB 7 and FerretDB 1.24 (see CONTRIBUTING.md): strict filters and no operator injection.
mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

@Module({ providers: [EmbeddedDatabase], exports: [EmbeddedDatabase] })
class EmbeddedDatabaseModule {}

/** Builds every schema's declared indexes at start-up and fails loudly if one cannot be built. */
@Injectable()
class IndexBuilder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onApplicationBootstrap(): Promise<void> {
    const models = Object.values(this.connection.models);
    await Promise.all(models.map((model) => model.init()));
    this.logger.log(`Indexes ready for ${models.length} collections`);
  }
}

/** The connection, plus the engine seam every repository may inject: WriteGuard and Outbox. */
@Global()
@Module({
  imports: [
    MongooseModule.forRootAsync({
      imports: [EmbeddedDatabaseModule],
      inject: [EmbeddedDatabase],
      useFactory: async (database: EmbeddedDatabase) => ({
        uri: await database.resolveUri(),
        autoIndex: true,
        serverSelectionTimeoutMS: 5000,
      }),
    }),
    MongooseModule.forFeature([{ name: PendingEffectDoc.name, schema: PendingEffectSchema }]),
  ],
  providers: [
    IndexBuilder,
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
