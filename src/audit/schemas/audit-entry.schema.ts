import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One security event. Append-only: nothing updates an entry; only the retention purge deletes. */
@Schema({ collection: 'audit_entries', versionKey: false })
export class AuditEntry {
  @Prop({ type: String, default: null })
  actor!: string | null;

  /** The user whose own log shows the entry. */
  @Prop({ type: String, default: null })
  subject!: string | null;

  @Prop({ type: String, required: true })
  action!: string;

  @Prop({ type: String, default: null })
  target!: string | null;

  @Prop({ type: String, required: true })
  outcome!: string;

  @Prop({ type: String, default: null })
  ip!: string | null;

  @Prop({ type: String, default: null })
  userAgent!: string | null;

  @Prop({ type: String, default: null })
  requestId!: string | null;

  @Prop({ type: Date, required: true })
  at!: Date;
}
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
// A user's own events, newest first (GET /api/security/audit-log).
AuditEntrySchema.index({ subject: 1, _id: -1 });
// Admin queries filtered by actor, action or outcome (plus optional time range), newest first.
AuditEntrySchema.index({ actor: 1, _id: -1 });
AuditEntrySchema.index({ action: 1, _id: -1 });
AuditEntrySchema.index({ outcome: 1, _id: -1 });
// The retention purge: entries older than AUDIT_RETENTION_DAYS.
AuditEntrySchema.index({ at: 1 });
