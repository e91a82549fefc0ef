import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { AuditEntry } from './schemas/audit-entry.schema';

export interface AuditEntryRecord {
  id: string;
  actor: string | null;
  subject: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  at: Date;
}

export interface AuditFilter {
  subject?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

type LeanEntry = AuditEntry & { _id: Types.ObjectId };

const toRecord = (entry: LeanEntry): AuditEntryRecord => ({
  id: entry._id.toHexString(),
  actor: entry.actor ?? null,
  subject: entry.subject ?? null,
  action: entry.action,
  target: entry.target ?? null,
  outcome: entry.outcome,
  ip: entry.ip ?? null,
  userAgent: entry.userAgent ?? null,
  requestId: entry.requestId ?? null,
  at: entry.at,
});

/** Every query on `audit_entries`: inserts, reads and the retention purge. No updates, by design. */
@Injectable()
export class AuditRepository {
  constructor(@InjectModel(AuditEntry.name) private readonly entries: Model<AuditEntry>) {}

  async append(entry: Omit<AuditEntryRecord, 'id'>): Promise<void> {
    await this.entries.create(entry);
  }

  /** Newest first, `limit` rows after the cursor (an entry id). */
  async list(filter: AuditFilter, limit: number, cursor?: string): Promise<AuditEntryRecord[]> {
    const query: Record<string, unknown> = {};
    for (const field of ['subject', 'actor', 'action', 'outcome'] as const) {
      if (filter[field] !== undefined) query[field] = filter[field];
    }
    if (filter.from || filter.to) {
      // Dates parsed and validated by the service, never raw request values.
      query.at = trusted({
        ...(filter.from ? { $gte: filter.from } : {}),
        ...(filter.to ? { $lt: filter.to } : {}),
      });
    }
    if (cursor) query._id = trusted({ $lt: new Types.ObjectId(cursor) });
    const rows = await this.entries
      .find(query)
      .sort({ _id: -1 })
      .limit(limit)
      .lean<LeanEntry[]>()
      .exec();
    return rows.map(toRecord);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const result = await this.entries.deleteMany({ at: trusted({ $lt: cutoff }) }).exec();
    return result.deletedCount;
  }
}
