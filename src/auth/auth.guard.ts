import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '../common/clock';
import { AUTH_OPTIONS_KEY, AuthenticatedOptions, AuthUser, PUBLIC_KEY } from '../common/decorators';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { UsersService } from '../users/users.service';
import { contextOf } from '../infra/events/audit';
import type { RequestContext } from '../infra/events/audit';
import { API_KEY_FORMAT, isApiKey } from './api-keys/api-key-scopes';
import { ApiKeysService } from './api-keys/api-keys.service';
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
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{
        headers: Record<string, string | undefined>;
        ip?: string;
        id?: string;
        user?: AuthUser;
      }>();
    const options = this.reflector.getAllAndOverride<AuthenticatedOptions | undefined>(
      AUTH_OPTIONS_KEY,
      targets,
    );
    const apiKey = request.headers['x-api-key'];
    const credential = typeof apiKey === 'string' ? apiKey : bearerToken(request.headers.authorization);
    if (isApiKey(credential)) {
      request.user = await this.authenticateKey(credential, options, contextOf(request));
      return true;
    }
    const claims = await this.tokens.verifyAccessToken(credential);
    const state = await this.users.accessState(claims.id);
    if (!state || state.tokenVersion !== claims.tokenVersion) {
      throw new UnauthenticatedError('Access token revoked; sign in again');
    }
    const user: AuthUser = { id: claims.id, role: state.role };
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

  /** A key reaches only routes that declare one of its scopes, with its owner's current role. */
  private async authenticateKey(
    key: string,
    options: AuthenticatedOptions | undefined,
    context: RequestContext,
  ): Promise<AuthUser> {
    const found = await this.apiKeys.authenticate(key, context);
    if (!found) throw new UnauthenticatedError('Invalid, revoked or expired API key');
    const state = await this.users.accessState(found.userId);
    if (!state) throw new UnauthenticatedError('Invalid, revoked or expired API key');
    const scopes = options?.scopes ?? [];
    const keyId = API_KEY_FORMAT.exec(key)?.[1] ?? null;
    if (!scopes.some((scope) => found.scopes.includes(scope))) {
      this.apiKeys.refused(keyId, found.userId, 'scope not granted', context);
      throw new ForbiddenError(
        scopes.length
          ? `This API key lacks the scope ${scopes.join(' or ')}`
          : 'This route cannot be used with an API key',
      );
    }
    if (options?.roles && !options.roles.includes(state.role))
      throw new ForbiddenError(`This action requires the role ${options.roles.join(' or ')}`);
    return { id: found.userId, role: state.role };
  }
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
  if (!match) throw new UnauthenticatedError('Missing bearer token');
  return match[1];
}
