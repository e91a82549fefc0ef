import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AuditService } from './audit.service';

/** Applies AUDIT_RETENTION_DAYS (FerretDB has no TTL indexes). Idempotent, so safe on every instance. */
@Injectable()
export class AuditPurgeJob {
  constructor(private readonly audit: AuditService) {}

  @Cron(CronExpression.EVERY_HOUR)
  async run(): Promise<void> {
    await this.audit.purge();
  }
}
