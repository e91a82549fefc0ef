import { getConnectionToken } from '@nestjs/mongoose';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'prom-client';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { APP_OPTIONS, createApp } from '../../src/app.factory';
import { AppModule } from '../../src/app.module';
import { Clock, ManualClock } from '../../src/common/clock';
import { AppConfig, parseEnvironment } from '../../src/config';
import { ApiClient } from './api-client';
import type { BankQuestion } from './answer-keys';
import { REDIS_URL } from './global-setup';
import { flushQueryShapes, recordQueryShapes } from './query-shapes';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestAppOptions {
  /**
   * Extra or overriding environment variables for this app (undefined removes one). They configure
   * this app only: the test process's environment is left alone.
   */
  env?: Record<string, string | undefined>;
  /** Start the clock here; tests move it with `app.clock.advance()`. */
  now?: Date;
}

export interface SignedIn {
  id: string;
  email: string;
  role: string;
  accessToken: string;
  refreshToken: string;
  /** `Authorization` header value. */
  auth: string;
}

/**
 * The configuration of one test app: its own database on the shared FerretDB, its own Redis key
 * prefix and a temporary DATA_DIR (null when the caller gives one), plus `env`.
 */
export function testConfig(options: TestAppOptions = {}): {
  config: AppConfig;
  ownDataDir: string | null;
} {
  const tag = randomBytes(4).toString('hex');
  const base = process.env.E2E_MONGODB_BASE_URI;
  if (!base)
    throw new Error('E2E_MONGODB_BASE_URI is not set: run the tests through jest (global setup)');
  const ownDataDir =
    options.env && 'DATA_DIR' in options.env ? null : mkdtempSync(join(tmpdir(), 'e2e-data-'));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_URI: `${base}e2e_${tag}`,
    DATABASE_ENGINE: 'ferretdb',
    REDIS_URL,
    REDIS_KEY_PREFIX: `e2e:${tag}:`,
    JWT_SECRET: 'e2e-secret-that-is-long-enough-for-validation',
    THROTTLE_LIMIT: '100000',
    AUTH_THROTTLE_LIMIT: '100000',
    GENERATION_RATE_LIMIT_PER_MINUTE: '100000',
    ANALYTICS_RATE_LIMIT_PER_MINUTE: '100000',
    ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
    ...options.env,
  };
  return { config: new AppConfig(parseEnvironment(env)), ownDataDir };
}

/**
 * A running app on the shared e2e FerretDB (its own database) and the real Redis (its own key prefix),
 * listening on a loopback port, with helpers that make specs read like user stories.
 */
export class TestApp {
  private counter = 0;

  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly clock: ManualClock,
    readonly config: AppConfig,
    /** The temporary DATA_DIR this app made (removed on stop), unless the caller gave one. */
    private readonly ownDataDir: string | null,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const { config, ownDataDir } = testConfig(options);
    recordQueryShapes();
    const clock = new ManualClock(options.now ?? new Date());
    const app = await createApp(async (adapter) => {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
        .overrideProvider(Clock)
        .useValue(clock)
        .overrideProvider(AppConfig)
        .useValue(config)
        .compile();
      return moduleRef.createNestApplication<NestFastifyApplication>(adapter, {
        ...APP_OPTIONS,
        logger: false,
      });
    }, config);
    // PORT 0 (the default here) takes a free port; a spec that must know its URL up front sets one.
    await app.listen(config.http.port, '127.0.0.1');
    return new TestApp(app, await app.getUrl(), clock, config, ownDataDir);
  }

  /** Raw requests (anonymous ones, or with headers a test sets itself). */
  http() {
    return request(this.url);
  }

  /** Calls as `user`; with a `bank`, every response is checked not to leak its answer keys. */
  as(user: SignedIn, bank?: BankQuestion[]): ApiClient {
    return new ApiClient(this, user, bank);
  }

  async register(
    role: 'student' | 'teacher' = 'student',
    overrides: Record<string, unknown> = {},
  ): Promise<SignedIn> {
    const email = `${role}-${++this.counter}-${randomBytes(3).toString('hex')}@example.org`;
    const response = await this.http()
      .post('/auth/register')
      .send({
        email,
        password: TEST_PASSWORD,
        name: `Test ${role} ${this.counter}`,
        role,
        ...overrides,
      })
      .expect(201);
    const body = response.body as {
      user: { id: string; email: string; role: string };
      accessToken: string;
      refreshToken: string;
    };
    return {
      id: body.user.id,
      email: body.user.email,
      role: body.user.role,
      accessToken: body.accessToken,
      refreshToken: body.refreshToken,
      auth: `Bearer ${body.accessToken}`,
    };
  }

  asStudent(): Promise<SignedIn> {
    return this.register('student');
  }

  asTeacher(): Promise<SignedIn> {
    return this.register('teacher');
  }

  /** Drops this app's test database (test mode only), shuts the app down, removes its data folder. */
  async stop(options: { dropDatabase?: boolean } = { dropDatabase: true }): Promise<void> {
    if (options.dropDatabase) {
      if (this.config.env !== 'test')
        throw new Error('Refusing to drop a database outside NODE_ENV=test');
      await this.app.get<Connection>(getConnectionToken()).dropDatabase();
    }
    await this.app.close();
    register.clear();
    if (this.ownDataDir) rmSync(this.ownDataDir, { recursive: true, force: true });
    flushQueryShapes();
  }
}
