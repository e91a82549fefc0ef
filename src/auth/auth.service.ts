import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { InvalidInputError, TooManyRequestsError, UnauthenticatedError } from '../common/errors';
import { AppConfig } from '../config';
import { publishAudit } from '../infra/events/audit';
import type { AuditRecord } from '../infra/events/audit';
import { EventBus } from '../infra/events/event-bus';
import { AttemptCounter } from '../infra/throttling/attempt-counter';
import type { UserRecord } from '../users/users.repository';
import { MailService } from '../infra/mail/mail.service';
import { UserDto, UpdateProfileDto } from '../users/dto/user.dto';
import { normalizeEmail, toUserDto, UsersService } from '../users/users.service';
import {
  ChangePasswordDto,
  LoginDto,
  RegisterDto,
  SessionDto,
  SignInResultDto,
  TokenPairDto,
} from './dto/auth.dto';
import { PasswordHasher } from './password-hasher';
import { TokensService } from './tokens.service';
import { TwoFactorService } from './two-factor/two-factor.service';

const LOGIN_WINDOW_SECONDS = 3600;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly twoFactor: TwoFactorService,
    private readonly attempts: AttemptCounter,
    private readonly config: AppConfig,
    private readonly events: EventBus,
  ) {}

  /**
   * The one end of every sign-in path (password, one-time codes of OIDC and LTI, OIDC linking): tokens,
   * or a 2FA challenge when the account has a second factor on.
   */
  async signInVerified(user: UserRecord): Promise<SignInResultDto> {
    if (user.twoFactorEnabled) {
      return { mfaRequired: true, challenge: await this.twoFactor.createChallenge(user.id) };
    }
    return { user: toUserDto(user), ...(await this.tokens.issue(user)) };
  }

  /** The second step: a valid TOTP or backup code for the challenge gives the tokens. */
  async verifyChallenge(challenge: string, code: string): Promise<SessionDto> {
    const userId = await this.twoFactor.completeChallenge(challenge, code).catch((error: Error) => {
      this.audit({ action: 'auth.sign-in.second-factor', outcome: 'failure', actorId: null });
      throw error;
    });
    const user = await this.users.getById(userId);
    this.audit({ action: 'auth.sign-in.second-factor', outcome: 'success', actorId: userId });
    return {
      user: toUserDto(user),
      ...(await this.tokens.issue(user, undefined, { mfaAt: this.clock.now() })),
    };
  }

  async register(input: RegisterDto): Promise<SessionDto> {
    const passwordHash = await this.passwords.hash(input.password);
    const user = await this.users.create({
      email: input.email,
      name: input.name,
      role: input.role ?? 'student',
      timezone: input.timezone,
      passwordHash,
    });
    // Classrooms enrol a new account that was invited by email.
    this.events.publish({
      type: 'user.registered',
      userId: user.id,
      occurredAt: this.clock.now(),
      data: { email: user.email, role: user.role },
    });
    return { user: toUserDto(user), ...(await this.tokens.issue(user)) };
  }

  /**
   * The same error, after the same work, whether the email is unknown or the password is wrong.
   * Failed attempts count per account (whatever the address). Past the limit the account is guarded:
   * an address that has not failed on this account may try once per delay; otherwise a correct password
   * of an account with 2FA still gets its challenge (the code protects it), and everything else is a 429.
   */
  async login(input: LoginDto, ip = 'unknown'): Promise<SignInResultDto> {
    const { loginFailureLimit, loginLockedDelaySeconds } = this.config.auth;
    const account = normalizeEmail(input.email);
    const failures = await this.attempts.count(`login:${account}`);
    const user = await this.users.findByEmail(input.email);
    const locked = failures >= loginFailureLimit;
    const failedHere = locked && (await this.attempts.count(`login:${account}:${ip}`)) > 0;
    const slot =
      locked && !failedHere && (await this.attempts.claim(`login:${account}`, loginLockedDelaySeconds));
    const failed = (reason: string) =>
      this.audit({
        action: 'auth.sign-in',
        outcome: 'failure',
        actorId: null,
        subjectId: user?.id ?? null,
        target: `${account} (${reason})`.slice(0, 300),
      });
    if (locked && !slot && !user?.twoFactorEnabled) {
      failed('account guarded');
      await this.refuseLocked(account, ip);
    }
    const valid = await this.passwords.verify(user?.passwordHash, input.password);
    if (!user || !valid) {
      failed(user ? 'wrong password' : 'unknown account');
      await this.attempts.add(`login:${account}`, LOGIN_WINDOW_SECONDS);
      await this.attempts.add(`login:${account}:${ip}`, LOGIN_WINDOW_SECONDS);
      // A guarded account with 2FA: only the correct password (then the code) goes on.
      if (locked && !slot) await this.refuseLocked(account, ip);
      throw new UnauthenticatedError('Invalid email or password');
    }
    this.audit({
      action: user.twoFactorEnabled ? 'auth.sign-in.password' : 'auth.sign-in',
      outcome: 'success',
      actorId: user.id,
    });
    return this.signInVerified(user);
  }

  private audit(record: AuditRecord): void {
    publishAudit(this.events, this.clock.now(), record);
  }

  private async refuseLocked(account: string, ip: string): Promise<never> {
    await this.attempts.add(`login:${account}:${ip}`, LOGIN_WINDOW_SECONDS);
    throw new TooManyRequestsError('Too many failed sign-ins for this account; try again later');
  }

  /** Sign out everywhere: every refresh token is revoked and every access token stops working. */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.tokens.revokeAllOf(userId);
    await this.users.revokeAccessTokens(userId);
  }

  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const { userId, familyId, tokenId } = await this.tokens.consumeRefreshToken(refreshToken);
    const user = await this.users.getById(userId).catch(() => {
      throw new UnauthenticatedError('Invalid refresh token');
    });
    return this.tokens.issue(user, { familyId, parentId: tokenId });
  }

  logout(userId: string, refreshToken: string): Promise<void> {
    return this.tokens.revokeFamilyOf(refreshToken, userId);
  }

  async me(userId: string): Promise<UserDto> {
    return toUserDto(await this.users.getById(userId));
  }

  async updateProfile(userId: string, changes: UpdateProfileDto): Promise<UserDto> {
    return toUserDto(await this.users.updateProfile(userId, changes));
  }

  /** Changing the password signs out every session (all refresh tokens are revoked) and tells the owner by email. */
  async changePassword(userId: string, input: ChangePasswordDto): Promise<void> {
    const user = await this.users.getById(userId);
    if (!(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
      throw new InvalidInputError('Current password is incorrect');
    }
    if (input.currentPassword === input.newPassword) {
      throw new InvalidInputError('The new password must differ from the current one');
    }
    await this.users.setPasswordHash(userId, await this.passwords.hash(input.newPassword));
    this.audit({ action: 'auth.password-change', outcome: 'success', actorId: userId });
    await this.tokens.revokeAllOf(userId);
    const changedAt = this.clock.now();
    await this.mail.send({
      to: user.email,
      subject: 'Your password was changed',
      template: 'password-changed',
      context: {
        name: user.name,
        email: user.email,
        changedAt: changedAt.toISOString().replace('T', ' ').slice(0, 16),
      },
      ownerId: userId,
      idempotencyKey: `password-changed:${changedAt.getTime()}`,
    });
  }
}
