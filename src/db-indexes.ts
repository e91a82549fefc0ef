import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Connection } from 'mongoose';
import { AppModule } from './app.module';
import { ConfigurationError } from './config';

/**
 * `npm run db:indexes`: makes the database's indexes exactly the ones declared next to the schemas
 * (creates the missing, drops the undeclared). Run it on MongoDB before starting a release whose schemas
 * changed their indexes; production starts with autoIndex off and only warns about missing ones.
 */
async function syncIndexes(): Promise<void> {
  // The whole app (modules register their schemas), initialised but never listening.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  await app.init();
  try {
    const connection = app.get<Connection>(getConnectionToken());
    for (const model of Object.values(connection.models)) {
      const { toCreate, toDrop } = await model.diffIndexes();
      await model.syncIndexes();
      const name = model.collection.collectionName;
      const changes = [
        ...toCreate.map((index) => `+ ${JSON.stringify(index)}`),
        ...toDrop.map((index) => `- ${String(index)}`),
      ];
      console.log(`${name}: ${changes.length ? changes.join(', ') : 'up to date'}`);
    }
  } finally {
    await app.close();
  }
}

syncIndexes().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      error instanceof ConfigurationError
        ? error.message
        : `Index sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
