import { CACHE_MANAGER } from '@nestjs/cache-manager';
import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Cache } from 'cache-manager';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, mergeMap, Observable, of } from 'rxjs';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators';
import { AppConfig } from '../../config';
import { CACHE_REQUESTS, type CacheResult } from '../metrics/business-metrics';
import type { Counter } from 'prom-client';
import { CacheTags } from './cache-tags.service';
import { CACHED_KEY, CachedOptions, resolveTags } from './cached.decorator';

interface Entry {
  etag: string;
  body: unknown;
}

type CachedRequest = FastifyRequest & { user?: AuthUser; cachedEtag?: string };

/**
 * Serves `@Cached` routes from the shared cache. The key is the route template, the caller, the
 * query string, the current versions of the route's tags (see CacheTags) and the TTL window of the
 * clock (figures that fade with time never outlive the window they were computed in, also under a
 * test clock). Cached responses carry `Cache-Control: private` and an `ETag`; a matching
 * `If-None-Match` gets `304 Not Modified` (set in an onSend hook, as Nest sets the status itself).
 * Errors are never cached. When the cache is unavailable the route is computed as usual.
 */
@Injectable()
export class CachedInterceptor implements NestInterceptor, OnModuleInit {
  private readonly defaultTtlMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly tags: CacheTags,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly clock: Clock,
    private readonly adapterHost: HttpAdapterHost,
    @InjectMetric(CACHE_REQUESTS) private readonly requests: Counter<'result'>,
    config: AppConfig,
  ) {
    this.defaultTtlMs = config.cache.ttlSeconds * 1000;
  }

  onModuleInit(): void {
    // Absent when the modules run without HTTP (medium tests).
    if (!this.adapterHost.httpAdapter) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (request: CachedRequest, reply, payload, done) => {
      const etag = request.cachedEtag;
      if (etag && reply.statusCode === 200 && matches(request.headers['if-none-match'], etag)) {
        reply.code(304);
        reply.removeHeader('content-length');
        return done(null, '');
      }
      done(null, payload);
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<CachedOptions | undefined>(CACHED_KEY, context.getHandler());
    if (!options || context.getType() !== 'http') return next.handle();
    const ttlMs = options.ttl !== undefined ? options.ttl * 1000 : this.defaultTtlMs;
    if (ttlMs <= 0) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<CachedRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (request.method !== 'GET') return next.handle();
    const tags = resolveTags(
      options.tags,
      request.user?.id,
      request.params as Record<string, string | undefined>,
    );
    return from(this.lookup(request, tags, ttlMs)).pipe(
      mergeMap(({ key, entry }) => {
        if (entry) {
          this.count('hit');
          this.present(request, reply, entry.etag);
          return of(entry.body);
        }
        this.count(key ? 'miss' : 'bypass');
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            if (!key) return body;
            const json = JSON.stringify(body ?? null);
            const stored: Entry = { etag: etagOf(json), body: JSON.parse(json) };
            await this.cache.set(key, stored, ttlMs).catch(() => undefined);
            this.present(request, reply, stored.etag);
            return stored.body;
          }),
        );
      }),
    );
  }

  private async lookup(
    request: CachedRequest,
    tags: string[],
    ttlMs: number,
  ): Promise<{ key: string | null; entry?: Entry }> {
    const versions = await this.tags.versions(tags);
    if (versions === null) return { key: null };
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    query.sort();
    const window = Math.floor(this.clock.now().getTime() / ttlMs);
    const key = `http:${createHash('sha256')
      .update(
        JSON.stringify([
          request.routeOptions.url,
          request.params,
          request.user?.id ?? null,
          query.toString(),
          tags,
          versions,
          window,
        ]),
      )
      .digest('base64url')}`;
    try {
      const entry = await this.cache.get<Entry>(key);
      return { key, entry: entry ?? undefined };
    } catch {
      return { key: null };
    }
  }

  private present(request: CachedRequest, reply: FastifyReply, etag: string): void {
    request.cachedEtag = etag;
    reply.header('Cache-Control', 'private');
    reply.header('ETag', etag);
  }

  private count(result: CacheResult): void {
    this.requests.inc({ result });
  }
}

function etagOf(json: string): string {
  return `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}

function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const values = (Array.isArray(header) ? header.join(',') : header).split(',');
  return values.some((value) => {
    const tag = value.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
