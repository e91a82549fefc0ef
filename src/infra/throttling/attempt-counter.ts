import { Injectable } from '@nestjs/common';
import { RedisService } from '../redis/redis.service';

/**
 * Counts failed attempts per key in a fixed window (failed logins per account, wrong 2FA codes), in
 * Redis so every instance shares the count; an in-process map stands in while Redis is unavailable.
 */
@Injectable()
export class AttemptCounter {
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly redis: RedisService) {}

  /** Adds one failure and returns the count in the current window. */
  async add(key: string, windowSeconds: number): Promise<number> {
    if (this.redis.available && this.redis.client) {
      try {
        const name = this.redis.key(`attempts:${key}`);
        const count = await this.redis.client.incr(name);
        if (count === 1) await this.redis.client.expire(name, windowSeconds);
        return count;
      } catch {
        // Fall through to the in-process count.
      }
    }
    const now = performance.timeOrigin + performance.now();
    const entry = this.local.get(key);
    if (!entry || entry.resetAt <= now) {
      this.local.set(key, { count: 1, resetAt: now + windowSeconds * 1000 });
      return 1;
    }
    entry.count += 1;
    return entry.count;
  }

  async count(key: string): Promise<number> {
    if (this.redis.available && this.redis.client) {
      try {
        return Number((await this.redis.client.get(this.redis.key(`attempts:${key}`))) ?? 0);
      } catch {
        // Fall through.
      }
    }
    const entry = this.local.get(key);
    return entry && entry.resetAt > performance.timeOrigin + performance.now() ? entry.count : 0;
  }

  /** Claims a one-at-a-time slot for `seconds`: true for the first caller, false until it lapses. */
  async claim(key: string, seconds: number): Promise<boolean> {
    if (this.redis.available && this.redis.client) {
      try {
        const set = await this.redis.client.set(this.redis.key(`slot:${key}`), '1', {
          NX: true,
          EX: seconds,
        });
        return set === 'OK';
      } catch {
        // Fall through.
      }
    }
    const now = performance.timeOrigin + performance.now();
    const entry = this.local.get(`slot:${key}`);
    if (entry && entry.resetAt > now) return false;
    this.local.set(`slot:${key}`, { count: 1, resetAt: now + seconds * 1000 });
    return true;
  }

  async reset(key: string): Promise<void> {
    this.local.delete(key);
    if (this.redis.available && this.redis.client) {
      await this.redis.client.del(this.redis.key(`attempts:${key}`)).catch(() => undefined);
    }
  }
}
