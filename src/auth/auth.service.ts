import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { InvalidInputError, UnauthenticatedError } from '../common/errors';
import { MailService } from '../infra/mail/mail.service';
import { UserDto, UpdateProfileDto } from '../users/dto/user.dto';
import { toUserDto, UsersService } from '../users/users.service';
import { ChangePasswordDto, LoginDto, RegisterDto, SessionDto, TokenPairDto } from './dto/auth.dto';
import { PasswordHasher } from './password-hasher';
import { TokensService } from './tokens.service';
import { EventBus } from '../infra/events/event-bus';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

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

  /** The same error, after the same work, whether the email is unknown or the password is wrong. */
  async login(input: LoginDto): Promise<SessionDto> {
    const user = await this.users.findByEmail(input.email);
    const valid = await this.passwords.verify(user?.passwordHash, input.password);
    if (!user || !valid) throw new UnauthenticatedError('Invalid email or password');
    return { user: toUserDto(user), ...(await this.tokens.issue(user)) };
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
