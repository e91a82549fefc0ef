import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { errorBody } from './common/filters/error-body';
import { createValidationPipe } from './common/validation/validation.pipe';
import { WellFormedTextPipe } from './common/validation/well-formed-text.pipe';
import { AppConfig, loadAppConfig } from './config';
import { LIVENESS_OPENAPI } from './infra/health/liveness.route';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a well-formed incoming X-Request-Id (so traces join up), otherwise makes one. */
function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  const id =
    typeof incoming === 'string' && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  (req as IncomingMessage & { id?: string }).id = id;
  return id;
}

type SecurityHook = Parameters<FastifyAdapter['registerSecurityHook']>[0];

/**
 * The Fastify adapter, plus the app's answer to errors the router raises before any hook or handler
 * runs (a malformed URL: 400, an over-long path parameter: 414): the one error shape, the security
 * headers and the request id, like every other response.
 */
class AppFastifyAdapter extends FastifyAdapter {
  private appSecurityHook?: SecurityHook;

  constructor(options: FastifyServerOptions) {
    const frameworkErrors: FastifyServerOptions['frameworkErrors'] = (error, request, reply) =>
      this.answerRouterError(error, request as FastifyRequest, reply as FastifyReply);
    super({ ...options, frameworkErrors });
  }

  override registerSecurityHook(hook: SecurityHook): void {
    this.appSecurityHook = hook;
    super.registerSecurityHook(hook);
  }

  private answerRouterError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    try {
      void this.appSecurityHook?.(request, reply.raw);
    } catch {
      // The request is refused either way; the error body still goes out.
    }
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 400;
    const message = status === 414 ? 'A path parameter is too long' : 'Malformed URL';
    const requestId = String(request.id);
    void reply
      .status(status)
      .header('x-request-id', requestId)
      .header('content-type', 'application/json; charset=utf-8')
      .send(errorBody(status, message, requestId));
  }
}

export type AppBuilder = (adapter: FastifyAdapter) => Promise<NestFastifyApplication>;

/** Options every build of the app uses (tests add their own logger setting). */
export const APP_OPTIONS = {
  // The raw JSON body, kept for webhook signatures (Stripe signs the exact bytes).
  rawBody: true,
} as const;

const buildDefault: AppBuilder = (adapter) =>
  NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    ...APP_OPTIONS,
    bufferLogs: true,
  });

/**
 * Builds the HTTP application exactly as production runs it. main.ts uses the default builder;
 * the e2e tests pass one that compiles the same AppModule with test doubles for the clock, and
 * the configuration it provides.
 */
export async function createApp(
  build: AppBuilder = buildDefault,
  config: AppConfig = loadAppConfig(),
): Promise<NestFastifyApplication> {
  const { http } = config;
  const adapter = new AppFastifyAdapter({
    bodyLimit: http.bodyLimitBytes,
    genReqId: requestId,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  });
  const app = await build(adapter);
  await configureApp(app);
  return app;
}

/** Everything that wraps the modules: logger, security headers, CORS, validation, errors, docs, shutdown. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  if (config.auth.jwtSecretGenerated) {
    app
      .get(Logger)
      .warn('JWT_SECRET is not set: using a random secret, so tokens do not survive a restart');
  }
  // Computed once at start-up (not per request), the same headers and defaults as helmet 8.
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  app.enableCors({
    origin: config.http.corsOrigins,
    credentials: true,
    // Every method the API routes use (the default would refuse PATCH, PUT and DELETE from browsers).
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  // JSON routes take JSON only: a text/plain body gets 415 instead of reaching validation as a string.
  fastify.removeContentTypeParser('text/plain');
  // Set before any handler runs, so every response (errors and 404s included) echoes it.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.useGlobalPipes(new WellFormedTextPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  if (config.http.docsEnabled) setUpDocs(app);
}

function setUpDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Adaptive Learning API')
      .setDescription(
        'Documents in, questions out; practice, tests, spaced repetition and analytics. ' +
          'Errors always have the shape `{ statusCode, error, message, details?, requestId }`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  );
  document.paths['/health'] = LIVENESS_OPENAPI;
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
