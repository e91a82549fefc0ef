import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

const LIVE = JSON.stringify({ status: 'ok' });

/**
 * `GET /health`, answered by Fastify itself: a liveness probe needs no guard, pipe or interceptor, and
 * probes come often. The instance-wide hooks (security headers, CORS, request id, metrics) still apply.
 */
@Injectable()
export class LivenessRoute implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/health', (_request, reply) => {
      void reply.type('application/json; charset=utf-8').send(LIVE);
    });
  }
}

/** The route's entry in the OpenAPI document (Swagger only sees Nest controllers). */
export const LIVENESS_OPENAPI = {
  get: {
    tags: ['health'],
    summary: 'Liveness: the process is up and serving HTTP',
    responses: {
      '200': {
        description: 'Up',
        content: { 'application/json': { example: { status: 'ok' } } },
      },
    },
  },
};
