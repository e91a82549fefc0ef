import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../common/clock';
import { UnauthenticatedError } from '../common/errors';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import type { SignInResultDto } from './dto/auth.dto';
import { SignInCodesRepository } from './sign-in-codes.repository';

const CODE_TTL_MS = 60_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * One-time sign-in codes for redirect sign-ins (identity providers, LMS launches): the browser lands on
 * the app with a code, never with tokens in the URL, and the app exchanges it once, within a minute.
 */
@Injectable()
export class SignInCodesService {
  private readonly logger = new Logger('SignInCodes');

  constructor(
    private readonly codes: SignInCodesRepository,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  /** A code of 256 random bits; only its hash is stored. */
  async issue(userId: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.codes.create(sha256(code), userId, this.clock.now());
    return code;
  }

  /** Tokens, or a 2FA challenge when the account has 2FA on (the same end as every sign-in). */
  async exchange(code: string): Promise<SignInResultDto> {
    const found = await this.codes.consume(sha256(code));
    if (!found || this.clock.now().getTime() - found.createdAt.getTime() > CODE_TTL_MS)
      throw new UnauthenticatedError('Unknown, used or expired sign-in code');
    const user = await this.users.getById(found.userId);
    return this.auth.signInVerified(user);
  }

  @Interval(10 * 60_000)
  async removeExpired(): Promise<void> {
    await this.codes
      .removeOlderThan(new Date(this.clock.now().getTime() - CODE_TTL_MS))
      .catch((error: Error) => this.logger.warn(`Clean-up failed: ${error.message}`));
  }
}
