import { Injectable } from '@nestjs/common';
import { HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { ServiceUnavailableError } from '../../common/errors';
import { RunningEngine, DatabaseStatus } from '../database/database-status';
import { RedisService, RedisState } from '../redis/redis.service';

export interface Readiness {
  status: 'ok' | 'degraded';
  checks: {
    mongodb: { status: 'up'; engine: RunningEngine };
    redis: { status: RedisState | 'in-process' };
  };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongoose: MongooseHealthIndicator,
    private readonly database: DatabaseStatus,
    private readonly redis: RedisService,
  ) {}

  /** Throws 503 when the database is known to be down or does not answer ping; Redis down only degrades. */
  async readiness(): Promise<Readiness> {
    if (!this.database.up) {
      throw new ServiceUnavailableError('The database is unavailable', {
        engine: this.database.engine,
      });
    }
    await this.health.check([() => this.mongoose.pingCheck('mongodb', { timeout: 3000 })]);
    const redis = this.redis.state;
    return {
      status: redis === 'down' ? 'degraded' : 'ok',
      checks: {
        mongodb: { status: 'up', engine: this.database.engine },
        redis: { status: redis === 'disabled' ? 'in-process' : redis },
      },
    };
  }
}
