import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { DocumentsService, STALE_AFTER_MS } from './documents.service';

/** Finishes or undoes uploads and deletions a crash interrupted, and removes orphan files. Idempotent. */
@Injectable()
export class DocumentCleanupJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('DocumentCleanup');

  constructor(
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.run();
  }

  @Cron(CronExpression.EVERY_10_MINUTES)
  async run(): Promise<void> {
    try {
      await this.documents.repair(new Date(this.clock.now().getTime() - STALE_AFTER_MS));
    } catch (error) {
      this.logger.error(`Document clean-up failed: ${(error as Error).message}`);
    }
  }
}
