import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { RedisService } from '../infra/redis/redis.service';

/** Batches one session may send per window. A client flushing every second or two stays far below. */
export const BATCHES_PER_WINDOW = 60;
export const RATE_WINDOW_MS = 60_000;

/**
 * Counts event batches per session in fixed windows of the injected clock, in Redis so that every
 * instance shares the count; in-process while Redis is absent or down.
 */
@Injectable()
export class EventRateLimiter {
  private readonly local = new Map<string, number>();

  constructor(
    private readonly redis: RedisService,
    private readonly clock: Clock,
  ) {}

  /** Counts one batch; false when the session is over its limit for the current window. */
  async allow(sessionId: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const now = this.clock.now().getTime();
    const window = Math.floor(now / RATE_WINDOW_MS);
    const retryAfterSeconds = Math.ceil(((window + 1) * RATE_WINDOW_MS - now) / 1000);
    const key = `recording:batches:${sessionId}:${window}`;
    const count = await this.increment(key, window);
    return { allowed: count <= BATCHES_PER_WINDOW, retryAfterSeconds };
  }

  private async increment(key: string, window: number): Promise<number> {
    const client = this.redis.client;
    if (client && this.redis.available) {
      try {
        const redisKey = this.redis.key(key);
        const count = await client.incr(redisKey);
        if (count === 1) await client.pExpire(redisKey, RATE_WINDOW_MS * 2);
        return count;
      } catch {
        // Redis failed mid-request: count in process for now.
      }
    }
    for (const stale of this.local.keys()) {
      if (!stale.endsWith(`:${window}`)) this.local.delete(stale);
    }
    const count = (this.local.get(key) ?? 0) + 1;
    this.local.set(key, count);
    return count;
  }
}
