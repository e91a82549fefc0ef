import { createCache } from 'cache-manager';
import type { AppConfig } from '../config';
import { LearningChanges } from '../reviews/learning-changes';
import { LearningCache } from './learning-cache.service';

const changes = new LearningChanges();

function cacheWithTtl(seconds: number): LearningCache {
  const config = { learning: { analyticsCacheTtlSeconds: seconds } } as AppConfig;
  const cache = new LearningCache(createCache(), config, changes);
  cache.onModuleInit();
  return cache;
}

describe('LearningCache (cache-manager’s in-process store)', () => {
  it('computes once, then serves the JSON form of the value', async () => {
    const cache = cacheWithTtl(60);
    let computed = 0;
    const compute = async () => ({ at: new Date('2025-01-01T00:00:00.000Z'), n: ++computed });
    const first = await cache.remember('u1', 'figure', compute);
    const second = await cache.remember('u1', 'figure', compute);
    expect(first).toEqual({ at: '2025-01-01T00:00:00.000Z', n: 1 });
    expect(second).toEqual(first);
    expect(computed).toBe(1);
  });

  it('forgets a student’s figures when their learning changes, and only that student’s', async () => {
    const cache = cacheWithTtl(60);
    let n = 0;
    const compute = async () => ++n;
    expect(await cache.remember('u1', 'x', compute)).toBe(1);
    expect(await cache.remember('u2', 'x', compute)).toBe(2);
    await changes.changed('u1');
    expect(await cache.remember('u1', 'x', compute)).toBe(3);
    expect(await cache.remember('u2', 'x', compute)).toBe(2);
  });

  it('recomputes when the freshness check rejects the cached value', async () => {
    const cache = cacheWithTtl(60);
    let n = 0;
    const compute = async () => ++n;
    await cache.remember('u1', 'x', compute);
    expect(await cache.remember('u1', 'x', compute, async () => true)).toBe(1);
    expect(await cache.remember('u1', 'x', compute, async (cached) => cached > 1)).toBe(2);
  });

  it('does not cache at all with a TTL of 0', async () => {
    const cache = cacheWithTtl(0);
    let n = 0;
    const compute = async () => ++n;
    await cache.remember('u1', 'x', compute);
    expect(await cache.remember('u1', 'x', compute)).toBe(2);
  });
});
