import { Injectable } from '@nestjs/common';
import { HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { RedisService, RedisState } from '../redis/redis.service';

export interface Readiness {
  status: 'ok' | 'degraded';
  checks: { mongodb: { status: 'up' }; redis: { status: RedisState | 'in-process' } };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongoose: MongooseHealthIndicator,
    private readonly redis: RedisService,
  ) {}

  /** Throws 503 (terminus) when MongoDB does not answer; Redis down only degrades. */
  async readiness(): Promise<Readiness> {
    await this.health.check([() => this.mongoose.pingCheck('mongodb', { timeout: 3000 })]);
    const redis = this.redis.state;
    return {
      status: redis === 'down' ? 'degraded' : 'ok',
      checks: {
        mongodb: { status: 'up' },
        redis: { status: redis === 'disabled' ? 'in-process' : redis },
      },
    };
  }
}
