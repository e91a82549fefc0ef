import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TokensService } from './tokens.service';

/** Deletes expired refresh tokens (TTL indexes are not portable to FerretDB). Idempotent, so safe on every instance. */
@Injectable()
export class RefreshTokenCleanupJob {
  private readonly logger = new Logger('RefreshTokenCleanup');

  constructor(private readonly tokens: TokensService) {}

  @Cron(CronExpression.EVERY_HOUR)
  async run(): Promise<void> {
    const deleted = await this.tokens.deleteExpired();
    if (deleted) this.logger.log(`Deleted ${deleted} expired refresh tokens`);
  }
}
