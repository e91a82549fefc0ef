import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { InvalidInputError } from '../common/errors';
import { toPage } from '../common/pagination';
import { AppConfig } from '../config';
import { AUDIT_EVENT } from '../infra/events/audit';
import { DomainEvent, EventBus } from '../infra/events/event-bus';
import { AuditRepository } from './audit.repository';
import type { AuditEntryRecord } from './audit.repository';
import { AdminAuditQuery, AuditEntryDto, AuditPageDto } from './dto/audit.dto';
import { PageQuery } from '../common/pagination';

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const toDto = (entry: AuditEntryRecord): AuditEntryDto => ({
  id: entry.id,
  actor: entry.actor,
  action: entry.action,
  target: entry.target,
  outcome: entry.outcome,
  ip: entry.ip,
  userAgent: entry.userAgent,
  requestId: entry.requestId,
  at: entry.at,
});

/** Writes the security events other modules publish, reads them back, and purges past retention. */
@Injectable()
export class AuditService implements OnModuleInit {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly entries: AuditRepository,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('audit-log', (event) => this.onEvent(event));
  }

  private async onEvent(event: DomainEvent): Promise<void> {
    if (event.type !== AUDIT_EVENT) return;
    const { data } = event;
    await this.entries.append({
      actor: str(data.actorId),
      subject: str(data.subjectId),
      action: str(data.action) ?? 'unknown',
      target: str(data.target),
      outcome: data.outcome === 'success' ? 'success' : 'failure',
      ip: str(data.ip),
      userAgent: str(data.userAgent),
      requestId: str(data.requestId),
      at: event.occurredAt,
    });
  }

  async listOwn(userId: string, query: PageQuery): Promise<AuditPageDto> {
    const rows = await this.entries.list({ subject: userId }, query.limit + 1, query.cursor);
    return toPage(rows.map(toDto), query.limit);
  }

  async listAll(query: AdminAuditQuery): Promise<AuditPageDto> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw new InvalidInputError('`from` must be before `to`');
    const rows = await this.entries.list(
      { actor: query.actor, action: query.action, outcome: query.outcome, from, to },
      query.limit + 1,
      query.cursor,
    );
    return toPage(rows.map(toDto), query.limit);
  }

  /** Deletes entries older than AUDIT_RETENTION_DAYS; returns how many. */
  async purge(): Promise<number> {
    const cutoff = new Date(
      this.clock.now().getTime() - this.config.auth.auditRetentionDays * 86_400_000,
    );
    const deleted = await this.entries.deleteOlderThan(cutoff);
    if (deleted) this.logger.log(`Purged ${deleted} audit entries older than ${cutoff.toISOString()}`);
    return deleted;
  }
}
