import { Injectable } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { RedisService } from '../redis/redis.service';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// Counts hits in a fixed window and blocks once over the limit; returns [hits, windowMs, blocked, blockMs].
const INCREMENT = `
local blockMs = redis.call('PTTL', KEYS[2])
if blockMs > 0 then
  return {tonumber(ARGV[2]) + 1, math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockMs}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local windowMs = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {hits, windowMs, 1, tonumber(ARGV[3])}
end
return {hits, windowMs, 0, 0}
`;

/** Rate-limit counters shared by all instances through Redis; in-process while Redis is absent or down. */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly local = new ThrottlerStorageService();

  constructor(private readonly redis: RedisService) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const client = this.redis.client;
    if (!client || !this.redis.available) {
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const base = this.redis.key(`throttle:${throttlerName}:${key}`);
    try {
      const reply = (await client.eval(INCREMENT, {
        keys: [base, `${base}:blocked`],
        arguments: [String(ttl), String(limit), String(blockDuration)],
      })) as number[];
      const [totalHits, windowMs, blocked, blockMs] = reply.map(Number);
      return {
        totalHits,
        timeToExpire: Math.ceil(windowMs / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockMs / 1000),
      };
    } catch {
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}
