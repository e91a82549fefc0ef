import { getConnectionToken } from '@nestjs/mongoose';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { register } from 'prom-client';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { AppModule } from '../../src/app.module';
import { Clock, ManualClock } from '../../src/common/clock';
import { REDIS_URL } from './global-setup';
import { flushQueryShapes, recordQueryShapes } from './query-shapes';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestAppOptions {
  /** Extra or overriding environment variables for this app. */
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
 * A running app on the shared e2e FerretDB (its own database) and the real Redis (its own key prefix),
 * listening on a loopback port, with helpers that make specs read like user stories.
 */
export class TestApp {
  private counter = 0;

  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly clock: ManualClock,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const tag = randomBytes(4).toString('hex');
    const base = process.env.E2E_MONGODB_BASE_URI;
    if (!base)
      throw new Error('E2E_MONGODB_BASE_URI is not set: run e2e tests through jest (global setup)');
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: `${base}e2e_${tag}`,
      REDIS_URL,
      REDIS_KEY_PREFIX: `e2e:${tag}:`,
      JWT_SECRET: 'e2e-secret-that-is-long-enough-for-validation',
      THROTTLE_LIMIT: '100000',
      AUTH_THROTTLE_LIMIT: '100000',
    });
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    recordQueryShapes();
    const clock = new ManualClock(options.now ?? new Date());
    const app = await createApp(async (adapter) => {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
        .overrideProvider(Clock)
        .useValue(clock)
        .compile();
      return moduleRef.createNestApplication<NestFastifyApplication>(adapter, { logger: false });
    });
    await app.listen(0, '127.0.0.1');
    return new TestApp(app, await app.getUrl(), clock);
  }

  http() {
    return request(this.url);
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

  /** Drops this app's test database (test mode only), then shuts the app down. */
  async stop(options: { dropDatabase?: boolean } = { dropDatabase: true }): Promise<void> {
    if (options.dropDatabase) {
      if (process.env.NODE_ENV !== 'test')
        throw new Error('Refusing to drop a database outside NODE_ENV=test');
      await this.app.get<Connection>(getConnectionToken()).dropDatabase();
    }
    await this.app.close();
    register.clear();
    flushQueryShapes();
  }
}
