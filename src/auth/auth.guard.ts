import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_OPTIONS_KEY, AuthenticatedOptions, AuthUser, PUBLIC_KEY } from '../common/decorators';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { TokensService } from './tokens.service';

/** The one global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const user = await this.tokens.verifyAccessToken(bearerToken(request.headers.authorization));
    const options = this.reflector.getAllAndOverride<AuthenticatedOptions | undefined>(
      AUTH_OPTIONS_KEY,
      targets,
    );
    if (options?.roles && !options.roles.includes(user.role)) {
      throw new ForbiddenError(`This action requires the role ${options.roles.join(' or ')}`);
    }
    request.user = user;
    return true;
  }
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
  if (!match) throw new UnauthenticatedError('Missing bearer token');
  return match[1];
}
