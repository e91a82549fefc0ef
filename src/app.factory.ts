import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
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
  const adapter = new FastifyAdapter({
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
