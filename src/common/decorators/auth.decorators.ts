import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

export const ROLES = ['student', 'teacher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the global auth guard knows about the caller. */
export interface AuthUser {
  id: string;
  role: Role;
}

/**
 * What an API key may be granted. A route reachable with a key declares the scope it needs with
 * `@Authenticated({ scopes: [...] })`; a route that declares none is unreachable with a key.
 */
export const API_SCOPES = [
  'documents:read',
  'reviews:read',
  'analytics:read',
  'webhooks:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const PUBLIC_KEY = 'auth:public';
export const AUTH_OPTIONS_KEY = 'auth:options';

export interface AuthenticatedOptions {
  /** Roles allowed to call the route; any signed-in user when omitted. */
  roles?: Role[];
  /**
   * A sensitive action: with 2FA on, the caller must have signed in with a code within the last ten
   * minutes or send a current code in the `X-2FA-Code` header.
   */
  stepUp?: boolean;
  /** API-key scopes that reach this route (any one suffices); without them keys are refused. */
  scopes?: ApiScope[];
}

/** Opts a route out of authentication. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Requires a valid access token, and one of the roles when given. Routes without it are authenticated too. */
export const Authenticated = (options: AuthenticatedOptions = {}) =>
  applyDecorators(
    SetMetadata(AUTH_OPTIONS_KEY, options),
    ApiBearerAuth(),
    ...(options.scopes
      ? [
          ApiSecurity('api-key', options.scopes),
          ApiForbiddenResponse({
            description: `With an API key: needs scope ${options.scopes.join(' or ')}`,
          }),
        ]
      : []),
    ApiUnauthorizedResponse({ description: 'Missing, expired or invalid access token' }),
    ...(options.stepUp
      ? [
          ApiHeader({
            name: 'X-2FA-Code',
            required: false,
            description: 'With 2FA on and no sign-in with a code in the last 10 minutes: a current code',
          }),
          ApiForbiddenResponse({ description: 'With 2FA on: a recent second-factor proof is needed' }),
        ]
      : []),
    ...(options.roles
      ? [ApiForbiddenResponse({ description: `Requires role: ${options.roles.join(' or ')}` })]
      : []),
  );

/** The authenticated caller, set on the request by the auth guard. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => {
    const request = context.switchToHttp().getRequest<{ user?: AuthUser }>();
    if (!request.user) throw new Error('CurrentUser used on a route without authentication');
    return request.user;
  },
);
