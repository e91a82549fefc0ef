import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventBus } from './event-bus';

/** Where a request came from, as the audit log records it. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The current request's context, set around every handler by the audit interceptor. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Reads the context from a Fastify request (what guards, which run before interceptors, have). */
export function contextOf(request: {
  ip?: string;
  id?: string;
  headers?: Record<string, string | string[] | undefined>;
}): RequestContext {
  const agent = request.headers?.['user-agent'];
  return {
    ip: request.ip ?? null,
    userAgent: (Array.isArray(agent) ? agent[0] : agent)?.slice(0, 300) ?? null,
    requestId: request.id ?? null,
  };
}

export const AUDIT_EVENT = 'audit';

export type AuditOutcome = 'success' | 'failure';

export interface AuditRecord {
  /** What happened, e.g. `auth.sign-in`, `two-factor.enable`, `admin.PATCH /api/users/:id/role`. */
  action: string;
  outcome: AuditOutcome;
  /** The user who acted (null when unknown, e.g. a failed sign-in to an unknown email). */
  actorId: string | null;
  /** The user the event is about, whose own log shows it (defaults to the actor). */
  subjectId?: string | null;
  /** What was acted on: a user or key id, an email, a route's id. */
  target?: string | null;
  /** Defaults to the current request's context. */
  context?: RequestContext;
}

/**
 * Publishes a security event for the audit log. Modules call this rather than reaching the audit
 * module: the dependency stays one-way (everything → event bus ← audit).
 */
export function publishAudit(events: EventBus, at: Date, record: AuditRecord): void {
  const context = record.context ??
    requestContext.getStore() ?? { ip: null, userAgent: null, requestId: null };
  const subjectId = record.subjectId === undefined ? record.actorId : record.subjectId;
  events.publish({
    type: AUDIT_EVENT,
    userId: subjectId ?? '',
    occurredAt: at,
    data: {
      action: record.action,
      outcome: record.outcome,
      actorId: record.actorId,
      subjectId,
      target: record.target ?? null,
      ...context,
    },
  });
}
