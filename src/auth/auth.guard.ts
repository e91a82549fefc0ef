import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '../common/clock';
import { AUTH_OPTIONS_KEY, AuthenticatedOptions, AuthUser, PUBLIC_KEY } from '../common/decorators';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { UsersService } from '../users/users.service';
import { TokensService } from './tokens.service';
import { TwoFactorService } from './two-factor/two-factor.service';

/** How long a sign-in with a second factor counts as proof for sensitive actions. */
const STEP_UP_WINDOW_MS = 10 * 60_000;

/**
 * The one global guard: every route needs a valid access token unless marked @Public(). The token's
 * version is checked against the account's current one (cached in Redis, invalidated on change), and
 * the role comes from the account, so role changes, sign-out everywhere and deletion apply at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly users: UsersService,
    private readonly twoFactor: TwoFactorService,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const claims = await this.tokens.verifyAccessToken(bearerToken(request.headers.authorization));
    const state = await this.users.accessState(claims.id);
    if (!state || state.tokenVersion !== claims.tokenVersion) {
      throw new UnauthenticatedError('Access token revoked; sign in again');
    }
    const user: AuthUser = { id: claims.id, role: state.role };
    const options = this.reflector.getAllAndOverride<AuthenticatedOptions | undefined>(
      AUTH_OPTIONS_KEY,
      targets,
    );
    if (options?.roles && !options.roles.includes(user.role)) {
      throw new ForbiddenError(`This action requires the role ${options.roles.join(' or ')}`);
    }
    if (options?.stepUp && state.twoFactorEnabled) {
      const recent =
        claims.mfaAt !== undefined &&
        this.clock.now().getTime() - claims.mfaAt.getTime() <= STEP_UP_WINDOW_MS;
      const code = request.headers['x-2fa-code'];
      if (!recent && !(typeof code === 'string' && (await this.twoFactor.verifyCode(user.id, code))))
        throw new ForbiddenError(
          'This action needs a second factor: send a current code in X-2FA-Code',
        );
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
