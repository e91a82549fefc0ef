import { ExecutionContext, Module, SetMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthUser } from '../../common/decorators';
import { AppConfig } from '../../config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const STRICT_LIMIT_KEY = 'throttle:strict';
const LIMIT_GROUP_KEY = 'throttle:group';

/** Groups of routes with their own per-minute limit on top of the default one. */
export type RateLimitGroup = 'generation' | 'analytics';

/** Puts a route under the stricter per-address limit for credentials (login, register, refresh). */
export const StrictRateLimit = () => SetMetadata(STRICT_LIMIT_KEY, true);

/**
 * Puts a route under its group's per-minute limit (GENERATION_RATE_LIMIT_PER_MINUTE,
 * ANALYTICS_RATE_LIMIT_PER_MINUTE), counted per signed-in user (an API key counts as its owner) over all
 * routes of the group, per client address for anonymous calls.
 */
export const RateLimit = (group: RateLimitGroup) => SetMetadata(LIMIT_GROUP_KEY, group);

const isStrict = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(STRICT_LIMIT_KEY, context.getHandler()) === true;

const groupOf = (context: ExecutionContext): RateLimitGroup | undefined =>
  (Reflect.getMetadata(LIMIT_GROUP_KEY, context.getHandler()) ??
    Reflect.getMetadata(LIMIT_GROUP_KEY, context.getClass())) as RateLimitGroup | undefined;

/** The caller set by the auth guard, which runs first (AppModule imports ThrottlingModule after AuthModule). */
const callerOf = (context: ExecutionContext): string | undefined => {
  const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
  return user ? `user:${user.id}` : undefined;
};

/** The throttler guard, also answering the standard `Retry-After` (seconds) on every 429. */
class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = context
      .switchToHttp()
      .getResponse<{ header(name: string, value: string): void }>();
    reply.header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class ThrottlerStorageModule {}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisThrottlerStorage],
      imports: [ThrottlerStorageModule],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => {
        const ttl = config.throttle.windowSeconds * 1000;
        const group = (name: RateLimitGroup, limit: number) => ({
          name,
          ttl: 60_000,
          limit,
          // One counter per caller for the whole group, not one per route.
          generateKey: (context: ExecutionContext, tracker: string) =>
            `${name}:${callerOf(context) ?? tracker}`,
          skipIf: (context: ExecutionContext) => groupOf(context) !== name,
        });
        return {
          throttlers: [
            { name: 'default', ttl, limit: config.throttle.limit },
            {
              name: 'strict',
              ttl,
              limit: config.throttle.authLimit,
              skipIf: (context) => !isStrict(context),
            },
            group('generation', config.throttle.generationPerMinute),
            group('analytics', config.throttle.analyticsPerMinute),
          ],
          storage,
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class ThrottlingModule {}
