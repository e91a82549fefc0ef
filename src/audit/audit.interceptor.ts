import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, tap } from 'rxjs';
import { Clock } from '../common/clock';
import { AUTH_OPTIONS_KEY } from '../common/decorators';
import type { AuthenticatedOptions, AuthUser } from '../common/decorators';
import { contextOf, publishAudit, requestContext } from '../infra/events/audit';
import { EventBus } from '../infra/events/event-bus';

interface AuditedRequest {
  method: string;
  ip?: string;
  id?: string;
  headers?: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
  routeOptions?: { url?: string };
  user?: AuthUser;
}

/**
 * Runs every handler inside its request's context (ip, user agent, request id) so services can publish
 * audit events, and records every admin action: a request that changes something on a route only
 * admins may call, with its outcome.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const requestCtx = contextOf(request);
    const options = this.reflector.getAllAndOverride<AuthenticatedOptions | undefined>(
      AUTH_OPTIONS_KEY,
      [context.getHandler(), context.getClass()],
    );
    const adminOnly = options?.roles?.length === 1 && options.roles[0] === 'admin';
    const audited = adminOnly && request.method !== 'GET' && request.method !== 'HEAD';
    const record = (outcome: 'success' | 'failure') =>
      publishAudit(this.events, this.clock.now(), {
        action: `admin.${request.method} ${request.routeOptions?.url ?? 'unknown'}`,
        outcome,
        actorId: request.user?.id ?? null,
        target: request.params?.id ?? null,
        context: requestCtx,
      });
    return new Observable((subscriber) =>
      requestContext.run(requestCtx, () =>
        next
          .handle()
          .pipe(
            tap({
              next: () => audited && record('success'),
              error: () => audited && record('failure'),
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
