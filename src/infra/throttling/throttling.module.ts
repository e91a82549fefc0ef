import { ExecutionContext, Module, SetMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const STRICT_LIMIT_KEY = 'throttle:strict';

/** Puts a route under the stricter per-address limit for credentials (login, register, refresh). */
export const StrictRateLimit = () => SetMetadata(STRICT_LIMIT_KEY, true);

const isStrict = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(STRICT_LIMIT_KEY, context.getHandler()) === true;

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class ThrottlerStorageModule {}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisThrottlerStorage],
      imports: [ThrottlerStorageModule],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => {
        const ttl = config.throttle.windowSeconds * 1000;
        return {
          throttlers: [
            { name: 'default', ttl, limit: config.throttle.limit },
            {
              name: 'strict',
              ttl,
              limit: config.throttle.authLimit,
              skipIf: (context) => !isStrict(context),
            },
          ],
          storage,
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
})
export class ThrottlingModule {}
