import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import {
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import { NO_PASSWORD } from '../auth/password-hasher';
import { SignInCodesService } from '../auth/sign-in-codes.service';
import { Clock } from '../common/clock';
import { SecretBox } from '../common/crypto/secret-box';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnauthenticatedError,
} from '../common/errors';
import { toPage, type Page } from '../common/pagination';
import { AppConfig } from '../config';
import { UsersService } from '../users/users.service';
import { LaunchRejected, readResourceLinkLaunch } from './launch-claims';
import { LtiRepository, type PlatformRecord } from './lti.repository';

export interface LoginInitiation {
  iss: string;
  login_hint: string;
  target_link_uri: string;
  client_id?: string;
  lti_message_hint?: string;
  lti_deployment_id?: string;
}

/** A login must come back within 10 minutes. */
const STATE_TTL_MS = 10 * 60_000;
/** Nonces are kept a day, far past any id_token's life. */
const NONCE_TTL_MS = 86_400_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * LTI 1.3 tool launches (IMS LTI Core 1.3 with the IMS Security Framework): third-party login
 * initiation, the id_token checked against the platform's JWKS (issuer, audience, expiry, nonce,
 * deployment), and a resource-link launch that signs the user in and opens the linked content.
 */
@Injectable()
export class LtiService {
  private readonly logger = new Logger('LTI');
  private readonly box: SecretBox;
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(
    private readonly repo: LtiRepository,
    private readonly users: UsersService,
    private readonly codes: SignInCodesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.box = new SecretBox(config.crypto.encryptionKey);
  }

  async registerPlatform(input: Omit<PlatformRecord, 'id' | 'createdAt'>): Promise<PlatformRecord> {
    const platform = await this.repo.createPlatform({
      ...input,
      deploymentIds: [...new Set(input.deploymentIds)],
    });
    if (!platform)
      throw new ConflictError('A platform with this issuer and client id is registered');
    return platform;
  }

  async listPlatforms(limit: number, cursor?: string): Promise<Page<PlatformRecord>> {
    return toPage(await this.repo.listPlatforms(limit + 1, cursor), limit);
  }

  async removePlatform(id: string): Promise<void> {
    if (!(await this.repo.deletePlatform(id))) throw new NotFoundError('Platform');
  }

  /** The tool's public keys (made on first need). */
  async jwks(): Promise<JSONWebKeySet> {
    const key = (await this.repo.findToolKey()) ?? (await this.createToolKey());
    return { keys: [key.publicJwk as JSONWebKeySet['keys'][number]] };
  }

  /** Third-party login initiation: the URL of the platform's authentication request. */
  async login(input: LoginInitiation): Promise<string> {
    const platform = await this.repo.findPlatformByIssuer(input.iss, input.client_id);
    if (!platform) throw new NotFoundError('Platform');
    if (input.lti_deployment_id && !platform.deploymentIds.includes(input.lti_deployment_id))
      throw new InvalidInputError('Unknown deployment');
    const state = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    await this.repo.createState(state, platform.id, nonce, this.clock.now());
    const url = new URL(platform.authLoginUrl);
    const params: Record<string, string | undefined> = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: `${this.config.http.publicUrl}/lti/launch`,
      login_hint: input.login_hint,
      lti_message_hint: input.lti_message_hint,
      state,
      nonce,
    };
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Verifies the launch and signs its user in: the URL of the app with a one-time sign-in code. */
  async launch(idToken: string, state: string): Promise<string> {
    const login = await this.repo.consumeState(state);
    if (!login || this.clock.now().getTime() - login.createdAt.getTime() > STATE_TTL_MS)
      throw new UnauthenticatedError('Unknown or expired launch state');
    const platform = await this.repo.findPlatform(login.platformId);
    if (!platform) throw new UnauthenticatedError('The platform is no longer registered');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(idToken, this.keySet(platform.jwksUrl), {
        issuer: platform.issuer,
        audience: platform.clientId,
        algorithms: ['RS256'],
        currentDate: this.clock.now(),
        requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
      }));
    } catch (error) {
      throw new UnauthenticatedError(`The id_token is not valid: ${(error as Error).message}`);
    }
    let launch;
    try {
      launch = readResourceLinkLaunch(payload, {
        nonce: login.nonce,
        deploymentIds: platform.deploymentIds,
      });
    } catch (error) {
      if (error instanceof LaunchRejected)
        throw new UnauthenticatedError(`Launch refused: ${error.message}`);
      throw error;
    }
    if (!(await this.repo.useNonce(platform.id, login.nonce, this.clock.now())))
      throw new UnauthenticatedError('This launch was already used');
    const userId = await this.accountFor(platform, launch);
    const code = await this.codes.issue(userId);
    const landing = new URL(`${this.config.http.appUrl}/lti`);
    landing.searchParams.set('code', code);
    if (launch.target) landing.searchParams.set(launch.target.kind, launch.target.id);
    return landing.toString();
  }

  @Interval(10 * 60_000)
  async removeExpired(): Promise<void> {
    const now = this.clock.now().getTime();
    await this.repo
      .removeExpired(new Date(now - STATE_TTL_MS), new Date(now - NONCE_TTL_MS))
      .catch((error: Error) => this.logger.warn(`LTI clean-up failed: ${error.message}`));
  }

  /**
   * The account of the platform user: the one linked to their subject, else the account with the
   * email the (administrator-registered, so trusted) platform asserts, else a new one.
   */
  private async accountFor(
    platform: PlatformRecord,
    launch: ReturnType<typeof readResourceLinkLaunch>,
  ): Promise<string> {
    const linked = await this.repo.findIdentity(platform.id, launch.subject);
    if (linked) return linked;
    const existing = launch.email ? await this.users.findByEmail(launch.email) : null;
    const userId =
      existing?.id ??
      (
        await this.users.create({
          email:
            launch.email ??
            `lti-${sha256(`${platform.id}:${launch.subject}`).slice(0, 24)}@lti.invalid`,
          name: launch.name ?? 'Learner',
          role: launch.instructor ? 'teacher' : 'student',
          // No password: the account signs in through its platform (or sets one by a reset).
          passwordHash: NO_PASSWORD,
        })
      ).id;
    return this.repo.linkIdentity(platform.id, launch.subject, userId, this.clock.now());
  }

  private keySet(url: string): JWTVerifyGetKey {
    let keys = this.keySets.get(url);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
      this.keySets.set(url, keys);
    }
    return keys;
  }

  private async createToolKey() {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomBytes(8).toString('hex');
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
    return this.repo.saveToolKey(
      { kid, publicJwk, privateJwkSealed: this.box.seal(JSON.stringify(privateJwk)) },
      this.clock.now(),
    );
  }
}
