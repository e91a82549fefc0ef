import { SetMetadata } from '@nestjs/common';

export const CACHED_KEY = 'cache:cached';

export interface CachedOptions {
  /** Lifetime in seconds; CACHE_TTL_SECONDS when omitted. */
  ttl?: number;
  /**
   * What the response depends on, as templates: `{user}` is the caller's id, `{name}` the route
   * parameter `name` (e.g. `'user:{user}'`, `'document:{documentId}'`). Writes invalidate them
   * through CacheTags.
   */
  tags: string[];
}

/**
 * Caches a read route's response per route, caller and query string (see CachedInterceptor), with
 * `Cache-Control: private`, an `ETag` and `304 Not Modified` for a matching `If-None-Match`.
 */
export const Cached = (options: CachedOptions) => SetMetadata(CACHED_KEY, options);

/** The tags of a route for one request; a template naming a missing value is an error in the route. */
export function resolveTags(
  templates: string[],
  userId: string | undefined,
  params: Record<string, string | undefined>,
): string[] {
  return templates.map((template) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = name === 'user' ? userId : params[name];
      if (value === undefined) throw new Error(`@Cached tag ${template}: no value for {${name}}`);
      return value;
    }),
  );
}
