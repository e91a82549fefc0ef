import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../../config';
import { LocalObjectStorage } from './local-object-storage';
import { ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3-object-storage';

/** The object storage of `STORAGE_DRIVER`, for every module that keeps files. */
@Global()
@Module({
  providers: [
    {
      provide: ObjectStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ObjectStorage =>
        config.storage.driver === 's3'
          ? new S3ObjectStorage(config.storage.s3)
          : new LocalObjectStorage(join(config.database.dataDir, 'files')),
    },
  ],
  exports: [ObjectStorage],
})
export class StorageModule {}
