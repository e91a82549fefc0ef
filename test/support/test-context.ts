import { getConnectionToken } from '@nestjs/mongoose';
import { Type } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Test, TestingModule } from '@nestjs/testing';
import type { Connection } from 'mongoose';
import { rmSync } from 'node:fs';
import { register } from 'prom-client';
import { Clock, ClockModule, ManualClock } from '../../src/common/clock';
import { AppConfig, AppConfigModule } from '../../src/config';
import { CacheModule } from '../../src/infra/cache/cache.module';
import { BusinessMetricsModule } from '../../src/infra/metrics/business-metrics';
import { DatabaseModule } from '../../src/infra/database/database.module';
import { EventsModule } from '../../src/infra/events/events.module';
import { JobsModule } from '../../src/infra/jobs/jobs.module';
import { LoggingModule } from '../../src/infra/logging/logging.module';
import { RedisModule } from '../../src/infra/redis/redis.module';
import { StorageModule } from '../../src/infra/storage';
import { flushQueryShapes, recordQueryShapes } from './query-shapes';
import { testConfig, type TestAppOptions } from './test-app';

/**
 * Domain modules on the shared FerretDB (its own database) with the app's infrastructure, without
 * HTTP: medium tests get repositories and services from it with `get`.
 */
export class TestContext {
  private constructor(
    private readonly moduleRef: TestingModule,
    readonly clock: ManualClock,
    private readonly ownDataDir: string | null,
  ) {}

  static async start(modules: Type[], options: TestAppOptions = {}): Promise<TestContext> {
    const { config, ownDataDir } = testConfig(options);
    recordQueryShapes();
    const clock = new ManualClock(options.now ?? new Date());
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule,
        LoggingModule,
        ClockModule,
        ScheduleModule.forRoot(),
        DatabaseModule,
        RedisModule,
        CacheModule,
        BusinessMetricsModule,
        JobsModule,
        EventsModule,
        StorageModule,
        ...modules,
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    return new TestContext(moduleRef, clock, ownDataDir);
  }

  get<T>(type: abstract new (...args: never[]) => T): T {
    return this.moduleRef.get(type);
  }

  /** Drops this context's database, closes it and removes its data folder. */
  async stop(): Promise<void> {
    await this.moduleRef.get<Connection>(getConnectionToken()).dropDatabase();
    await this.moduleRef.close();
    register.clear();
    if (this.ownDataDir) rmSync(this.ownDataDir, { recursive: true, force: true });
    flushQueryShapes();
  }
}
