import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ServiceUnavailableError } from '../../common/errors';
import { DatabaseStatus } from './database-status';

const WITHOUT_DATABASE = 'withoutDatabase';

/** Routes that answer without the database (liveness, metrics, readiness reporting the outage itself). */
export const WithoutDatabase = () => SetMetadata(WITHOUT_DATABASE, true);

/** While the database is known to be down, answers 503 at once instead of letting queries wait for it. */
@Injectable()
export class DatabaseAvailableGuard implements CanActivate {
  constructor(
    private readonly status: DatabaseStatus,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.status.up || context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(WITHOUT_DATABASE, targets)) return true;
    throw new ServiceUnavailableError('The database is unavailable; try again shortly');
  }
}
