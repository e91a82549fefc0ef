import { Injectable } from '@nestjs/common';
import { HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { ServiceUnavailableError } from '../../common/errors';
import { RunningEngine, DatabaseStatus } from '../database/database-status';
import { RedisService, RedisState } from '../redis/redis.service';
import { ObjectStorage } from '../storage';

export interface Readiness {
  status: 'ok' | 'degraded';
  checks: {
    mongodb: { status: 'up'; engine: RunningEngine };
    redis: { status: RedisState | 'in-process' };
    storage: { status: 'up' | 'down'; driver: 'local' | 's3' };
  };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongoose: MongooseHealthIndicator,
    private readonly database: DatabaseStatus,
    private readonly redis: RedisService,
    private readonly storage: ObjectStorage,
  ) {}

  /**
   * Throws 503 when the database is known to be down or does not answer ping. Redis or the file storage
   * down only degrades: every instance shares them, so taking one out of rotation would not help.
   */
  async readiness(): Promise<Readiness> {
    if (!this.database.up) {
      throw new ServiceUnavailableError('The database is unavailable', {
        engine: this.database.engine,
      });
    }
    await this.health.check([() => this.mongoose.pingCheck('mongodb', { timeout: 3000 })]);
    const redis = this.redis.state;
    const storage = await this.storageStatus();
    return {
      status: redis === 'down' || storage === 'down' ? 'degraded' : 'ok',
      checks: {
        mongodb: { status: 'up', engine: this.database.engine },
        redis: { status: redis === 'disabled' ? 'in-process' : redis },
        storage: { status: storage, driver: this.storage.driver },
      },
    };
  }

  private async storageStatus(): Promise<'up' | 'down'> {
    try {
      await this.storage.check();
      return 'up';
    } catch {
      return 'down';
    }
  }
}
