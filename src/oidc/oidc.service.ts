import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { NO_PASSWORD, PasswordHasher } from '../auth/password-hasher';
import { SignInCodesService } from '../auth/sign-in-codes.service';
import type { SignInResultDto } from '../auth/dto/auth.dto';
import { Clock } from '../common/clock';
import { SecretBox } from '../common/crypto/secret-box';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '../common/errors';
import { AppConfig } from '../config';
import { UsersService } from '../users/users.service';
import { OidcRepository, type ProviderRecord } from './oidc.repository';

export type ProviderView = Omit<ProviderRecord, 'clientSecretSealed'>;

export interface IdentityView {
  provider: string;
  displayName: string;
  subject: string;
  email: string | null;
  linkedAt: Date;
}

/** Why a sign-in ended on the app's callback page with `error=`. */
class SignInFailed extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A sign-in must come back within 10 minutes; a pending link be confirmed within as long. */
const LOGIN_TTL_MS = 10 * 60_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const toView = ({ clientSecretSealed: _s, ...view }: ProviderRecord): ProviderView => view;

/**
 * Sign-in with OpenID Connect providers (Google, Microsoft, any conforming one): discovery, then the
 * authorization-code flow with PKCE, state and nonce (openid-client). The browser comes back to the app
 * with a one-time code, never with tokens. A first sign-in creates an account; a verified email that
 * matches an existing account is linked only once its owner proves it (signed in, or their password).
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private readonly box: SecretBox;
  private readonly configurations = new Map<string, Promise<client.Configuration>>();

  constructor(
    private readonly repo: OidcRepository,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly codes: SignInCodesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.box = new SecretBox(config.crypto.encryptionKey);
  }

  async registerProvider(input: {
    name: string;
    displayName: string;
    issuer: string;
    clientId: string;
    clientSecret: string;
  }): Promise<ProviderView> {
    if (!this.config.oidc.allowHttpIssuers && !input.issuer.startsWith('https://'))
      throw new InvalidInputError('issuer must use https');
    const { clientSecret, ...rest } = input;
    const created = await this.repo.createProvider({
      ...rest,
      clientSecretSealed: this.box.seal(clientSecret),
    });
    if (!created) throw new ConflictError(`A provider named ${input.name} exists`);
    return toView(created);
  }

  async listProviders(): Promise<ProviderView[]> {
    return (await this.repo.listProviders()).map(toView);
  }

  async removeProvider(id: string): Promise<void> {
    const provider = await this.repo.findProvider(id);
    if (!provider || !(await this.repo.deleteProvider(id))) throw new NotFoundError('Provider');
    this.configurations.delete(provider.id);
  }

  /** The provider's authorization URL for a new sign-in (or, with `linkUserId`, a link). */
  async start(providerName: string, linkUserId?: string): Promise<string> {
    const provider = await this.requireProvider(providerName);
    const configuration = await this.configuration(provider);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await this.repo.createLogin(
      state,
      { providerId: provider.id, nonce, codeVerifier, linkUserId: linkUserId ?? null },
      this.clock.now(),
    );
    return client
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri(provider),
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      .toString();
  }

  /** Completes the sign-in the provider redirected back: the app URL to send the browser to. */
  async callback(providerName: string, callbackUrl: URL): Promise<string> {
    try {
      return this.landing(await this.complete(providerName, callbackUrl));
    } catch (error) {
      if (error instanceof SignInFailed) return this.landing({ error: error.code });
      throw error;
    }
  }

  /** Links a pending provider account after the account's password proves ownership, and signs in. */
  async confirmLink(code: string, password: string): Promise<SignInResultDto> {
    const pending = await this.repo.consumePendingLink(sha256(code));
    if (!pending || this.expired(pending.createdAt))
      throw new UnauthenticatedError('Unknown, used or expired link code');
    const user = await this.users.getById(pending.userId);
    if (!(await this.passwords.verify(user.passwordHash, password)))
      throw new UnauthenticatedError('Invalid password');
    if ((await this.repo.link({ ...pending, email: pending.email }, this.clock.now())) === 'taken')
      throw new ConflictError('This provider account, or this provider, is linked already');
    return this.codes.exchange(await this.codes.issue(user.id));
  }

  async identities(userId: string): Promise<IdentityView[]> {
    const [identities, providers] = await Promise.all([
      this.repo.identitiesOf(userId),
      this.repo.listProviders(),
    ]);
    const byId = new Map(providers.map((p) => [p.id, p]));
    return identities.map((i) => ({
      provider: byId.get(i.providerId)?.name ?? 'removed',
      displayName: byId.get(i.providerId)?.displayName ?? 'Removed provider',
      subject: i.subject,
      email: i.email,
      linkedAt: i.createdAt,
    }));
  }

  /** Unlinks a provider, unless it is the account's last way to sign in. */
  async unlink(userId: string, providerName: string): Promise<void> {
    const provider = await this.requireProvider(providerName);
    const [user, identities] = await Promise.all([
      this.users.getById(userId),
      this.repo.identitiesOf(userId),
    ]);
    if (!identities.some((i) => i.providerId === provider.id)) throw new NotFoundError('Identity');
    if (user.passwordHash === NO_PASSWORD && identities.length <= 1)
      throw new ConflictError(
        'This is your only way to sign in: set a password or link another first',
      );
    await this.repo.unlink(userId, provider.id);
  }

  @Interval(10 * 60_000)
  async removeExpired(): Promise<void> {
    await this.repo
      .removeExpired(new Date(this.clock.now().getTime() - LOGIN_TTL_MS))
      .catch((error: Error) => this.logger.warn(`Clean-up failed: ${error.message}`));
  }

  private async complete(
    providerName: string,
    callbackUrl: URL,
  ): Promise<{ code?: string; link?: string; linked?: string }> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    const login = state ? await this.repo.consumeLogin(state) : null;
    if (!login || this.expired(login.createdAt)) throw new SignInFailed('invalid_state');
    const provider = await this.repo.findProvider(login.providerId);
    if (!provider || provider.name !== providerName) throw new SignInFailed('invalid_state');
    if (callbackUrl.searchParams.has('error')) throw new SignInFailed('access_denied');

    const configuration = await this.configuration(provider);
    let claims: { sub: string; email?: unknown; email_verified?: unknown; name?: unknown };
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      claims =
        idClaims.email === undefined
          ? await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
          : idClaims;
    } catch (error) {
      this.logger.warn(`Sign-in with ${provider.name} failed: ${(error as Error).message}`);
      throw new SignInFailed('provider_rejected');
    }
    const email = typeof claims.email === 'string' ? claims.email : null;
    const verified = claims.email_verified === true;
    const identity = { providerId: provider.id, subject: claims.sub, email };

    if (login.linkUserId) {
      const linked = await this.repo.link(
        { ...identity, userId: login.linkUserId },
        this.clock.now(),
      );
      if (linked === 'taken') throw new SignInFailed('already_linked');
      return { linked: provider.name };
    }
    const known = await this.repo.findIdentity(provider.id, claims.sub);
    if (known) return { code: await this.codes.issue(known.userId) };
    if (!email || !verified) throw new SignInFailed('email_not_verified');
    const existing = await this.users.findByEmail(email);
    if (existing) {
      const link = randomBytes(32).toString('base64url');
      await this.repo.createPendingLink(
        sha256(link),
        { ...identity, email, userId: existing.id },
        this.clock.now(),
      );
      return { link };
    }
    const user = await this.users.create({
      email,
      name: typeof claims.name === 'string' ? claims.name.slice(0, 100) : email.split('@')[0],
      role: 'student',
      passwordHash: NO_PASSWORD,
    });
    await this.repo.link({ ...identity, userId: user.id }, this.clock.now());
    return { code: await this.codes.issue(user.id) };
  }

  private landing(params: Record<string, string | undefined>): string {
    const url = new URL(`${this.config.http.appUrl}/auth/callback`);
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  }

  private redirectUri(provider: ProviderRecord): string {
    return `${this.config.http.publicUrl}/auth/oidc/${provider.name}/callback`;
  }

  private expired(createdAt: Date): boolean {
    return this.clock.now().getTime() - createdAt.getTime() > LOGIN_TTL_MS;
  }

  private async requireProvider(name: string): Promise<ProviderRecord> {
    const provider = await this.repo.findProviderByName(name);
    if (!provider) throw new NotFoundError('Provider');
    return provider;
  }

  /** The provider's discovered configuration, cached per provider (discovery failures are retried). */
  private configuration(provider: ProviderRecord): Promise<client.Configuration> {
    let configuration = this.configurations.get(provider.id);
    if (!configuration) {
      configuration = client
        .discovery(
          new URL(provider.issuer),
          provider.clientId,
          this.box.open(provider.clientSecretSealed),
          undefined,
          {
            timeout: 10,
            execute: this.config.oidc.allowHttpIssuers ? [client.allowInsecureRequests] : [],
          },
        )
        .catch((error: Error) => {
          this.configurations.delete(provider.id);
          this.logger.warn(`Discovery of ${provider.issuer} failed: ${error.message}`);
          throw new ServiceUnavailableError(
            `The sign-in provider ${provider.name} cannot be reached`,
          );
        });
      this.configurations.set(provider.id, configuration);
    }
    return configuration;
  }
}
