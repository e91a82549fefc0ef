import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config';
import { LearningChanges } from '../reviews/learning-changes';

/** Longer than any cached figure lives, so an expired generation never revives stale entries. */
const GENERATION_TTL_MS = 7 * 86_400_000;

/**
 * The Redis cache of a student's learning figures (analytics, predictions, comparisons). Keys are
 * per student and carry the student's cache generation: `invalidate` starts a new generation, so
 * every figure computed before a new review or card is ignored at once and expires on its own
 * (short TTL). Values are stored as JSON (dates become ISO strings). Cache errors never fail a
 * request: the figure is computed instead.
 */
@Injectable()
export class LearningCache implements OnModuleInit {
  private readonly ttlMs: number;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    config: AppConfig,
    private readonly changes: LearningChanges,
  ) {
    this.ttlMs = config.learning.analyticsCacheTtlSeconds * 1000;
  }

  onModuleInit(): void {
    this.changes.subscribe((userId) => this.invalidate(userId));
  }

  async invalidate(userId: string): Promise<void> {
    await this.cache.set(generationKey(userId), randomUUID(), GENERATION_TTL_MS).catch(() => {
      // The store logs its own errors; the short TTL bounds staleness while it is down.
    });
  }

  /**
   * The cached value of `name` for the student if there is one and `isFresh` accepts it, else
   * `compute()` (stored for the next call). `name` must encode every parameter of the figure.
   */
  async remember<T>(
    userId: string,
    name: string,
    compute: () => Promise<T>,
    isFresh?: (cached: T) => Promise<boolean>,
  ): Promise<T> {
    if (this.ttlMs === 0) return toJson(await compute());
    const generation = (await this.read<string>(generationKey(userId))) ?? 'initial';
    const key = `learning:${userId}:${generation}:${name}`;
    const cached = await this.read<T>(key);
    if (cached !== undefined && (!isFresh || (await isFresh(cached)))) return cached;
    const value = toJson(await compute());
    await this.cache.set(key, value, this.ttlMs).catch(() => undefined);
    return value;
  }

  private async read<T>(key: string): Promise<T | undefined> {
    try {
      const value = await this.cache.get<T>(key);
      return value ?? undefined;
    } catch {
      return undefined;
    }
  }
}

function generationKey(userId: string): string {
  return `learning:${userId}:generation`;
}

/** The value exactly as it comes back from the cache (JSON), whether or not it was cached. */
function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
