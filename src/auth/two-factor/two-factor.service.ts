import { publishAudit } from '../../infra/events/audit';
import { EventBus } from '../../infra/events/event-bus';
import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { createHash, randomBytes } from 'node:crypto';
import { toDataURL } from 'qrcode';
import { Clock } from '../../common/clock';
import { SecretBox } from '../../common/crypto/secret-box';
import {
  ConflictError,
  InvalidInputError,
  TooManyRequestsError,
  UnauthenticatedError,
} from '../../common/errors';
import { AppConfig } from '../../config';
import { AttemptCounter } from '../../infra/throttling/attempt-counter';
import { UsersService } from '../../users/users.service';
import { BackupCodesDto, TwoFactorSetupDto, TwoFactorStatusDto } from './dto/two-factor.dto';
import { matchTotp, otpauthUri, TOTP_DRIFT_STEPS, TOTP_PERIOD_SECONDS } from './totp';
import { TwoFactorRepository } from './two-factor.repository';

const ISSUER = 'Adaptive Learning';
const BACKUP_CODE_COUNT = 10;
const BACKUP_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes allowed on one challenge before it is void. */
const CHALLENGE_MAX_FAILURES = 5;
/** Wrong codes allowed on one account per hour, over all challenges and step-up checks. */
const ACCOUNT_MAX_FAILURES = 20;
const ACCOUNT_WINDOW_SECONDS = 3600;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function backupCode(): string {
  const chars = [...randomBytes(10)].map((b) => BACKUP_ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/**
 * TOTP second factor (RFC 6238): setup, enable, disable, backup codes, the sign-in challenge and the
 * step-up check. Each TOTP code and backup code is accepted once.
 */
@Injectable()
export class TwoFactorService {
  private readonly logger = new Logger('TwoFactor');
  private readonly box: SecretBox;

  constructor(
    private readonly repo: TwoFactorRepository,
    private readonly users: UsersService,
    private readonly attempts: AttemptCounter,
    private readonly clock: Clock,
    private readonly events: EventBus,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.crypto.encryptionKey);
  }

  /** A new 160-bit secret, sealed; 2FA stays off until `enable` gets a valid code for it. */
  async setup(userId: string): Promise<TwoFactorSetupDto> {
    const user = await this.users.getById(userId);
    if (user.twoFactorEnabled) throw new ConflictError('Two-factor sign-in is already on');
    const secret = randomBytes(20);
    await this.repo.savePending(userId, this.box.seal(secret.toString('base64')), this.clock.now());
    const uri = otpauthUri(secret, ISSUER, user.email);
    return { otpauthUri: uri, qrCode: await toDataURL(uri) };
  }

  async enable(userId: string, code: string): Promise<BackupCodesDto> {
    const factor = await this.repo.find(userId);
    if (!factor) throw new ConflictError('Start with POST /api/security/2fa/setup');
    if (factor.enabled) throw new ConflictError('Two-factor sign-in is already on');
    if (!(await this.checkTotp(userId, factor.secretSealed, code)))
      throw new InvalidInputError('The code is wrong, expired or already used');
    const codes = Array.from({ length: BACKUP_CODE_COUNT }, backupCode);
    await this.repo.enable(userId, codes.map(sha256), this.clock.now());
    await this.users.setTwoFactorEnabled(userId, true);
    this.audit(userId, 'two-factor.enable');
    return { backupCodes: codes };
  }

  /** Step-up guarded: the caller proved a code or signed in with one recently. */
  async disable(userId: string): Promise<void> {
    await this.repo.remove(userId);
    await this.users.setTwoFactorEnabled(userId, false);
    this.audit(userId, 'two-factor.disable');
  }

  private audit(userId: string, action: string): void {
    publishAudit(this.events, this.clock.now(), { action, outcome: 'success', actorId: userId });
  }

  async regenerateBackupCodes(userId: string): Promise<BackupCodesDto> {
    const factor = await this.repo.find(userId);
    if (!factor?.enabled) throw new ConflictError('Two-factor sign-in is off');
    const codes = Array.from({ length: BACKUP_CODE_COUNT }, backupCode);
    await this.repo.setBackupCodes(userId, codes.map(sha256), this.clock.now());
    this.audit(userId, 'two-factor.backup-codes');
    return { backupCodes: codes };
  }

  async status(userId: string): Promise<TwoFactorStatusDto> {
    const factor = await this.repo.find(userId);
    return {
      enabled: factor?.enabled ?? false,
      backupCodesLeft: factor?.enabled ? factor.backupCodeHashes.length : 0,
    };
  }

  /** The opaque challenge the password step (or any other sign-in path) hands out with 2FA on. */
  async createChallenge(userId: string): Promise<string> {
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + CHALLENGE_TTL_MS);
    await this.repo.createChallenge(sha256(challenge), userId, expiresAt);
    return challenge;
  }

  /** The challenge's user once a valid code is given; the challenge then is spent. */
  async completeChallenge(challenge: string, code: string): Promise<string> {
    const hash = sha256(challenge);
    const found = await this.repo.findChallenge(hash);
    if (!found || found.expiresAt <= this.clock.now() || found.failures >= CHALLENGE_MAX_FAILURES)
      throw new UnauthenticatedError('Unknown, expired or used challenge');
    if (!(await this.verifyCode(found.userId, code))) {
      await this.repo.countChallengeFailure(hash);
      throw new UnauthenticatedError('Invalid code');
    }
    if (!(await this.repo.consumeChallenge(hash)))
      throw new UnauthenticatedError('Unknown, expired or used challenge');
    return found.userId;
  }

  /**
   * A TOTP or backup code of an account with 2FA on, spent if valid. Wrong codes count against the
   * account: past the hourly limit every code is refused with 429 until the window ends.
   */
  async verifyCode(userId: string, code: string): Promise<boolean> {
    const key = `2fa:${userId}`;
    if ((await this.attempts.count(key)) >= ACCOUNT_MAX_FAILURES)
      throw new TooManyRequestsError('Too many wrong codes for this account; try again later');
    const factor = await this.repo.find(userId);
    let valid = false;
    if (factor?.enabled) {
      valid = /^\d{6}$/.test(code)
        ? await this.checkTotp(userId, factor.secretSealed, code)
        : await this.spendBackupCode(userId, factor.backupCodeHashes, code);
    }
    if (!valid) await this.attempts.add(key, ACCOUNT_WINDOW_SECONDS);
    return valid;
  }

  private async checkTotp(userId: string, secretSealed: string, code: string): Promise<boolean> {
    const secret = Buffer.from(this.box.open(secretSealed), 'base64');
    const step = matchTotp(secret, code, this.clock.now().getTime());
    if (step === null) return false;
    return this.repo.markUsed(`${userId}:totp:${step}`, this.clock.now());
  }

  private async spendBackupCode(userId: string, hashes: string[], code: string): Promise<boolean> {
    const hash = sha256(code);
    if (!hashes.includes(hash)) return false;
    if (!(await this.repo.markUsed(`${userId}:backup:${hash}`, this.clock.now()))) return false;
    await this.repo.removeBackupCode(userId, hash);
    return true;
  }

  @Interval(10 * 60_000)
  async removeExpired(): Promise<void> {
    const now = this.clock.now();
    const usedBefore = new Date(now.getTime() - (2 * TOTP_DRIFT_STEPS + 2) * TOTP_PERIOD_SECONDS * 1000);
    await this.repo
      .removeExpired(now, usedBefore)
      .catch((error: Error) => this.logger.warn(`Clean-up failed: ${error.message}`));
  }
}
