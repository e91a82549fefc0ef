import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { RedisService } from '../redis/redis.service';

/** Longer than any cached entry lives (CACHE_TTL_SECONDS is at most a day), refreshed on each bump. */
const TAG_TTL_MS = 2 * 86_400_000;
const EPOCH = 'epoch';

/**
 * Versioned cache tags. A tag names what a cached response depends on (`user:<id>`,
 * `document:<id>`, `session:<id>`, `classroom:<id>`); a cached entry's key carries the current
 * version of each of its tags, so `invalidate` (a version bump) makes every entry stored before it
 * unreachable at once, on every instance sharing Redis, while they expire on their own.
 * A read that raced with a write stores its result under the old version, which no later read asks for.
 *
 * Without REDIS_URL the versions live in this process. While Redis is down `versions` answers null
 * (the cache is bypassed) and bumps are lost, so when Redis returns the first instance to notice
 * bumps a global epoch that every key carries: nothing cached before the outage is served again.
 */
@Injectable()
export class CacheTags implements OnModuleInit {
  private readonly logger = new Logger('CacheTags');
  private readonly local = new Map<string, number>();
  private missedBumps = false;

  constructor(private readonly redis: RedisService) {}

  onModuleInit(): void {
    this.redis.client?.on('ready', () => {
      if (!this.missedBumps) return;
      this.missedBumps = false;
      void this.bump([EPOCH]).catch(() => (this.missedBumps = true));
    });
    this.redis.client?.on('error', () => (this.missedBumps = true));
  }

  /** Makes every cached response that depends on one of `tags` stale, here and on other instances. */
  async invalidate(...tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    if (!this.redis.client) {
      for (const tag of tags) this.local.set(tag, (this.local.get(tag) ?? 0) + 1);
      return;
    }
    try {
      await this.bump(tags);
    } catch (error) {
      this.missedBumps = true;
      this.logger.debug(`cache invalidation lost while Redis is down: ${(error as Error).message}`);
    }
  }

  /**
   * The current version of each tag (and the epoch), as one string to put in a cache key; null when
   * the versions cannot be read (Redis down), so the caller must not use the cache.
   */
  async versions(tags: string[]): Promise<string | null> {
    const names = [EPOCH, ...tags];
    const client = this.redis.client;
    if (!client) return names.map((tag) => this.local.get(tag) ?? 0).join('.');
    if (!this.redis.available) return null;
    try {
      const values = await client.mGet(names.map((tag) => this.key(tag)));
      return values.map((value) => value ?? '0').join('.');
    } catch {
      return null;
    }
  }

  private async bump(tags: string[]): Promise<void> {
    const client = this.redis.client!;
    const multi = client.multi();
    for (const tag of tags) {
      multi.incr(this.key(tag));
      multi.pExpire(this.key(tag), TAG_TTL_MS);
    }
    await multi.exec();
  }

  private key(tag: string): string {
    return this.redis.key(`cache:tag:${tag}`);
  }
}
