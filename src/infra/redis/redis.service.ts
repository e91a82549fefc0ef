import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createClient, RedisClientType } from '@redis/client';
import { AppConfig } from '../../config';

export type RedisState = 'disabled' | 'up' | 'down';

/**
 * The one shared Redis client (cache, rate limits).
 * Without REDIS_URL it stays disabled and every user falls back to an in-process equivalent.
 * During an outage commands fail at once (no offline queue) while the client keeps reconnecting.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client?: RedisClientType;
  readonly keyPrefix: string;
  private reportedDown = false;

  constructor(config: AppConfig) {
    this.keyPrefix = config.redis.keyPrefix;
    if (!config.redis.url) {
      this.logger.warn(
        'REDIS_URL is not set: using in-process cache and rate limiting (single instance only)',
      );
      return;
    }
    this.client = createClient({
      url: config.redis.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5000,
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 3000),
      },
    }) as RedisClientType;
    this.client.on('error', (error: Error) => this.reportDown(error));
    this.client.on('ready', () => this.reportUp());
    this.client.connect().catch((error: Error) => this.reportDown(error));
  }

  get state(): RedisState {
    if (!this.client) return 'disabled';
    return this.client.isReady ? 'up' : 'down';
  }

  /** True when commands can be sent now. */
  get available(): boolean {
    return this.state === 'up';
  }

  key(name: string): string {
    return `${this.keyPrefix}${name}`;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client?.isOpen) return;
    await this.client.close().catch(() => this.client?.destroy());
  }

  private reportDown(error: Error): void {
    if (this.reportedDown) return;
    this.reportedDown = true;
    this.logger.error(
      `Redis is unavailable (${error.message}); serving without it until it returns`,
    );
  }

  private reportUp(): void {
    if (this.reportedDown) this.logger.log('Redis is back; using it again');
    else this.logger.log('Connected to Redis');
    this.reportedDown = false;
  }
}
