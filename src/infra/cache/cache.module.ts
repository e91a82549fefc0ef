import KeyvRedis from '@keyv/redis';
import { CacheModuleOptions, CacheModule as NestCacheModule } from '@nestjs/cache-manager';
import { Global, Logger, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Keyv } from 'keyv';
import { AppConfig } from '../../config';
import { RedisService } from '../redis/redis.service';
import { CacheTags } from './cache-tags.service';
import { CachedInterceptor } from './cached.interceptor';

const logger = new Logger('Cache');

/**
 * `@nestjs/cache-manager` on the shared Redis client through the maintained Keyv Redis store.
 * While Redis is down the store answers misses and swallows writes, so reads bypass the cache.
 * Without REDIS_URL it is cache-manager's in-process store.
 * `@Cached` routes are served through it by CachedInterceptor; writes invalidate them with CacheTags.
 */
@Global()
@Module({
  imports: [
    NestCacheModule.registerAsync({
      inject: [AppConfig, RedisService],
      useFactory: (config: AppConfig, redis: RedisService): CacheModuleOptions => {
        const ttl = config.cache.ttlSeconds * 1000;
        if (!redis.client) return { ttl };
        const store = new KeyvRedis(redis.client, {
          namespace: redis.key('cache'),
          throwOnErrors: false,
        });
        const keyv = new Keyv({ store, useKeyPrefix: false });
        keyv.on('error', (error: Error) => logger.debug(`cache bypassed: ${error.message}`));
        return { ttl, stores: [keyv] };
      },
    }),
  ],
  providers: [CacheTags, { provide: APP_INTERCEPTOR, useClass: CachedInterceptor }],
  exports: [NestCacheModule, CacheTags],
})
export class CacheModule {}
